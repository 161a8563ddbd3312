package io.lstmirf.irf.multi;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Which shock "a one-standard-deviation shock in variable j" is, given the residual covariance
 * {@code Sigma} of the one-step forecasts. Each gives the impulse vectors {@code d_j}, the columns
 * of {@link #impulses}: the innovations of all K variables at the shock, in the data's units.
 */
public enum ShockIdentification {
  /**
   * Pesaran and Shin (1998), the generalized impulse of Koop, Pesaran and Potter (1996) with
   * correlated Gaussian innovations: variable {@code j}'s innovation moves by its standard
   * deviation and the others by what they are expected to do given it, {@code d_j = Sigma e_j /
   * sqrt(Sigma_jj)}. Does not depend on the variables' order; for a VAR the response is {@code
   * Phi_h Sigma e_j / sqrt(Sigma_jj)}.
   */
  GENERALIZED("generalized"),
  /**
   * Orthogonalised shocks, the VAR's {@code orth_irfs}: {@code d_j = P e_j}, {@code P} the lower
   * Cholesky factor of {@code Sigma}, so variable {@code j}'s shock moves only the variables after
   * it at impact; the order of the variables is the identification.
   */
  ORTHOGONALISED("orth");

  private final String id;

  ShockIdentification(String id) {
    this.id = id;
  }

  /** The name in files and on the command line: {@code generalized} or {@code orth}. */
  public String id() {
    return id;
  }

  /** The identification called {@code text} ({@code generalized} or {@code orth}). */
  public static ShockIdentification parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (ShockIdentification s : values()) {
      if (s.id.equals(t)) {
        return s;
      }
    }
    throw new InvalidInputException(
        "unknown shock identification '" + text + "'; use" + " generalized or orth");
  }

  /**
   * The impulse vectors, {@code [K][K]} indexed {@code [variable][impulse]}: column {@code j} is
   * {@code d_j}.
   *
   * @param sigma the residual covariance {@code [K][K]}, symmetric positive definite
   * @throws InvalidInputException if {@code sigma} is not positive definite
   */
  public double[][] impulses(double[][] sigma) {
    int k = sigma.length;
    FlatArrays.requireBox("residual covariance", sigma, k, k);
    FlatArrays.requireFinite("residual covariance", sigma);
    double[][] d = new double[k][k];
    if (this == GENERALIZED) {
      for (int j = 0; j < k; j++) {
        if (!(sigma[j][j] > 0)) {
          throw new InvalidInputException(
              "variable "
                  + j
                  + " has residual variance "
                  + sigma[j][j]
                  + "; a one-standard-deviation shock needs a positive one");
        }
        double sd = Math.sqrt(sigma[j][j]);
        for (int i = 0; i < k; i++) {
          d[i][j] = sigma[i][j] / sd;
        }
      }
      return d;
    }
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(k, true);
    if (!chol.decompose(new DMatrixRMaj(sigma))) {
      throw new InvalidInputException(
          "the residual covariance is not positive definite: the"
              + " one-step errors of some variables are (nearly) collinear, so orthogonalised"
              + " shocks are undefined; drop a variable or use generalized shocks");
    }
    DMatrixRMaj p = chol.getT(null);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        d[i][j] = p.get(i, j);
      }
    }
    return d;
  }
}
