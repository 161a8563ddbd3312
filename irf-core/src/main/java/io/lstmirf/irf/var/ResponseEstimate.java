package io.lstmirf.irf.var;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import java.util.Arrays;

/**
 * A path of VAR response matrices and their asymptotic standard errors, both {@code [N+1][K][K]}
 * indexed {@code [step][response][impulse]} (statsmodels' {@code irfs} with {@code stderr()}, or
 * {@code cum_effects} with {@code cum_effect_stderr()}, ...). Immutable.
 *
 * @param values the responses, {@code [N+1][K][K]}
 * @param stderr their asymptotic standard errors, {@code [N+1][K][K]}
 */
public record ResponseEstimate(double[][][] values, double[][][] stderr) {

  public ResponseEstimate {
    if (values.length == 0) {
      throw new InvalidInputException("a response path needs at least step 0");
    }
    int k = values[0].length;
    FlatArrays.requireBox("responses", values, values.length, k, k);
    FlatArrays.requireBox("standard errors", stderr, values.length, k, k);
    values = FlatArrays.copy(values);
    stderr = FlatArrays.copy(stderr);
  }

  @Override
  public double[][][] values() {
    return FlatArrays.copy(values);
  }

  @Override
  public double[][][] stderr() {
    return FlatArrays.copy(stderr);
  }

  /** N: the last step. */
  public int horizon() {
    return values.length - 1;
  }

  /** K: the number of variables. */
  public int dimension() {
    return values[0].length;
  }

  /** The {@code impulse -> response} curve, {@code [N+1]}. */
  public double[] path(int response, int impulse) {
    return path(values, response, impulse);
  }

  /**
   * The band {@code values -/+ z stderr}, as statsmodels' {@code irf.plot(stderr_type="asym")}
   * draws it with {@code z = norm.ppf(1 - signif / 2)}.
   */
  public ResponseBand band(double z) {
    double[][][] lower = new double[values.length][][];
    double[][][] upper = new double[values.length][][];
    for (int j = 0; j < values.length; j++) {
      int k = values[j].length;
      lower[j] = new double[k][k];
      upper[j] = new double[k][k];
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < k; c++) {
          lower[j][r][c] = values[j][r][c] - z * stderr[j][r][c];
          upper[j][r][c] = values[j][r][c] + z * stderr[j][r][c];
        }
      }
    }
    return new ResponseBand(lower, upper);
  }

  static double[] path(double[][][] x, int response, int impulse) {
    int k = x[0].length;
    if (response < 0 || response >= k || impulse < 0 || impulse >= k) {
      throw new InvalidInputException(
          "response "
              + response
              + " to impulse "
              + impulse
              + " is outside the "
              + k
              + " variables");
    }
    double[] out = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      out[j] = x[j][response][impulse];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResponseEstimate e
        && Arrays.deepEquals(e.values, values)
        && Arrays.deepEquals(e.stderr, stderr);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.deepHashCode(values) + Arrays.deepHashCode(stderr);
  }

  @Override
  public String toString() {
    return "ResponseEstimate[N=" + horizon() + ", K=" + dimension() + "]";
  }
}
