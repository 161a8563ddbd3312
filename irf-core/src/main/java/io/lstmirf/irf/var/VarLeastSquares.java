package io.lstmirf.irf.var;

import io.lstmirf.api.InvalidInputException;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The least-squares fit behind {@link VarModel}, statsmodels' {@code VAR._estimate_var} with trend
 * "c": every equation regressed on {@code Z = [1, y[t-1], ..., y[t-p]]} by Householder QR, keeping
 * {@code (Z'Z)^-1} (from QR's {@code R}, {@code R^-1 R^-T}) for the coefficients' covariance.
 */
final class VarLeastSquares {
  /**
   * Columns whose distance from the span of the earlier ones is below this share of their own norm
   * count as collinear (QR's |R_ii| over the column norm: the sine of the angle).
   */
  private static final double COLLINEAR = 1e-10;

  private VarLeastSquares() {}

  /** VAR({@code p}) on the series without its first {@code offset} observations. */
  static VarModel estimate(TimeSeries series, int p, int offset) {
    int k = series.dimension();
    int n = series.length() - offset;
    int t = n - p;
    int regressors = 1 + k * p;
    if (t - regressors < 1) {
      throw new InvalidInputException(
          "VAR("
              + p
              + ") of "
              + k
              + " variable(s) needs more than "
              + (regressors + p)
              + " observations, the series has "
              + n
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
    LinearSolverDense<DMatrixRMaj> solver =
        LinearSolverFactory_DDRM.leastSquares(z.numRows, z.numCols);
    if (!solver.setA(z.copy())) {
      throw collinear(series.names(), p);
    }
    DMatrixRMaj r = upperR(solver.getDecomposition(), z, series.names(), p);
    DMatrixRMaj params = new DMatrixRMaj(z.numCols, k);
    solver.solve(y.copy(), params);

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
    return new VarModel(series.names(), p, t, intercept, coefs, sse, gramInverse(r));
  }

  /** QR's {@code R}, after checking that no column is (nearly) a combination of the others. */
  private static DMatrixRMaj upperR(
      QRDecomposition<DMatrixRMaj> qr, DMatrixRMaj z, List<String> names, int p) {
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
    return r;
  }

  /** {@code (Z'Z)^-1 = R^-1 R^-T}: better conditioned than inverting {@code Z'Z} itself. */
  private static DMatrixRMaj gramInverse(DMatrixRMaj r) {
    DMatrixRMaj rInv = new DMatrixRMaj(r.numRows, r.numCols);
    CommonOps_DDRM.invert(r, rInv);
    DMatrixRMaj out = new DMatrixRMaj(r.numRows, r.numRows);
    CommonOps_DDRM.multTransB(rInv, rInv, out);
    return out;
  }

  private static InvalidInputException collinear(List<String> names, int p) {
    return new InvalidInputException(
        "the VAR("
            + p
            + ") regressors of "
            + names
            + " are collinear: a variable is constant, duplicates another, or is an exact linear"
            + " combination of the others; drop it");
  }
}
