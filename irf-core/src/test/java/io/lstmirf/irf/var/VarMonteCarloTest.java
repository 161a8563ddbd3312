package io.lstmirf.irf.var;

import static io.lstmirf.irf.var.StatsmodelsCase.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.json.JsonArrays;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Monte Carlo bands. statsmodels' random draws cannot be reproduced in Java, so the procedure is
 * checked against statsmodels given the very innovations statsmodels drew (recorded by the oracle
 * script), and the seeded bands by their properties.
 */
class VarMonteCarloTest {

  @Test
  void reproducesStatsmodelsFromItsOwnDraws() {
    StatsmodelsCase c = StatsmodelsCase.load("k2-p1-mc");
    JsonNode mc = c.get("mc");
    assertEquals(VarMonteCarlo.BURN, mc.get("burn").asInt());
    Deque<double[][]> draws = new ArrayDeque<>();
    for (JsonNode replication : mc.get("innovations")) {
      draws.add(JsonArrays.matrix(replication, "innovations"));
    }
    int replications = mc.get("repl").asInt();
    assertEquals(replications, draws.size());
    VarModel var = VarModel.fit(c.series(), c.lags());
    VarBands bands =
        VarMonteCarlo.bands(
            var,
            c.horizon(),
            mc.get("signif").asDouble(),
            replications,
            steps -> {
              double[][] u = draws.remove();
              assertEquals(steps, u.length, "steps simulated per replication");
              return u;
            });
    assertTrue(draws.isEmpty());
    assertEquals(BandMethod.MC, bands.method());
    assertEquals(replications, bands.replications());
    // the refits of simulated series agree with statsmodels' to rounding (measured 5.6e-14)
    double worst = 0;
    for (String field : List.of("irf", "orthIrf", "cumEffects", "orthCumEffects")) {
      ResponseBand b =
          switch (field) {
            case "irf" -> bands.irf();
            case "orthIrf" -> bands.orthIrf();
            case "cumEffects" -> bands.cumEffects();
            default -> bands.orthCumEffects();
          };
      worst =
          Math.max(
              worst,
              Math.max(
                  assertClose(
                      "mc " + field + ".lower", mc.get(field).get("lower"), b.lower(), 1e-12),
                  assertClose(
                      "mc " + field + ".upper", mc.get(field).get("upper"), b.upper(), 1e-12)));
    }
    System.out.println(
        "statsmodels Monte Carlo bands from its draws: largest relative" + " difference " + worst);
  }

  @Test
  void seededBandsAreReproducibleAndOrdered() {
    VarModel var = VarModel.fit(simulate(300, 5), 1);
    VarBands a = VarMonteCarlo.bands(var, 8, 0.1, 200, 42);
    VarBands b = VarMonteCarlo.bands(var, 8, 0.1, 200, 42);
    VarBands other = VarMonteCarlo.bands(var, 8, 0.1, 200, 43);
    assertEquals(a, b);
    assertNotEquals(a.irf(), other.irf());
    double[][][] irf = var.irf(8);
    double[][][] orth = var.orthogonalisedIrf(8);
    // Phi_0 = I in every replication: a band of zero width
    assertEquals(1.0, a.irf().lower()[0][1][1]);
    assertEquals(1.0, a.irf().upper()[0][1][1]);
    assertEquals(0.0, a.irf().upper()[0][0][1]);
    // P is lower triangular in every replication
    assertEquals(0.0, a.orthIrf().lower()[0][0][1]);
    int inside = 0;
    int cells = 0;
    for (ResponseBand band : List.of(a.irf(), a.orthIrf(), a.cumEffects(), a.orthCumEffects())) {
      double[][][] lo = band.lower();
      double[][][] hi = band.upper();
      for (int j = 0; j <= 8; j++) {
        for (int r = 0; r < 2; r++) {
          for (int s = 0; s < 2; s++) {
            assertTrue(lo[j][r][s] <= hi[j][r][s], "lower <= upper at " + j + r + s);
          }
        }
      }
    }
    for (int j = 1; j <= 8; j++) {
      for (int r = 0; r < 2; r++) {
        for (int s = 0; s < 2; s++) {
          cells += 2;
          inside += within(irf[j][r][s], a.irf(), j, r, s) ? 1 : 0;
          inside += within(orth[j][r][s], a.orthIrf(), j, r, s) ? 1 : 0;
        }
      }
    }
    // the estimate sits inside its own 90% band almost always (small-sample bias of the refits
    // can push a band past it at late steps, where the responses are tiny)
    assertTrue(inside >= 0.9 * cells, inside + " of " + cells + " estimates inside their band");
  }

