package io.lstmirf.experiment.sweep;

import io.lstmirf.api.train.EpochReport;
import java.util.List;

/**
 * How one trial trained.
 *
 * @param epochs the losses after every epoch
 * @param biasTrajectory the adaptive rule's bias after every epoch; empty for other arms
 * @param seconds wall time of training alone (the epoch loop, validation included)
 * @param cpuSeconds CPU time of the whole process, every thread and native pool, while this trial
 *     trained: independent of how busy the machine was, but this trial's alone only when trials run
 *     one at a time; NaN where the JVM cannot tell
 */
public record TrainingRecord(
    List<EpochReport> epochs, List<Double> biasTrajectory, double seconds, double cpuSeconds) {

  public TrainingRecord {
    epochs = List.copyOf(epochs);
    biasTrajectory = List.copyOf(biasTrajectory);
    if (epochs.isEmpty()) {
      throw new IllegalArgumentException("a trial trains at least one epoch");
    }
  }

  public double finalTrainLoss() {
    return epochs.get(epochs.size() - 1).trainLoss();
  }

  /** The validation loss of the trained model, the one whose responses are measured. */
  public double finalValidationLoss() {
    return epochs.get(epochs.size() - 1).validationLoss();
  }

  /** The lowest validation loss over the epochs. */
  public double bestValidationLoss() {
    return epochs.stream().mapToDouble(EpochReport::validationLoss).min().orElseThrow();
  }

  /** How many epochs the adaptive rule moved the bias in. */
  public int biasChanges() {
    int n = 0;
    for (int i = 1; i < biasTrajectory.size(); i++) {
      if (!biasTrajectory.get(i).equals(biasTrajectory.get(i - 1))) {
        n++;
      }
    }
    return n;
  }
}
