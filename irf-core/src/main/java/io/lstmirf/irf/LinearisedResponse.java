package io.lstmirf.irf;

import io.lstmirf.api.FlatArrays;
import java.util.Arrays;
import java.util.Objects;

/**
 * A model's response to a shock set beside its linearisation. {@code linear} is the derivative of
 * the response with respect to the shock size at 0 (the response per unit of an infinitesimal
 * shock); {@code perUnit} is the response to the actual shock divided by its size. For a linear
 * model the two are equal; their difference is the nonlinearity the shock's size brings out
 * (saturating gates, a tanh cell). Immutable.
 *
 * @param shock the actual shock
 * @param smallShock the step {@code s} of the central difference that gave {@code linear}
 * @param linear {@code (r(+s) - r(-s)) / 2s}, {@code [N][R]}
 * @param perUnit {@code r(shock) / shock.size}, {@code [N][R]}
 * @param cellLinear the same as {@code linear} for the top layer's cell state, {@code [N][H]}
 * @param cellPerUnit the same as {@code perUnit} for the cell state, {@code [N][H]}
 */
public record LinearisedResponse(
    Shock shock,
    double smallShock,
    double[][] linear,
    double[][] perUnit,
    double[][] cellLinear,
    double[][] cellPerUnit) {

  public LinearisedResponse {
    Objects.requireNonNull(shock, "shock");
    linear = FlatArrays.copy(linear);
    perUnit = FlatArrays.copy(perUnit);
    cellLinear = FlatArrays.copy(cellLinear);
    cellPerUnit = FlatArrays.copy(cellPerUnit);
  }

  @Override
  public double[][] linear() {
    return FlatArrays.copy(linear);
  }

  @Override
  public double[][] perUnit() {
    return FlatArrays.copy(perUnit);
  }

  @Override
  public double[][] cellLinear() {
    return FlatArrays.copy(cellLinear);
  }

  @Override
  public double[][] cellPerUnit() {
    return FlatArrays.copy(cellPerUnit);
  }

  /** {@code perUnit - linear}, {@code [N][R]}. */
  public double[][] difference() {
    return difference(perUnit, linear);
  }

  /**
   * The nonlinearity of each response channel: {@code ||perUnit - linear|| / ||linear||} with
   * Euclidean norms over the horizon; 0 for a linear response, and NaN where the linear response is
   * identically 0 (no scale to compare with).
   */
  public double[] nonlinearity() {
    return relativeNorms(perUnit, linear);
  }

  /** {@link #nonlinearity()} of each hidden unit's cell-state response. */
  public double[] cellNonlinearity() {
    return relativeNorms(cellPerUnit, cellLinear);
  }

  private static double[][] difference(double[][] a, double[][] b) {
    double[][] d = new double[a.length][a[0].length];
    for (int j = 0; j < a.length; j++) {
      for (int c = 0; c < a[j].length; c++) {
        d[j][c] = a[j][c] - b[j][c];
      }
    }
    return d;
  }

  private static double[] relativeNorms(double[][] a, double[][] b) {
    double[] out = new double[a[0].length];
    for (int c = 0; c < out.length; c++) {
      double diff = 0;
      double norm = 0;
      for (int j = 0; j < a.length; j++) {
        diff += (a[j][c] - b[j][c]) * (a[j][c] - b[j][c]);
        norm += b[j][c] * b[j][c];
      }
      out[c] = norm == 0 ? Double.NaN : Math.sqrt(diff / norm);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearisedResponse r
        && r.shock.equals(shock)
        && Double.compare(r.smallShock, smallShock) == 0
        && Arrays.deepEquals(r.linear, linear)
        && Arrays.deepEquals(r.perUnit, perUnit)
        && Arrays.deepEquals(r.cellLinear, cellLinear)
        && Arrays.deepEquals(r.cellPerUnit, cellPerUnit);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        shock,
        smallShock,
        Arrays.deepHashCode(linear),
        Arrays.deepHashCode(perUnit),
        Arrays.deepHashCode(cellLinear),
        Arrays.deepHashCode(cellPerUnit));
  }

  @Override
  public String toString() {
    return "LinearisedResponse[" + shock + ", s=" + smallShock + "]";
  }
}
