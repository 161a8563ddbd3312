package io.lstmirf.irf.var;

import io.lstmirf.api.FlatArrays;
import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * What statsmodels' {@code VARResults.irf(N)} ({@code IRAnalysis}) gives: the impulse responses,
 * the cumulative effects and the long-run effects of a fitted {@link VarModel}, plain and
 * orthogonalised, with their asymptotic standard errors (Lütkepohl 2005, section 3.7; see {@link
 * VarAsymptotics} for the formulas and statsmodels' degrees-of-freedom conventions). Every path is
 * {@code [N+1][K][K]} indexed {@code [step][response][impulse]}; every long-run matrix {@code
 * [K][K]} indexed {@code [response][impulse]}. Immutable.
 *
 * @param irf {@code Phi_j} ({@code IRAnalysis.irfs}) with {@code stderr(orth=False)}
 * @param orthIrf {@code Phi_j P} ({@code orth_irfs}) with {@code stderr(orth=True)}
 * @param cumEffects {@code Phi_0 + ... + Phi_j} ({@code cum_effects}) with {@code
 *     cum_effect_stderr(orth=False)}
 * @param orthCumEffects {@code (Phi_0 + ... + Phi_j) P} ({@code orth_cum_effects}) with {@code
 *     cum_effect_stderr(orth=True)}
 * @param longRunEffects {@code Psi_inf = (I - A_1 - ... - A_p)^-1} ({@code lr_effects})
 * @param orthLongRunEffects {@code Psi_inf P} ({@code orth_lr_effects})
 * @param longRunEffectsStderr the standard errors of {@code Psi_inf} ({@code
 *     lr_effect_stderr(orth=False)}); statsmodels' orthogonalised version leaves the {@code 1/T}
 *     off its {@code Sigma_u} term, unlike its own {@code orth_cum_effects} errors, so it is not
 *     reproduced
 */
public record VarIrfAnalysis(
    ResponseEstimate irf,
    ResponseEstimate orthIrf,
    ResponseEstimate cumEffects,
    ResponseEstimate orthCumEffects,
    double[][] longRunEffects,
    double[][] orthLongRunEffects,
    double[][] longRunEffectsStderr) {

  public VarIrfAnalysis {
    Objects.requireNonNull(irf, "irf");
    Objects.requireNonNull(orthIrf, "orthIrf");
    Objects.requireNonNull(cumEffects, "cumEffects");
    Objects.requireNonNull(orthCumEffects, "orthCumEffects");
    longRunEffects = FlatArrays.copy(longRunEffects);
    orthLongRunEffects = FlatArrays.copy(orthLongRunEffects);
    longRunEffectsStderr = FlatArrays.copy(longRunEffectsStderr);
  }

  /**
   * The analysis of {@code model} over steps {@code 0 .. horizon}.
   *
   * @throws io.lstmirf.api.InvalidInputException if {@code horizon < 0}, {@code Sigma_u} is not
   *     positive definite, or the VAR has a unit root (infinite long-run effects)
   */
  public static VarIrfAnalysis of(VarModel model, int horizon) {
    int k = model.dimension();
    DMatrixRMaj[] phi = model.maRepresentation(horizon);
    DMatrixRMaj p = model.choleskyFactor();
    DMatrixRMaj[] cum = new DMatrixRMaj[phi.length];
    DMatrixRMaj[] orth = new DMatrixRMaj[phi.length];
    DMatrixRMaj[] orthCum = new DMatrixRMaj[phi.length];
    for (int j = 0; j < phi.length; j++) {
      // numpy's cumsum adds step by step, in this order
      cum[j] = j == 0 ? phi[0].copy() : CommonOps_DDRM.add(cum[j - 1], phi[j], null);
      orth[j] = CommonOps_DDRM.mult(phi[j], p, null);
      orthCum[j] = j == 0 ? orth[0].copy() : CommonOps_DDRM.add(orthCum[j - 1], orth[j], null);
    }
    VarAsymptotics asymptotics = new VarAsymptotics(model, horizon);
    DMatrixRMaj longRun = model.longRunMatrix();
    return new VarIrfAnalysis(
        estimate(phi, asymptotics.irfCovariances(false), k),
        estimate(orth, asymptotics.irfCovariances(true), k),
        estimate(cum, asymptotics.cumulativeCovariances(false), k),
        estimate(orthCum, asymptotics.cumulativeCovariances(true), k),
        Matrices.toArray(longRun),
        Matrices.toArray(CommonOps_DDRM.mult(longRun, p, null)),
        Matrices.unvecSqrtDiagonal(asymptotics.longRunCovariance(longRun), k));
  }

  private static ResponseEstimate estimate(DMatrixRMaj[] values, DMatrixRMaj[] covariances, int k) {
    double[][][] stderr = new double[covariances.length][][];
    for (int j = 0; j < covariances.length; j++) {
      stderr[j] = Matrices.unvecSqrtDiagonal(covariances[j], k);
    }
    return new ResponseEstimate(Matrices.toArray(values), stderr);
  }

  /** N: the last step. */
  public int horizon() {
    return irf.horizon();
  }

  /** Bands {@code value -/+ z(1 - signif/2) stderr} (see {@link VarBands#asymptotic}). */
  public VarBands asymptoticBands(double signif) {
    return VarBands.asymptotic(this, signif);
  }

  @Override
  public double[][] longRunEffects() {
    return FlatArrays.copy(longRunEffects);
  }

  @Override
  public double[][] orthLongRunEffects() {
    return FlatArrays.copy(orthLongRunEffects);
  }

  @Override
  public double[][] longRunEffectsStderr() {
    return FlatArrays.copy(longRunEffectsStderr);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VarIrfAnalysis a
        && a.irf.equals(irf)
        && a.orthIrf.equals(orthIrf)
        && a.cumEffects.equals(cumEffects)
        && a.orthCumEffects.equals(orthCumEffects)
        && Arrays.deepEquals(a.longRunEffects, longRunEffects)
        && Arrays.deepEquals(a.orthLongRunEffects, orthLongRunEffects)
        && Arrays.deepEquals(a.longRunEffectsStderr, longRunEffectsStderr);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        irf,
        orthIrf,
        cumEffects,
        orthCumEffects,
        Arrays.deepHashCode(longRunEffects),
        Arrays.deepHashCode(orthLongRunEffects),
        Arrays.deepHashCode(longRunEffectsStderr));
  }

  @Override
  public String toString() {
    return "VarIrfAnalysis[N=" + horizon() + ", K=" + irf.dimension() + "]";
  }
}
