package io.lstmirf.experiment.sweep;

import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.train.EpochListener;
import io.lstmirf.api.train.Training;
import io.lstmirf.api.train.TrainingHistory;
import io.lstmirf.irf.Baseline;
import io.lstmirf.irf.ForgetGateProfile;
import io.lstmirf.irf.GeneralizedImpulseResponse;
import io.lstmirf.irf.GeneralizedImpulseResponses;
import io.lstmirf.irf.GirfSpec;
import io.lstmirf.irf.ImpulseResponses;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.LayerForgetGates;
import io.lstmirf.irf.QuantileBand;
import io.lstmirf.irf.data.PreparedSeries;
import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs one trial: builds the seed's initial weights on the backend, trains them with {@link
 * Training#fit} (the adaptive rule listening if the arm has it), and measures the trained model:
 * the conditional IRF, the generalized IRF over held-out histories, and the forget gates over the
 * validation windows. Stateless apart from its inputs, so one runner serves many threads; each
 * trial has its own model.
 */
public final class TrialRunner {
  private final ExperimentSpec experiment;
  private final PreparedSeries data;

  public TrialRunner(ExperimentSpec experiment, PreparedSeries data) {
    this.experiment = Objects.requireNonNull(experiment, "experiment");
    this.data = Objects.requireNonNull(data, "data");
  }

  /**
   * The initial weights of a trial: Xavier weights drawn from {@code seed} with the arm's biases.
   * Arms of one seed differ only in the biases, and every backend gets the same weights.
   */
  public LstmWeights initialWeights(TrialKey key) {
    return key.setting().initialWeights(experiment.lstmSpec(), key.seed());
  }

  /**
   * Trains and measures one trial on {@code backend}, in its default precision.
   *
   * @param progress told after every epoch
   */
  public TrialResult run(LstmBackend backend, TrialKey key, EpochListener progress) {
    return run(backend, key, progress, trained -> {});
  }

  /**
   * Trains and measures one trial, handing the trained weights to {@code trained} before they are
   * measured (the sweep saves them).
   */
  public TrialResult run(
      LstmBackend backend, TrialKey key, EpochListener progress, Consumer<LstmWeights> trained) {
    ModelOptions options = ModelOptions.of(backend.capabilities().defaultPrecision());
    try (LstmModel model = backend.create(initialWeights(key), options)) {
      AdaptiveForgetBias rule =
          key.setting() instanceof BiasSetting.Adaptive a
              ? new AdaptiveForgetBias(a.start())
              : null;
      EpochListener listener = rule == null ? progress : rule.andThen(progress);
      double cpuStart = processCpuSeconds();
      long start = System.nanoTime();
      TrainingHistory history =
          Training.fit(
              model, data.train(), data.validation(), experiment.training(key.seed()), listener);
      double trainingSeconds = (System.nanoTime() - start) / 1e9;
      trained.accept(model.weights());
      TrainingRecord training =
          new TrainingRecord(
              history.epochs(),
              rule == null ? List.of() : rule.trajectory(),
              trainingSeconds,
              processCpuSeconds() - cpuStart);
      start = System.nanoTime();
      ResponseCurve irf = conditionalIrf(model);
      GirfSummary girf = generalizedIrf(model, key.seed());
      GateSummary gates = gates(model);
      return new TrialResult(
          key,
          options.precision().id(),
          training,
          irf,
          girf,
          gates,
          (System.nanoTime() - start) / 1e9);
    }
  }

  /**
   * CPU time of this process so far, all threads included (engines compute on native pools the
   * JVM's per-thread clock cannot see); NaN if the platform does not report it.
   */
  static double processCpuSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      long nanos = os.getProcessCpuTime();
      return nanos < 0 ? Double.NaN : nanos / 1e9;
    }
    return Double.NaN;
  }

  /** The original's IRF: the impulse on a zero baseline from the zero state. */
  private ResponseCurve conditionalIrf(LstmModel model) {
    return ResponseCurve.of(
        new ImpulseResponses(model)
            .compute(Baseline.zeros(), experiment.shock(), experiment.horizon(), IrfMode.SEQUENCE)
            .channel(0));
  }

  private GirfSummary generalizedIrf(LstmModel model, long seed) {
    GirfSpec spec =
        GirfSpec.of(experiment.shock(), experiment.horizon(), experiment.girfHistories(), seed);
    GeneralizedImpulseResponse g =
        new GeneralizedImpulseResponses(model)
            .compute(data.validationStretch(), spec, IrfMode.SEQUENCE);
    List<QuantileBand> bands =
        g.bands().stream().sorted(Comparator.comparingDouble(QuantileBand::level)).toList();
    QuantileBand lo = bands.get(0);
    QuantileBand hi = bands.get(bands.size() - 1);
    return new GirfSummary(
        ResponseCurve.of(g.channel(0)),
        lo.channel(0),
        hi.channel(0),
        lo.level(),
        hi.level(),
        g.histories().size());
  }

  private GateSummary gates(LstmModel model) {
    LayerForgetGates layer = ForgetGateProfile.measure(model, data.validation().inputs()).layer(0);
    double[] mean = layer.meanForget();
    double[] geometric = layer.geometricMeanForget();
    double[] bias = model.memoryGateBias(0);
    double m = 0;
    double logG = 0;
    double b = 0;
    for (int k = 0; k < mean.length; k++) {
      m += mean[k];
      logG += Math.log(geometric[k]);
      b += bias[k];
    }
    int h = mean.length;
    return new GateSummary(m / h, Math.exp(logG / h), b / h);
  }
}
