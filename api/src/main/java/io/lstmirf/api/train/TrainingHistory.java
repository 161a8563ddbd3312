package io.lstmirf.api.train;

import java.util.List;

/**
 * Every epoch's losses, and where training stopped.
 *
 * @param epochs one report per epoch that ran
 * @param bestEpoch 1-based epoch with the lowest validation loss (the last one without validation)
 * @param stoppedEarly whether early stopping ended training before the planned epochs
 */
public record TrainingHistory(List<EpochReport> epochs, int bestEpoch, boolean stoppedEarly) {

  public TrainingHistory {
    epochs = List.copyOf(epochs);
  }

  public EpochReport last() {
    return epochs.get(epochs.size() - 1);
  }

  public EpochReport best() {
    return epochs.get(bestEpoch - 1);
  }
}
