package io.lstmirf.irf.var;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The forecast error variance decomposition of a fitted {@link VarModel}, statsmodels' {@code
 * fevd(N).decomp}: {@code [K][N][K]} indexed {@code [response][step][impulse]}, entry {@code
 * [i][h][j]} the share of the {@code (h+1)}-step forecast error variance of variable {@code i} due
 * to orthogonalised shock {@code j}:
 *
 * <pre>
 * decomp[i][h][j] = sum_{s=0..h} (Phi_s P)[i][j]^2 / MSE(h+1)[i][i],
 * MSE(h+1) = sum_{s=0..h} Phi_s Sigma_u Phi_s'
 * </pre>
 *
 * <p>Each {@code decomp[i][h]} sums to 1 over the impulses. Immutable.
 *
 * @param decomp {@code [K][N][K]} as above
 */
public record VarFevd(double[][][] decomp) {

  public VarFevd {
    decomp = FlatArrays.copy(decomp);
  }

  /**
   * The decomposition of {@code model}'s 1- to {@code horizon}-step forecast errors.
   *
   * @throws InvalidInputException if {@code horizon < 1}
   */
  public static VarFevd of(VarModel model, int horizon) {
    if (horizon < 1) {
      throw new InvalidInputException(
          "the variance decomposition needs a horizon of at least" + " 1 step, got " + horizon);
    }
    int k = model.dimension();
    DMatrixRMaj[] phi = model.maRepresentation(horizon - 1);
    DMatrixRMaj[] orth = model.orthMaRepresentation(horizon - 1);
    DMatrixRMaj sigma = model.sigmaUMatrix();
    double[][][] out = new double[k][horizon][k];
    double[][] squares = new double[k][k];
    DMatrixRMaj mse = new DMatrixRMaj(k, k);
    for (int h = 0; h < horizon; h++) {
      CommonOps_DDRM.addEquals(mse, Matrices.sandwich(phi[h], sigma, phi[h]));
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          double o = orth[h].get(i, j);
          squares[i][j] += o * o;
          out[i][h][j] = squares[i][j] / mse.get(i, i);
        }
      }
    }
    return new VarFevd(out);
  }

  @Override
  public double[][][] decomp() {
    return FlatArrays.copy(decomp);
  }

  /** K. */
  public int dimension() {
    return decomp.length;
  }

  /** N: the number of forecast steps. */
  public int horizon() {
    return decomp[0].length;
  }

  /** The shares of variable {@code response}'s forecast error variance, {@code [N][K]}. */
  public double[][] shares(int response) {
    return FlatArrays.copy(decomp[response]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VarFevd f && Arrays.deepEquals(f.decomp, decomp);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(decomp);
  }

  @Override
  public String toString() {
    return "VarFevd[K=" + dimension() + ", N=" + horizon() + "]";
  }
}
