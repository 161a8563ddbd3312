package io.lstmirf.irf.var;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The matrix algebra of Lütkepohl (2005, appendix A) that VAR inference needs, on EJML matrices:
 * Kronecker products, {@code vec}/{@code vech} selection matrices as statsmodels' {@code tsatools}
 * builds them, and array conversions. {@code vec} stacks columns (Fortran order): entry {@code (i,
 * j)} of a {@code K x K} matrix is element {@code j K + i}.
 */
final class Matrices {
  private Matrices() {}

  /** {@code target += kron(a, b)}; {@code target} is {@code (a.rows b.rows) x (a.cols b.cols)}. */
  static void addKron(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj target) {
    for (int i = 0; i < a.numRows; i++) {
      for (int j = 0; j < a.numCols; j++) {
        double aij = a.get(i, j);
        if (aij == 0) {
          continue; // the identity and selection blocks are mostly zero
        }
        for (int r = 0; r < b.numRows; r++) {
          int row = i * b.numRows + r;
          for (int c = 0; c < b.numCols; c++) {
            target.add(row, j * b.numCols + c, aij * b.get(r, c));
          }
        }
      }
    }
  }

  /** {@code kron(a, b)}. */
  static DMatrixRMaj kron(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj out = new DMatrixRMaj(a.numRows * b.numRows, a.numCols * b.numCols);
    addKron(a, b, out);
    return out;
  }

  /** The commutation matrix {@code K_kk}: {@code vec(A') = K_kk vec(A)}. */
  static DMatrixRMaj commutation(int k) {
    DMatrixRMaj m = new DMatrixRMaj(k * k, k * k);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        // vec(A') at j k + i... holds A'(i, j) = A(j, i), which is vec(A) at i k + j
        m.set(i * k + j, j * k + i, 1);
      }
    }
    return m;
  }

  /**
   * The elimination matrix {@code L_k}: {@code vech(A) = L_k vec(A)}, {@code vech} stacking the
   * lower triangle column by column, {@code k(k+1)/2 x k^2}.
   */
  static DMatrixRMaj elimination(int k) {
    DMatrixRMaj m = new DMatrixRMaj(k * (k + 1) / 2, k * k);
    int row = 0;
    for (int j = 0; j < k; j++) {
      for (int i = j; i < k; i++) {
        m.set(row++, j * k + i, 1);
      }
    }
    return m;
  }

  /** The duplication matrix {@code D_k}: {@code vec(S) = D_k vech(S)} for symmetric S. */
  static DMatrixRMaj duplication(int k) {
    DMatrixRMaj m = new DMatrixRMaj(k * k, k * (k + 1) / 2);
    int col = 0;
    for (int j = 0; j < k; j++) {
      for (int i = j; i < k; i++) {
        m.set(j * k + i, col, 1);
        m.set(i * k + j, col, 1);
        col++;
      }
    }
    return m;
  }

  /**
   * The Moore-Penrose inverse of {@link #duplication}, {@code (D'D)^-1 D'} (D has full column
   * rank): it averages the two copies of each off-diagonal element, as numpy's {@code pinv}.
   */
  static DMatrixRMaj duplicationPinv(int k) {
    DMatrixRMaj d = duplication(k);
    DMatrixRMaj dtd = new DMatrixRMaj(d.numCols, d.numCols);
    CommonOps_DDRM.multTransA(d, d, dtd);
    // D'D is diagonal: 1 for a diagonal element of S, 2 for an off-diagonal one
    DMatrixRMaj out = new DMatrixRMaj(d.numCols, d.numRows);
    CommonOps_DDRM.transpose(d, out);
    for (int r = 0; r < out.numRows; r++) {
      double w = 1.0 / dtd.get(r, r);
      for (int c = 0; c < out.numCols; c++) {
        out.set(r, c, out.get(r, c) * w);
      }
    }
    return out;
  }

  /** {@code a b c'}. */
  static DMatrixRMaj sandwich(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    DMatrixRMaj ab = new DMatrixRMaj(a.numRows, b.numCols);
    CommonOps_DDRM.mult(a, b, ab);
    DMatrixRMaj out = new DMatrixRMaj(a.numRows, c.numRows);
    CommonOps_DDRM.multTransB(ab, c, out);
    return out;
  }

  /**
   * The standard errors {@code [K][K]} held on the diagonal of a covariance of {@code vec} of a
   * {@code K x K} matrix (statsmodels' {@code unvec(sqrt(diag(cov)))}). A diagonal entry that
   * rounding left a hair below zero reads as 0, where numpy's square root would give NaN.
   */
  static double[][] unvecSqrtDiagonal(DMatrixRMaj cov, int k) {
    double[][] out = new double[k][k];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < k; i++) {
        out[i][j] = Math.sqrt(Math.max(0, cov.get(j * k + i, j * k + i)));
      }
    }
    return out;
  }

  /** A copy of {@code m} as a Java array. */
  static double[][] toArray(DMatrixRMaj m) {
    double[][] a = new double[m.numRows][m.numCols];
    for (int i = 0; i < m.numRows; i++) {
      for (int j = 0; j < m.numCols; j++) {
        a[i][j] = m.get(i, j);
      }
    }
    return a;
  }

  /** Copies of {@code ms} as one Java array, {@code [ms.length][rows][cols]}. */
  static double[][][] toArray(DMatrixRMaj[] ms) {
    double[][][] out = new double[ms.length][][];
    for (int i = 0; i < ms.length; i++) {
      out[i] = toArray(ms[i]);
    }
    return out;
  }
}
