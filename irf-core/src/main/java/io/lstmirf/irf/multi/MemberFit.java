package io.lstmirf.irf.multi;

import io.lstmirf.api.train.EpochReport;
import java.util.List;
import java.util.Objects;

/**
 * How one member of an ensemble trained.
 *
 * @param forecaster the trained model with its residual covariance
 * @param epochs every epoch's losses (mean squared error of the scaled targets)
 * @param validation its one-step errors on the validation part, in the data's units
 * @param seconds wall time of its training
 */
public record MemberFit(
    Forecaster forecaster, List<EpochReport> epochs, OneStepErrors validation, double seconds) {

  public MemberFit {
    Objects.requireNonNull(forecaster, "forecaster");
    Objects.requireNonNull(validation, "validation");
    epochs = List.copyOf(epochs);
  }

  /** The seed. */
  public long seed() {
    return forecaster.seed();
  }

  /** The last epoch's losses. */
  public EpochReport last() {
    return epochs.get(epochs.size() - 1);
  }
}
