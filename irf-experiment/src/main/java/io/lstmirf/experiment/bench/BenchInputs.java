package io.lstmirf.experiment.bench;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.experiment.sweep.ExperimentSpec;
import io.lstmirf.experiment.sweep.SweepConfig;
import io.lstmirf.experiment.sweep.TrialKey;
import io.lstmirf.experiment.sweep.TrialRunner;
import io.lstmirf.irf.data.PreparedSeries;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The weights and data every backend gets, built once so that all of them do the same work. The IRF
 * and training cases use the default sweep's model ({@link SweepConfig#original}: its first trial's
 * initial weights, its series and windows).
 *
 * @param stepWeights the stepping case's LSTM (one input, {@code stepHidden} units)
 * @param stepInputs {@code [steps][1]}
 * @param sequenceWeights the sequence case's LSTM (one input, {@code seqHidden} units)
 * @param sequence {@code [seqBatch][seqLength][1]}
 * @param experiment the default sweep's experiment
 * @param sweepWeights the default sweep's first trial's initial weights
 * @param data the default sweep's prepared series
 */
record BenchInputs(
    LstmWeights stepWeights,
    double[][] stepInputs,
    LstmWeights sequenceWeights,
    double[][][] sequence,
    ExperimentSpec experiment,
    LstmWeights sweepWeights,
    PreparedSeries data) {

  static BenchInputs of(BenchSettings s) {
    SplittableRandom random = new SplittableRandom(4);
    double[][] step = new double[s.steps()][1];
    for (double[] x : step) {
      x[0] = random.nextGaussian();
    }
    double[][][] sequence = new double[s.seqBatch()][s.seqLength()][1];
    for (double[][] row : sequence) {
      for (double[] x : row) {
        x[0] = random.nextGaussian();
      }
    }
    SweepConfig sweep = SweepConfig.original(List.of("reference"), 1);
    TrialKey first = sweep.trials().get(0);
    ExperimentSpec experiment = sweep.experiment();
    PreparedSeries data =
        PreparedSeries.of(sweep.data().load(), experiment.windowing(), experiment.trainFraction());
    return new BenchInputs(
        Initializer.xavier(LstmSpec.of(1, s.stepHidden(), 1), 1.0, 1),
        step,
        Initializer.xavier(LstmSpec.of(1, s.seqHidden(), 1), 1.0, 2),
        sequence,
        experiment,
        new TrialRunner(experiment, data).initialWeights(first),
        data);
  }
}
