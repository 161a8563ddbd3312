package io.lstmirf.api.train;

/**
 * The losses after one epoch.
 *
 * @param epoch 1-based epoch number
 * @param epochs epochs planned
 * @param trainLoss mean of the epoch's batch losses, weighted by batch size (as Keras reports it)
 * @param validationLoss loss on the whole validation set after the epoch; NaN without one
 * @param seconds wall time of the epoch
 */
public record EpochReport(
    int epoch, int epochs, double trainLoss, double validationLoss, double seconds) {

  /** Whether there was a validation set. */
  public boolean hasValidation() {
    return !Double.isNaN(validationLoss);
  }
}
