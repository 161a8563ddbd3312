package io.lstmirf.irf.multi;

import io.lstmirf.irf.var.TimeSeries;
import java.util.SplittableRandom;

/**
 * A VAR(p) whose parameters are known, {@code y[t] = c + A_1 y[t-1] + ... + A_p y[t-p] + u[t]},
 * {@code u[t] ~ N(0, Sigma)} independently: it simulates series and gives the true orthogonalised
 * impulse responses to compare estimates with.
 *
 * @param intercept {@code c}, {@code [K]}
 * @param coefs {@code A_1 .. A_p}, {@code [p][K][K]}
 * @param sigma {@code Sigma}, {@code [K][K]}
 */
record KnownVar(double[] intercept, double[][][] coefs, double[][] sigma) {
  private static final int BURN = 200;

  /**
   * The truth of the truth test: a stable VAR(2) of three variables with cross effects in both
   * directions, damped oscillation (the second lags pull back) and correlated innovations, so that
   * the orthogonalised responses differ from the plain ones. The largest modulus of the companion
   * matrix's eigenvalues is 0.55 (statsmodels' figure, checked in TruthTest), so responses die out
   * within the horizon.
   */
  static KnownVar truthTestVar() {
    return new KnownVar(
        new double[] {0.5, 0.0, -0.3},
        new double[][][] {
          {{0.5, 0.2, 0.0}, {0.1, 0.4, 0.2}, {0.0, 0.3, 0.5}},
          {{-0.2, 0.0, 0.1}, {0.0, -0.1, 0.0}, {0.1, 0.0, -0.2}}
        },
        new double[][] {{1.0, 0.4, 0.2}, {0.4, 1.0, 0.3}, {0.2, 0.3, 1.0}});
  }

  int dimension() {
    return intercept.length;
  }

  /** {@code n} observations after a burn-in, seeded; variables {@code y0, y1, ...}. */
  TimeSeries simulate(int n, long seed) {
    int k = dimension();
    int p = coefs.length;
    double[][] chol = ShockIdentification.ORTHOGONALISED.impulses(sigma);
    SplittableRandom random = new SplittableRandom(seed);
    double[][] y = new double[n + BURN][k];
    for (int t = p; t < y.length; t++) {
      double[] e = new double[k];
      for (int i = 0; i < k; i++) {
        e[i] = random.nextGaussian();
      }
      for (int i = 0; i < k; i++) {
        double v = intercept[i];
        for (int lag = 1; lag <= p; lag++) {
          for (int j = 0; j < k; j++) {
            v += coefs[lag - 1][i][j] * y[t - lag][j];
          }
        }
        for (int j = 0; j <= i; j++) {
          v += chol[i][j] * e[j];
        }
        y[t][i] = v;
      }
    }
    return TimeSeries.of(java.util.Arrays.copyOfRange(y, BURN, y.length));
  }

  /** The true orthogonalised responses {@code Phi_h P}, {@code [N+1][K][K]}. */
  double[][][] orthIrf(int horizon) {
    int k = dimension();
    double[][] chol = ShockIdentification.ORTHOGONALISED.impulses(sigma);
    double[][][] phi = new double[horizon + 1][k][k];
    for (int i = 0; i < k; i++) {
      phi[0][i][i] = 1;
    }
    for (int h = 1; h <= horizon; h++) {
      for (int lag = 1; lag <= Math.min(h, coefs.length); lag++) {
        phi[h] = plus(phi[h], times(phi[h - lag], coefs[lag - 1]));
      }
    }
    double[][][] out = new double[horizon + 1][][];
    for (int h = 0; h <= horizon; h++) {
      out[h] = times(phi[h], chol);
    }
    return out;
  }

  static double[][] times(double[][] a, double[][] b) {
    int n = a.length;
    double[][] c = new double[n][b[0].length];
    for (int i = 0; i < n; i++) {
      for (int l = 0; l < b.length; l++) {
        for (int j = 0; j < b[0].length; j++) {
          c[i][j] += a[i][l] * b[l][j];
        }
      }
    }
    return c;
  }

  private static double[][] plus(double[][] a, double[][] b) {
    double[][] c = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        c[i][j] = a[i][j] + b[i][j];
      }
    }
    return c;
  }
}
