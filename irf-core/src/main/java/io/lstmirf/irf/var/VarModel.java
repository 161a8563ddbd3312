package io.lstmirf.irf.var;

import io.lstmirf.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A vector autoregression with a constant fitted by least squares, the classical linear baseline
 * to set beside an LSTM's impulse responses:
 *
 * <pre>
 * y[t] = c + A_1 y[t-1] + ... + A_p y[t-p] + u[t]
 * </pre>
 *
 * <p>It follows statsmodels' {@code VAR(y).fit(p)} (trend "c") exactly: each equation is
 * regressed on {@code [1, y[t-1], ..., y[t-p]]} over the {@code T = n - p} observations that have
 * all lags, and the residual covariance carries the degrees-of-freedom correction,
 * {@code Sigma_u = SSR / (T - Kp - 1)}. Impulse responses are the moving-average coefficients
 * ({@code Phi_0 = I}, {@code Phi_j = sum_{i=1..min(j,p)} Phi_{j-i} A_i}) and their orthogonalised
 * form {@code Phi_j P} with {@code P} the lower Cholesky factor of {@code Sigma_u}, both laid out
 * {@code [step][response][impulse]} as statsmodels' {@code irfs} and {@code orth_irfs}. The linear
 * algebra is EJML's (Householder QR for the regression, Cholesky for {@code Sigma_u}). Immutable.
 */
public final class VarModel {
  /** Columns whose distance from the span of the earlier ones is below this share of their own
   * norm count as collinear (QR's |R_ii| over the column norm: the sine of the angle). */
  private static final double COLLINEAR = 1e-10;

  private final List<String> names;
  private final int lags;
  private final int observations;
  private final DMatrixRMaj intercept;
  private final DMatrixRMaj[] coefs;
  private final DMatrixRMaj sigmaU;
  private final DMatrixRMaj sse;

  private VarModel(List<String> names, int lags, int observations, DMatrixRMaj intercept,
      DMatrixRMaj[] coefs, DMatrixRMaj sse) {
    this.names = names;
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
    return estimate(series, lags, 0);
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
   * The information criteria of every order {@code 0 .. maxLags}, each fitted on the same
   * {@code n - maxLags} observations.
   *
   * @throws InvalidInputException if VAR({@code maxLags}) cannot be estimated from the series
   */
  public static LagOrderSelection selectOrder(TimeSeries series, int maxLags) {
    Objects.requireNonNull(series, "series");
    int k = series.dimension();
    int maxEstimable = (series.length() - k - 1) / (1 + k);
    if (maxLags < 0 || maxLags > maxEstimable) {
      throw new InvalidInputException("max lags " + maxLags + " cannot be estimated from "
          + series.length() + " observations of " + k + " variable(s); use 0.."
          + Math.max(0, maxEstimable));
    }
    List<InformationCriteria> byLag = new ArrayList<>();
    for (int p = 0; p <= maxLags; p++) {
      byLag.add(estimate(series, p, maxLags - p).informationCriteria());
    }
    return new LagOrderSelection(maxLags, byLag);
  }

  private static VarModel estimate(TimeSeries series, int p, int offset) {
    int k = series.dimension();
    int n = series.length() - offset;
    int t = n - p;
    int regressors = 1 + k * p;
    if (t - regressors < 1) {
      throw new InvalidInputException("VAR(" + p + ") of " + k + " variable(s) needs more than "
          + (regressors + p) + " observations, the series has " + n
          + "; use fewer lags or more data");
    }
    DMatrixRMaj z = new DMatrixRMaj(t, regressors);
    DMatrixRMaj y = new DMatrixRMaj(t, k);
    for (int row = 0; row < t; row++) {
      int now = offset + p + row;
      z.set(row, 0, 1);
      for (int lag = 1; lag <= p; lag++) {
        for (int m = 0; m < k; m++) {
          z.set(row, 1 + (lag - 1) * k + m, series.get(now - lag, m));
        }
      }
      for (int m = 0; m < k; m++) {
        y.set(row, m, series.get(now, m));
      }
    }
    DMatrixRMaj params = leastSquares(z, y, series.names(), p);
    DMatrixRMaj resid = new DMatrixRMaj(t, k);
    CommonOps_DDRM.mult(z, params, resid);
    CommonOps_DDRM.subtract(y, resid, resid);
    DMatrixRMaj sse = new DMatrixRMaj(k, k);
    CommonOps_DDRM.multTransA(resid, resid, sse);

    DMatrixRMaj intercept = new DMatrixRMaj(k, 1);
    DMatrixRMaj[] coefs = new DMatrixRMaj[p];
    for (int m = 0; m < k; m++) {
      intercept.set(m, 0, params.get(0, m));
    }
    for (int lag = 1; lag <= p; lag++) {
      DMatrixRMaj a = new DMatrixRMaj(k, k);
      for (int response = 0; response < k; response++) {
        for (int impulse = 0; impulse < k; impulse++) {
          a.set(response, impulse, params.get(1 + (lag - 1) * k + impulse, response));
        }
      }
      coefs[lag - 1] = a;
    }
    return new VarModel(series.names(), p, t, intercept, coefs, sse);
  }

  private static DMatrixRMaj leastSquares(DMatrixRMaj z, DMatrixRMaj y, List<String> names,
      int p) {
    LinearSolverDense<DMatrixRMaj> solver =
        LinearSolverFactory_DDRM.leastSquares(z.numRows, z.numCols);
    DMatrixRMaj a = z.copy();
    if (!solver.setA(a)) {
      throw collinear(names, p);
    }
    QRDecomposition<DMatrixRMaj> qr = solver.getDecomposition();
    DMatrixRMaj r = qr.getR(null, true);
    for (int col = 0; col < z.numCols; col++) {
      double norm = 0;
      for (int row = 0; row < z.numRows; row++) {
        norm += z.get(row, col) * z.get(row, col);
      }
      if (!(Math.abs(r.get(col, col)) > COLLINEAR * Math.sqrt(norm))) {
        throw collinear(names, p);
      }
    }
    DMatrixRMaj params = new DMatrixRMaj(z.numCols, y.numCols);
    solver.solve(y.copy(), params);
    return params;
  }

  private static InvalidInputException collinear(List<String> names, int p) {
    return new InvalidInputException("the VAR(" + p + ") regressors of " + names
        + " are collinear: a variable is constant, duplicates another, or is an exact linear"
        + " combination of the others; drop it");
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
      out[i] = toArray(coefs[i]);
    }
    return out;
  }

