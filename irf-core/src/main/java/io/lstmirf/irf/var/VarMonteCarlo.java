package io.lstmirf.irf.var;

import io.lstmirf.api.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Monte Carlo bands of a VAR's responses, statsmodels' {@code irf_errband_mc} (and {@code
 * cum_errband_mc}; Lütkepohl 2005, appendix D): each of {@code R} replications simulates {@code T +
 * p + 100} observations from the fitted VAR with Gaussian innovations {@code u ~ N(0, Sigma_u)}
 * ({@code util.varsim}: the first {@code p} values are the intercept, then {@code y[t] = c + u[t] +
 * A_1 y[t-1] + ... + A_p y[t-p]}), drops the first 100 as burn-in, refits VAR(p) with a constant on
 * the remaining {@code T + p} and computes its responses; the band at every {@code
 * [step][response][impulse]} is the pair of order statistics {@code round(signif/2 R) - 1} and
 * {@code round((1 - signif/2) R) - 1} (0-based, Python's round-half-even) of the sorted
 * replications. The orthogonalised responses use each refit's own Cholesky factor; cumulative bands
 * come from the same replications.
 *
 * <p>Seeded: one {@link Random} advances across the replications (statsmodels 0.13 re-seeds its
 * generator in every replication, which with a fixed seed makes every replication identical; later
 * statsmodels advances one generator, as here). statsmodels' random draws cannot be reproduced in
 * Java, so bands from the same seed differ from statsmodels' by Monte Carlo error. The tests check
 * the procedure against statsmodels given statsmodels' own draws, and the seeded bands by their
 * properties (coverage against the asymptotic bands on a long series, determinism). Cost: {@code R}
 * least-squares fits; memory {@code 4 R (N+1) K^2} doubles.
 */
public final class VarMonteCarlo {
  /** Simulated observations dropped before each refit, statsmodels' {@code burn}. */
  public static final int BURN = 100;

  private VarMonteCarlo() {}

  /** The innovations of one replication: {@code [steps][K]}, rows {@code 0 .. p-1} unused. */
  @FunctionalInterface
  interface Innovations {
    double[][] draw(int steps);
  }

  /**
   * Monte Carlo bands from {@code replications} simulations seeded with {@code seed}.
   *
   * @throws InvalidInputException if {@code signif} is not in (0, 1), the replications are too few
   *     for its quantiles, or a simulated series cannot be refitted (an explosive VAR)
   */
  public static VarBands bands(
      VarModel model, int horizon, double signif, int replications, long seed) {
    Objects.requireNonNull(model, "model");
    Random random = new Random(seed);
    DMatrixRMaj p = model.choleskyFactor();
    int k = model.dimension();
    return bands(
        model,
        horizon,
        signif,
        replications,
        steps -> {
          double[][] u = new double[steps][k];
          double[] z = new double[k];
          for (double[] row : u) {
            for (int i = 0; i < k; i++) {
              z[i] = random.nextGaussian();
            }
            for (int i = 0; i < k; i++) {
              for (int j = 0; j <= i; j++) {
                row[i] += p.get(i, j) * z[j];
              }
            }
          }
          return u;
        });
  }

  /**
   * The smallest number of replications whose lower quantile index {@code round(signif/2 R) - 1} is
   * not negative.
   */
  public static int minimumReplications(double signif) {
    VarBands.requireSignif(signif);
    int r = 1;
    while (Math.rint(signif / 2 * r) < 1) {
      r++;
    }
    return r;
  }

  static VarBands bands(
      VarModel model, int horizon, double signif, int replications, Innovations innovations) {
    VarBands.requireSignif(signif);
    if (horizon < 0) {
      throw new InvalidInputException("horizon must be >= 0, got " + horizon);
    }
    int minimum = minimumReplications(signif);
    if (replications < minimum) {
      throw new InvalidInputException(
          replications
              + " Monte Carlo replications are too few for"
              + " significance "
              + signif
              + ": its lower quantile needs at least "
              + minimum);
    }
    int k = model.dimension();
    int cells = (horizon + 1) * k * k;
    // [kind][cell][replication], kinds irf, orthIrf, cumEffects, orthCumEffects
    double[][][] draws = new double[4][cells][replications];
    int steps = model.observations() + model.lags() + BURN;
    for (int r = 0; r < replications; r++) {
      VarModel refit = refit(model, simulate(model, innovations.draw(steps)), r);
      DMatrixRMaj[] phi = refit.maRepresentation(horizon);
      DMatrixRMaj[] orth = refit.orthMaRepresentation(horizon);
      DMatrixRMaj cum = new DMatrixRMaj(k, k);
      DMatrixRMaj orthCum = new DMatrixRMaj(k, k);
      for (int j = 0; j <= horizon; j++) {
        CommonOps_DDRM.addEquals(cum, phi[j]);
        CommonOps_DDRM.addEquals(orthCum, orth[j]);
        store(draws[0], phi[j], j, r);
        store(draws[1], orth[j], j, r);
        store(draws[2], cum, j, r);
        store(draws[3], orthCum, j, r);
      }
    }
    int low = (int) Math.rint(signif / 2 * replications) - 1;
    int high = (int) Math.rint((1 - signif / 2) * replications) - 1;
    ResponseBand[] bands = new ResponseBand[4];
    for (int kind = 0; kind < 4; kind++) {
      double[][][] lower = new double[horizon + 1][k][k];
      double[][][] upper = new double[horizon + 1][k][k];
      for (int cell = 0; cell < cells; cell++) {
        double[] sorted = draws[kind][cell];
        Arrays.sort(sorted);
        int j = cell / (k * k);
        int i = cell / k % k;
        lower[j][i][cell % k] = sorted[low];
        upper[j][i][cell % k] = sorted[high];
      }
      bands[kind] = new ResponseBand(lower, upper);
    }
    return new VarBands(
        BandMethod.MC, signif, replications, bands[0], bands[1], bands[2], bands[3]);
  }

  /** {@code util.varsim}: {@code [steps][K]} from the fitted coefficients and innovations. */
  static double[][] simulate(VarModel model, double[][] u) {
    int k = model.dimension();
    int p = model.lags();
    double[] c = model.intercept();
    double[][][] a = model.coefficients();
    double[][] y = new double[u.length][k];
    for (int t = 0; t < u.length; t++) {
      for (int i = 0; i < k; i++) {
        y[t][i] = t < p ? c[i] : c[i] + u[t][i];
      }
      for (int lag = 1; t >= p && lag <= p; lag++) {
        for (int i = 0; i < k; i++) {
          double s = 0;
          for (int j = 0; j < k; j++) {
            s += a[lag - 1][i][j] * y[t - lag][j];
          }
          y[t][i] += s;
        }
      }
    }
    return y;
  }

  private static VarModel refit(VarModel model, double[][] simulated, int replication) {
    try {
      double[][] kept = Arrays.copyOfRange(simulated, BURN, simulated.length);
      return VarLeastSquares.estimate(new TimeSeries(model.names(), kept), model.lags(), 0);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          "Monte Carlo replication "
              + (replication + 1)
              + " of "
              + model
              + " cannot be refitted (is the VAR explosive?): "
              + e.getMessage(),
          e);
    }
  }

  private static void store(double[][] target, DMatrixRMaj m, int step, int replication) {
    int k = m.numRows;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        target[(step * k + i) * k + j][replication] = m.get(i, j);
      }
    }
  }
}
