package io.lstmirf.irf.multi;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import java.util.Arrays;

/**
 * One quantile of K x K responses across samples (models and histories), step by step and cell by
 * cell.
 *
 * @param level the quantile level in {@code [0, 1]}
 * @param values {@code [N+1][K][K]}, {@code [step][response][impulse]}
 */
public record ResponseQuantile(double level, double[][][] values) {

  public ResponseQuantile {
    if (!(level >= 0 && level <= 1)) {
      throw new InvalidInputException("a quantile level must be in [0, 1], got " + level);
    }
    values = FlatArrays.copy(values);
  }

  @Override
  public double[][][] values() {
    return FlatArrays.copy(values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResponseQuantile q
        && Double.compare(q.level, level) == 0
        && Arrays.deepEquals(q.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(level) + Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    return "ResponseQuantile[" + level + "]";
  }
}
