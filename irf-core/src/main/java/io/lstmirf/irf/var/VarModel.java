package io.lstmirf.irf.var;

import io.lstmirf.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * A vector autoregression with a constant fitted by least squares, the classical linear baseline to
 * set beside an LSTM's impulse responses:
 *
 * <pre>
 * y[t] = c + A_1 y[t-1] + ... + A_p y[t-p] + u[t]
 * </pre>
 *
 * <p>It follows statsmodels' {@code VAR(y).fit(p)} (trend "c") exactly: each equation is regressed
 * on {@code [1, y[t-1], ..., y[t-p]]} over the {@code T = n - p} observations that have all lags,
 * and the residual covariance carries the degrees-of-freedom correction, {@code Sigma_u = SSR / (T
 * - Kp - 1)}. Impulse responses are the moving-average coefficients ({@code Phi_0 = I}, {@code
 * Phi_j = sum_{i=1..min(j,p)} Phi_{j-i} A_i}) and their orthogonalised form {@code Phi_j P} with
 * {@code P} the lower Cholesky factor of {@code Sigma_u}, both laid out {@code
 * [step][response][impulse]} as statsmodels' {@code irfs} and {@code orth_irfs}. The linear algebra
 * is EJML's (Householder QR for the regression, Cholesky for {@code Sigma_u}). Immutable.
 *
 * <p>Inference as statsmodels' {@code VARResults} gives it: {@link #irfAnalysis} (asymptotic
 * standard errors of the impulse responses and of the cumulative and long-run effects), {@link
 * VarIrfCovariances}, {@link #fevd}, and confidence bands, asymptotic ({@link VarBands#asymptotic})
 * or Monte Carlo ({@link VarMonteCarlo}). All of it is checked against statsmodels 0.13.5 itself,
 * to within 4e-11 relative (VarStatsmodelsTest).
 */
public final class VarModel {
  private final List<String> names;
  private final int lags;
  private final int observations;
  private final DMatrixRMaj intercept;
  private final DMatrixRMaj[] coefs;
  private final DMatrixRMaj sigmaU;
  private final DMatrixRMaj sse;

  /** {@code (Z'Z)^-1} of the regressors {@code [1, y[t-1], ..., y[t-p]]}. */
  private final DMatrixRMaj gramInverse;

  VarModel(
      List<String> names,
      int lags,
      int observations,
      DMatrixRMaj intercept,
      DMatrixRMaj[] coefs,
      DMatrixRMaj sse,
      DMatrixRMaj gramInverse) {
    this.names = List.copyOf(names);
    this.gramInverse = gramInverse;
    this.lags = lags;
    this.observations = observations;
    this.intercept = intercept;
    this.coefs = coefs;
    this.sse = sse;
    this.sigmaU = sse.copy();
    CommonOps_DDRM.scale(1.0 / degreesOfFreedom(), sigmaU);
  }

  /**
   * Fits VAR({@code lags}) on the whole series.
   *
   * @throws InvalidInputException if there are too few observations for {@code lags}, or the
   *     regressors are collinear (a constant or duplicated variable)
   */
  public static VarModel fit(TimeSeries series, int lags) {
    Objects.requireNonNull(series, "series");
    if (lags < 0) {
      throw new InvalidInputException("lags must be >= 0, got " + lags);
    }
    return VarLeastSquares.estimate(series, lags, 0);
  }

  /**
   * Chooses the order by {@code criterion} among {@code 0 .. maxLags} (see {@link #selectOrder})
   * and fits it on the whole series, as statsmodels' {@code VAR(y).fit(maxLags, ic=...)} does.
   */
  public static VarModel fit(TimeSeries series, int maxLags, InformationCriterion criterion) {
    Objects.requireNonNull(criterion, "criterion");
    return fit(series, selectOrder(series, maxLags).selected(criterion));
  }

  /**
   * The information criteria of every order {@code 0 .. maxLags}, each fitted on the same {@code n
   * - maxLags} observations.
   *
   * @throws InvalidInputException if VAR({@code maxLags}) cannot be estimated from the series
   */
  public static LagOrderSelection selectOrder(TimeSeries series, int maxLags) {
    Objects.requireNonNull(series, "series");
    int k = series.dimension();
    int maxEstimable = (series.length() - k - 1) / (1 + k);
    if (maxLags < 0 || maxLags > maxEstimable) {
      throw new InvalidInputException(
          "max lags "
              + maxLags
              + " cannot be estimated from "
              + series.length()
              + " observations of "
              + k
              + " variable(s); use 0.."
              + Math.max(0, maxEstimable));
    }
    List<InformationCriteria> byLag = new ArrayList<>();
    for (int p = 0; p <= maxLags; p++) {
      byLag.add(VarLeastSquares.estimate(series, p, maxLags - p).informationCriteria());
    }
    return new LagOrderSelection(maxLags, byLag);
  }

  /** The variable names, {@code [K]}. */
  public List<String> names() {
    return names;
  }

  /** K. */
  public int dimension() {
    return names.size();
  }

  /** The order p. */
  public int lags() {
    return lags;
  }

  /** T: the observations the regression used (the series length minus p). */
  public int observations() {
    return observations;
  }

  /** {@code T - Kp - 1}: the residual degrees of freedom per equation. */
  public int degreesOfFreedom() {
    return observations - dimension() * lags - 1;
  }

  /** The constant {@code c}, {@code [K]}. */
  public double[] intercept() {
    return intercept.getData().clone();
  }

  /** {@code A_1 .. A_p}, {@code [p][K][K]} indexed {@code [lag-1][response][impulse]}. */
  public double[][][] coefficients() {
    double[][][] out = new double[lags][][];
    for (int i = 0; i < lags; i++) {
      out[i] = Matrices.toArray(coefs[i]);
    }
    return out;
  }

  /** {@code Sigma_u = SSR / (T - Kp - 1)}, statsmodels' {@code sigma_u}, {@code [K][K]}. */
  public double[][] sigmaU() {
    return Matrices.toArray(sigmaU);
  }

  /** {@code SSR / T}, the maximum-likelihood residual covariance, {@code [K][K]}. */
  public double[][] sigmaUMle() {
    DMatrixRMaj m = sse.copy();
    CommonOps_DDRM.scale(1.0 / observations, m);
    return Matrices.toArray(m);
  }

  /** The information criteria of this fit (see {@link InformationCriteria}). */
  public InformationCriteria informationCriteria() {
    int k = dimension();
    DMatrixRMaj mle = sse.copy();
    CommonOps_DDRM.scale(1.0 / observations, mle);
    double ld = 2 * sumLogDiagonal(cholesky(mle, "maximum-likelihood residual covariance"));
    double free = (double) lags * k * k + k;
    double nobs = observations;
    double dfModel = k * lags + 1;
    return new InformationCriteria(
        ld + 2.0 / nobs * free,
        ld + Math.log(nobs) / nobs * free,
        ld + 2.0 * Math.log(Math.log(nobs)) / nobs * free,
        Math.pow((nobs + dfModel) / degreesOfFreedom(), k) * Math.exp(ld));
  }

  /**
   * The impulse responses {@code Phi_0 .. Phi_horizon}: {@code [horizon+1][K][K]}, entry {@code
   * [j][i][k]} the response of variable {@code i} at step {@code j} to a unit shock in the
   * innovation of variable {@code k} (statsmodels' {@code irf(horizon).irfs}).
   */
  public double[][][] irf(int horizon) {
    return Matrices.toArray(maRepresentation(horizon));
  }

  /**
   * The orthogonalised impulse responses {@code Phi_j P}, {@code P} the lower Cholesky factor of
   * {@link #sigmaU()}: responses to one-standard-deviation orthogonal shocks, ordered as the
   * variables are (statsmodels' {@code irf(horizon).orth_irfs}), {@code [horizon+1][K][K]}.
   *
   * @throws InvalidInputException if {@code Sigma_u} is not positive definite
   */
  public double[][][] orthogonalisedIrf(int horizon) {
    return Matrices.toArray(orthMaRepresentation(horizon));
  }

  /**
   * The long-run effects {@code Psi_inf = sum_j Phi_j = (I - A_1 - ... - A_p)^-1}, {@code [K][K]}
   * indexed {@code [response][impulse]} (statsmodels' {@code lr_effects}); finite for a stable VAR,
   * meaningless near a unit root.
   *
   * @throws InvalidInputException if {@code I - sum A_i} is singular (a unit root)
   */
  public double[][] longRunEffects() {
    return Matrices.toArray(longRunMatrix());
  }

  /**
   * {@code Psi_inf P}, the long-run effects of orthogonalised shocks, {@code [K][K]} (statsmodels'
   * {@code orth_lr_effects}).
   */
  public double[][] orthLongRunEffects() {
    DMatrixRMaj out = new DMatrixRMaj(dimension(), dimension());
    CommonOps_DDRM.mult(longRunMatrix(), choleskyFactor(), out);
    return Matrices.toArray(out);
  }

  /**
   * Impulse responses, cumulative effects and long-run effects with their asymptotic standard
   * errors, statsmodels' {@code irf(horizon)} (see {@link VarIrfAnalysis}).
   */
  public VarIrfAnalysis irfAnalysis(int horizon) {
    return VarIrfAnalysis.of(this, horizon);
  }

  /** The forecast error variance decomposition over {@code horizon} steps (see {@link VarFevd}). */
  public VarFevd fevd(int horizon) {
    return VarFevd.of(this, horizon);
  }

  DMatrixRMaj[] maRepresentation(int horizon) {
    if (horizon < 0) {
      throw new InvalidInputException("horizon must be >= 0, got " + horizon);
    }
    int k = dimension();
    DMatrixRMaj[] phi = new DMatrixRMaj[horizon + 1];
    phi[0] = CommonOps_DDRM.identity(k);
    DMatrixRMaj term = new DMatrixRMaj(k, k);
    for (int j = 1; j <= horizon; j++) {
      phi[j] = new DMatrixRMaj(k, k);
      for (int i = 1; i <= Math.min(j, lags); i++) {
        CommonOps_DDRM.mult(phi[j - i], coefs[i - 1], term);
        CommonOps_DDRM.addEquals(phi[j], term);
      }
    }
    return phi;
  }

  DMatrixRMaj[] orthMaRepresentation(int horizon) {
    DMatrixRMaj p = choleskyFactor();
    DMatrixRMaj[] phi = maRepresentation(horizon);
    DMatrixRMaj[] out = new DMatrixRMaj[phi.length];
    for (int j = 0; j < phi.length; j++) {
      out[j] = new DMatrixRMaj(dimension(), dimension());
      CommonOps_DDRM.mult(phi[j], p, out[j]);
    }
    return out;
  }

  /** {@code P}, the lower Cholesky factor of {@code Sigma_u}. */
  DMatrixRMaj choleskyFactor() {
    return cholesky(sigmaU, "residual covariance Sigma_u");
  }

  DMatrixRMaj longRunMatrix() {
    DMatrixRMaj charMat = CommonOps_DDRM.identity(dimension());
    for (DMatrixRMaj a : coefs) {
      CommonOps_DDRM.subtractEquals(charMat, a);
    }
    DMatrixRMaj inverse = new DMatrixRMaj(dimension(), dimension());
    if (!CommonOps_DDRM.invert(charMat, inverse)) {
      throw new InvalidInputException(
          "the VAR("
              + lags
              + ") of "
              + names
              + " has a unit root"
              + " (I - A_1 - ... - A_p is singular): its long-run effects are infinite; difference"
              + " the series");
    }
    return inverse;
  }

  DMatrixRMaj sigmaUMatrix() {
    return sigmaU.copy();
  }

  DMatrixRMaj interceptVector() {
    return intercept.copy();
  }

  DMatrixRMaj coefficientMatrix(int lag) {
    return coefs[lag - 1].copy();
  }

  DMatrixRMaj gramInverse() {
    return gramInverse.copy();
  }

  private DMatrixRMaj cholesky(DMatrixRMaj m, String what) {
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(m.numRows, true);
    if (!chol.decompose(m.copy())) {
      throw new InvalidInputException(
          "the "
              + what
              + " of the VAR("
              + lags
              + ") of "
              + names
              + " is not positive definite: the variables are (nearly) collinear; drop one");
    }
    return chol.getT(null);
  }

  private static double sumLogDiagonal(DMatrixRMaj lower) {
    double s = 0;
    for (int i = 0; i < lower.numRows; i++) {
      s += Math.log(lower.get(i, i));
    }
    return s;
  }

  @Override
  public String toString() {
    return "VAR(" + lags + ")" + names + "[T=" + observations + "]";
  }
}
