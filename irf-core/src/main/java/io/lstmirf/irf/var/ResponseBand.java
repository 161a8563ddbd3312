package io.lstmirf.irf.var;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import java.util.Arrays;

/**
 * A confidence band around a path of VAR responses: {@code lower} and {@code upper}, each {@code
 * [N+1][K][K]} indexed {@code [step][response][impulse]} as the responses they bound (statsmodels'
 * {@code (lower, upper)} pairs). Immutable.
 *
 * @param lower the lower edge, {@code [N+1][K][K]}
 * @param upper the upper edge, {@code [N+1][K][K]}
 */
public record ResponseBand(double[][][] lower, double[][][] upper) {

  public ResponseBand {
    if (lower.length == 0 || lower.length != upper.length) {
      throw new InvalidInputException(
          "a band needs lower and upper edges of the same, non-zero"
              + " number of steps, got "
              + lower.length
              + " and "
              + upper.length);
    }
    int k = lower[0].length;
    FlatArrays.requireBox("band lower edge", lower, lower.length, k, k);
    FlatArrays.requireBox("band upper edge", upper, lower.length, k, k);
    lower = FlatArrays.copy(lower);
    upper = FlatArrays.copy(upper);
  }

  @Override
  public double[][][] lower() {
    return FlatArrays.copy(lower);
  }

  @Override
  public double[][][] upper() {
    return FlatArrays.copy(upper);
  }

  /** The lower edge of the {@code impulse -> response} curve, {@code [N+1]}. */
  public double[] lower(int response, int impulse) {
    return ResponseEstimate.path(lower, response, impulse);
  }

  /** The upper edge of the {@code impulse -> response} curve, {@code [N+1]}. */
  public double[] upper(int response, int impulse) {
    return ResponseEstimate.path(upper, response, impulse);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResponseBand b
        && Arrays.deepEquals(b.lower, lower)
        && Arrays.deepEquals(b.upper, upper);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.deepHashCode(lower) + Arrays.deepHashCode(upper);
  }

  @Override
  public String toString() {
    return "ResponseBand[N+1=" + lower.length + ", K=" + lower[0].length + "]";
  }
}
