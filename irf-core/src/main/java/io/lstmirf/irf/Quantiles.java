package io.lstmirf.irf;

import io.lstmirf.api.InvalidInputException;
import java.util.Arrays;
import java.util.List;

/**
 * Sample quantiles by linear interpolation between order statistics, numpy's default ({@code
 * np.quantile(x, q)}, Hyndman and Fan type 7): with the values sorted, {@code h = (n - 1) q} and
 * the quantile is {@code x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])}.
 */
public final class Quantiles {
  private Quantiles() {}

  /**
   * Returns {@code levels} if each is in {@code [0, 1]}.
   *
   * @throws InvalidInputException naming the first level outside
   */
  public static List<Double> requireLevels(List<Double> levels) {
    for (double q : levels) {
      if (!(q >= 0 && q <= 1)) {
        throw new InvalidInputException(
            "quantile " + q + " is outside [0, 1]; give levels such" + " as 0.05,0.5,0.95");
      }
    }
    return levels;
  }

  /** The {@code level} quantile of {@code values} (not modified). */
  public static double of(double[] values, double level) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return ofSorted(sorted, level);
  }

  /** The {@code level} quantile of values already sorted ascending. */
  public static double ofSorted(double[] sorted, double level) {
    if (sorted.length == 0) {
      throw new InvalidInputException("the quantile of no values is undefined");
    }
    if (!(level >= 0 && level <= 1)) {
      throw new InvalidInputException("a quantile level must be in [0, 1], got " + level);
    }
    double h = (sorted.length - 1) * level;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }
}
