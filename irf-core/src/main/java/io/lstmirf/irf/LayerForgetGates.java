package io.lstmirf.irf;

import io.lstmirf.api.InvalidInputException;
import java.util.Arrays;

/**
 * One layer's memory gates over a forward pass (an LSTM's forget gates f, a GRU's update gates z),
 * averaged over batch rows and time steps, unit by unit, with the memory times they imply. With
 * every other input fixed the memory decays as {@code c[t+k] = f^k c[t]} (a GRU's as {@code h[t+k]
 * = z^k h[t]}), so a unit whose gate sits at {@code f} has time constant {@code tau = -1 / ln f}
 * and half-life {@code ln 0.5 / ln f} steps, the numbers to set beside a measured IRF half-life.
 *
 * <p>Two averages are kept because they answer different questions. The arithmetic mean of {@code
 * f} is what the gate "usually" is; but a cell is multiplied by the product of its gates along the
 * path, so the per-step factor that actually decays it is the geometric mean {@code exp(mean ln
 * f)}. By Jensen's inequality the geometric mean is the smaller one, and the half-life from the
 * arithmetic mean overstates memory whenever the gate fluctuates.
 *
 * @param layer the layer, 0 at the input
 * @param meanForget arithmetic mean of {@code f} per unit, {@code [H]}
 * @param geometricMeanForget {@code exp(mean ln f)} per unit, {@code [H]}
 */
public record LayerForgetGates(int layer, double[] meanForget, double[] geometricMeanForget) {

  public LayerForgetGates {
    if (meanForget == null
        || geometricMeanForget == null
        || meanForget.length != geometricMeanForget.length
        || meanForget.length == 0) {
      throw new InvalidInputException("forget-gate means must have one entry per unit");
    }
    meanForget = meanForget.clone();
    geometricMeanForget = geometricMeanForget.clone();
  }

  @Override
  public double[] meanForget() {
    return meanForget.clone();
  }

  @Override
  public double[] geometricMeanForget() {
    return geometricMeanForget.clone();
  }

  /** {@code tau = -1 / ln f} per unit from the arithmetic mean (infinite where f = 1). */
  public double[] timeConstant() {
    return map(meanForget, LayerForgetGates::timeConstant);
  }

  /** {@code ln 0.5 / ln f} per unit from the arithmetic mean (infinite where f = 1). */
  public double[] halfLife() {
    return map(meanForget, LayerForgetGates::halfLife);
  }

  /** {@code ln 0.5 / ln f} per unit from the geometric mean: the path's actual decay. */
  public double[] effectiveHalfLife() {
    return map(geometricMeanForget, LayerForgetGates::halfLife);
  }

  /**
   * The time constant {@code -1 / ln f} of a gate held at {@code f}: infinite for {@code f = 1}
   * (the cell never forgets), 0 for {@code f = 0} (it forgets at once).
   */
  public static double timeConstant(double f) {
    return decayTime(f, 1);
  }

  /** The half-life {@code ln 0.5 / ln f} of a gate held at {@code f}, with the same limits. */
  public static double halfLife(double f) {
    return decayTime(f, Math.log(2));
  }

  private static double decayTime(double f, double logFactor) {
    if (!(f >= 0 && f <= 1)) {
      throw new InvalidInputException(
          "a memory-gate activation (f or z) must be in [0, 1], got " + f);
    }
    if (f == 1) {
      return Double.POSITIVE_INFINITY; // ln 1 = 0: -1/0 would give the wrong sign
    }
    if (f == 0) {
      return 0;
    }
    return -logFactor / Math.log(f);
  }

  private static double[] map(double[] values, java.util.function.DoubleUnaryOperator op) {
    return Arrays.stream(values).map(op).toArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LayerForgetGates g
        && g.layer == layer
        && Arrays.equals(g.meanForget, meanForget)
        && Arrays.equals(g.geometricMeanForget, geometricMeanForget);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * layer + Arrays.hashCode(meanForget)) + Arrays.hashCode(geometricMeanForget);
  }

  @Override
  public String toString() {
    return "LayerForgetGates[layer " + layer + ", H=" + meanForget.length + "]";
  }
}
