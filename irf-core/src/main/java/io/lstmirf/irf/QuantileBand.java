package io.lstmirf.irf;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import java.util.Arrays;

/**
 * One quantile of a response across histories, lag by lag and channel by channel: at level 0.05 and
 * 0.95 the two edges of a 90% band, at 0.5 the median response.
 *
 * @param level the quantile level in {@code [0, 1]}
 * @param values {@code [N][channels]}
 */
public record QuantileBand(double level, double[][] values) {

  public QuantileBand {
    if (!(level >= 0 && level <= 1)) {
      throw new InvalidInputException("a quantile level must be in [0, 1], got " + level);
    }
    values = FlatArrays.copy(values);
  }

  @Override
  public double[][] values() {
    return FlatArrays.copy(values);
  }

  /** The band's series for channel {@code c}, {@code [N]}. */
  public double[] channel(int c) {
    return ImpulseResponse.column(values, c, "channel");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuantileBand b
        && Double.compare(b.level, level) == 0
        && Arrays.deepEquals(b.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(level) + Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    return "QuantileBand[" + level + "]";
  }
}