  /**
   * On a long series the refitted responses are close to normal around the estimate, so the MC
   * band's edges must agree with the asymptotic band's {@code irf -/+ 1.645 stderr}. The sampling
   * error of an empirical 5% quantile from R = 2000 draws is {@code sqrt(0.05 * 0.95 / R) /
   * phi(1.645) = 0.047} standard errors; the mean distance is held to 0.1 and the largest over all
   * 64 edges to 0.25 (5 such errors), both in units of each response's asymptotic standard error.
   */
  @Test
  void agreesWithTheAsymptoticBandsOnALongSeries() {
    VarModel var = VarModel.fit(simulate(4000, 11), 1);
    int horizon = 4;
    VarBands mc = VarMonteCarlo.bands(var, horizon, 0.1, 2000, 7);
    VarIrfAnalysis analysis = var.irfAnalysis(horizon);
    VarBands asymptotic = analysis.asymptoticBands(0.1);
    double sum = 0;
    double worst = 0;
    int edges = 0;
    for (int kind = 0; kind < 2; kind++) {
      ResponseEstimate estimate = kind == 0 ? analysis.irf() : analysis.orthIrf();
      ResponseBand m = kind == 0 ? mc.irf() : mc.orthIrf();
      ResponseBand a = kind == 0 ? asymptotic.irf() : asymptotic.orthIrf();
      double[][][] se = estimate.stderr();
      for (int j = 1; j <= horizon; j++) {
        for (int r = 0; r < 2; r++) {
          for (int s = 0; s < 2; s++) {
            for (int edge = 0; edge < 2; edge++) {
              double dm = edge == 0 ? m.lower()[j][r][s] : m.upper()[j][r][s];
              double da = edge == 0 ? a.lower()[j][r][s] : a.upper()[j][r][s];
              double d = Math.abs(dm - da) / se[j][r][s];
              sum += d;
              worst = Math.max(worst, d);
              edges++;
            }
          }
        }
      }
    }
    assertEquals(64, edges);
    assertTrue(sum / edges < 0.1, "mean distance " + sum / edges + " standard errors");
    assertTrue(worst < 0.25, "largest distance " + worst + " standard errors");
  }

  @Test
  void rejectsTooFewReplicationsAndBadLevels() {
    VarModel var = VarModel.fit(simulate(100, 3), 1);
    // round(0.05 / 2 * 20) = round(0.5) = 0 (half to even): no replication below the band
    assertEquals(21, VarMonteCarlo.minimumReplications(0.05));
    InvalidInputException few =
        assertThrows(InvalidInputException.class, () -> VarMonteCarlo.bands(var, 4, 0.05, 20, 1));
    assertTrue(few.getMessage().contains("at least 21"), few.getMessage());
    assertEquals(21, VarMonteCarlo.bands(var, 4, 0.05, 21, 1).replications());
    assertThrows(InvalidInputException.class, () -> VarMonteCarlo.bands(var, 4, 0, 100, 1));
    assertThrows(InvalidInputException.class, () -> VarMonteCarlo.bands(var, 4, 1, 100, 1));
    assertThrows(InvalidInputException.class, () -> VarMonteCarlo.bands(var, -1, 0.1, 100, 1));
  }

  private static boolean within(double v, ResponseBand band, int j, int r, int s) {
    return band.lower()[j][r][s] <= v && v <= band.upper()[j][r][s];
  }

  /** A stable VAR(1) in two variables with correlated Gaussian errors. */
  static TimeSeries simulate(int n, long seed) {
    Random random = new Random(seed);
    double[][] y = new double[n][2];
    double[] prev = {0, 0};
    for (int t = -50; t < n; t++) {
      double e0 = random.nextGaussian();
      double e1 = 0.5 * e0 + 0.8 * random.nextGaussian();
      double[] now = {
        0.2 + 0.5 * prev[0] + 0.2 * prev[1] + e0, -0.1 - 0.1 * prev[0] + 0.3 * prev[1] + e1
      };
      if (t >= 0) {
        y[t] = now;
      }
      prev = now;
    }
    return new TimeSeries(List.of("x", "y"), y);
  }
}
