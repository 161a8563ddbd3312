package io.lstmirf.irf.var;

import io.lstmirf.api.FlatArrays;
import java.util.Arrays;

/**
 * The asymptotic covariances behind {@link VarIrfAnalysis}'s standard errors, statsmodels' {@code
 * IRAnalysis.cov(orth)} and {@code cum_effect_cov(orth)}: each {@code [N+1][K^2][K^2]}, entry
 * {@code [j]} the covariance of {@code vec} of step {@code j}'s {@code K x K} matrix, {@code vec}
 * stacking columns, so the element {@code [response][impulse]} sits at {@code impulse * K +
 * response}. Immutable.
 *
 * @param irf of {@code vec Phi_j}
 * @param orthIrf of {@code vec(Phi_j P)}
 * @param cumEffects of {@code vec(Phi_0 + ... + Phi_j)}
 * @param orthCumEffects of {@code vec((Phi_0 + ... + Phi_j) P)}
 */
public record VarIrfCovariances(
    double[][][] irf, double[][][] orthIrf, double[][][] cumEffects, double[][][] orthCumEffects) {

  public VarIrfCovariances {
    irf = FlatArrays.copy(irf);
    orthIrf = FlatArrays.copy(orthIrf);
    cumEffects = FlatArrays.copy(cumEffects);
    orthCumEffects = FlatArrays.copy(orthCumEffects);
  }

  /** The covariances of {@code model}'s responses over steps {@code 0 .. horizon}. */
  public static VarIrfCovariances of(VarModel model, int horizon) {
    VarAsymptotics a = new VarAsymptotics(model, horizon);
    return new VarIrfCovariances(
        Matrices.toArray(a.irfCovariances(false)),
        Matrices.toArray(a.irfCovariances(true)),
        Matrices.toArray(a.cumulativeCovariances(false)),
        Matrices.toArray(a.cumulativeCovariances(true)));
  }

  @Override
  public double[][][] irf() {
    return FlatArrays.copy(irf);
  }

  @Override
  public double[][][] orthIrf() {
    return FlatArrays.copy(orthIrf);
  }

  @Override
  public double[][][] cumEffects() {
    return FlatArrays.copy(cumEffects);
  }

  @Override
  public double[][][] orthCumEffects() {
    return FlatArrays.copy(orthCumEffects);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VarIrfCovariances c
        && Arrays.deepEquals(c.irf, irf)
        && Arrays.deepEquals(c.orthIrf, orthIrf)
        && Arrays.deepEquals(c.cumEffects, cumEffects)
        && Arrays.deepEquals(c.orthCumEffects, orthCumEffects);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(new Object[] {irf, orthIrf, cumEffects, orthCumEffects});
  }

  @Override
  public String toString() {
    return "VarIrfCovariances[N+1=" + irf.length + "]";
  }
}
