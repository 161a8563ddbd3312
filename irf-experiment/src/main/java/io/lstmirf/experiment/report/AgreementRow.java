package io.lstmirf.experiment.report;

import io.lstmirf.experiment.sweep.BiasSetting;

/**
 * How far one backend's trial lies from the same trial on the baseline backend (the reference when
 * it ran): same initial weights, same batches, same settings.
 *
 * @param setting the bias setting
 * @param seed the seed
 * @param backend the backend compared
 * @param against the baseline backend
 * @param maxIrfDifference the largest {@code |irf - irf_baseline|} over the horizon
 * @param irfScale the largest {@code |irf_baseline|}, to read the difference against
 * @param firstEpochLossDifference {@code |train loss - baseline's|} after the first epoch
 * @param finalValidationLossDifference {@code (val loss - baseline's) / baseline's} at the end
 */
public record AgreementRow(
    BiasSetting setting,
    long seed,
    String backend,
    String against,
    double maxIrfDifference,
    double irfScale,
    double firstEpochLossDifference,
    double finalValidationLossDifference) {

  /** {@link #maxIrfDifference} relative to {@link #irfScale}. */
  public double relativeIrfDifference() {
    return irfScale == 0
        ? (maxIrfDifference == 0 ? 0 : Double.POSITIVE_INFINITY)
        : maxIrfDifference / irfScale;
  }
}