  /** {@code Sigma_u = SSR / (T - Kp - 1)}, statsmodels' {@code sigma_u}, {@code [K][K]}. */
  public double[][] sigmaU() {
    return toArray(sigmaU);
  }

  /** {@code SSR / T}, the maximum-likelihood residual covariance, {@code [K][K]}. */
  public double[][] sigmaUMle() {
    DMatrixRMaj m = sse.copy();
    CommonOps_DDRM.scale(1.0 / observations, m);
    return toArray(m);
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
    return new InformationCriteria(ld + 2.0 / nobs * free, ld + Math.log(nobs) / nobs * free,
        ld + 2.0 * Math.log(Math.log(nobs)) / nobs * free,
        Math.pow((nobs + dfModel) / degreesOfFreedom(), k) * Math.exp(ld));
  }

  /**
   * The impulse responses {@code Phi_0 .. Phi_horizon}: {@code [horizon+1][K][K]}, entry
   * {@code [j][i][k]} the response of variable {@code i} at step {@code j} to a unit shock in the
   * innovation of variable {@code k} (statsmodels' {@code irf(horizon).irfs}).
   */
  public double[][][] irf(int horizon) {
    DMatrixRMaj[] phi = maRepresentation(horizon);
    double[][][] out = new double[phi.length][][];
    for (int j = 0; j < phi.length; j++) {
      out[j] = toArray(phi[j]);
    }
    return out;
  }

  /**
   * The orthogonalised impulse responses {@code Phi_j P}, {@code P} the lower Cholesky factor of
   * {@link #sigmaU()}: responses to one-standard-deviation orthogonal shocks, ordered as the
   * variables are (statsmodels' {@code irf(horizon).orth_irfs}), {@code [horizon+1][K][K]}.
   *
   * @throws InvalidInputException if {@code Sigma_u} is not positive definite
   */
  public double[][][] orthogonalisedIrf(int horizon) {
    DMatrixRMaj p = cholesky(sigmaU, "residual covariance Sigma_u");
    DMatrixRMaj[] phi = maRepresentation(horizon);
    double[][][] out = new double[phi.length][][];
    DMatrixRMaj product = new DMatrixRMaj(dimension(), dimension());
    for (int j = 0; j < phi.length; j++) {
      CommonOps_DDRM.mult(phi[j], p, product);
      out[j] = toArray(product);
    }
    return out;
  }

  private DMatrixRMaj[] maRepresentation(int horizon) {
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

  private DMatrixRMaj cholesky(DMatrixRMaj m, String what) {
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(m.numRows, true);
    if (!chol.decompose(m.copy())) {
      throw new InvalidInputException("the " + what + " of the VAR(" + lags + ") of " + names
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

  private static double[][] toArray(DMatrixRMaj m) {
    double[][] a = new double[m.numRows][m.numCols];
    for (int i = 0; i < m.numRows; i++) {
      for (int j = 0; j < m.numCols; j++) {
        a[i][j] = m.get(i, j);
      }
    }
    return a;
  }

  @Override
  public String toString() {
    return "VAR(" + lags + ")" + names + "[T=" + observations + "]";
  }
}
