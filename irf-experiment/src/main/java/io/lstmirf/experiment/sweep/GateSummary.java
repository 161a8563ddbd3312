package io.lstmirf.experiment.sweep;

import io.lstmirf.irf.LayerForgetGates;

/**
 * The trained model's memory gates (an LSTM's forget gates f, a GRU's update gates z; fields keep
 * the forget gate's names) over the validation windows, averaged over units, windows and steps, and
 * the memory times they imply (see {@link LayerForgetGates}).
 *
 * @param meanForget the arithmetic mean of {@code f}
 * @param geometricMeanForget the mean over units of each unit's geometric mean of {@code f} across
 *     windows and steps, {@code exp(mean ln f)}: the per-step factor that decays a cell
 * @param trainedForgetBias the mean over units of the memory gate's bias after training
 */
public record GateSummary(double meanForget, double geometricMeanForget, double trainedForgetBias) {

  /** {@code tau = -1 / ln f} of the mean gate (infinite for f = 1). */
  public double timeConstant() {
    return LayerForgetGates.timeConstant(meanForget);
  }

  /** {@code ln 0.5 / ln f} of the mean gate. */
  public double halfLife() {
    return LayerForgetGates.halfLife(meanForget);
  }

  /** {@code ln 0.5 / ln f} of the geometric mean gate: the cell's actual decay per step. */
  public double effectiveHalfLife() {
    return LayerForgetGates.halfLife(geometricMeanForget);
  }
}
