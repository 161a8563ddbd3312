package io.lstmirf.irf.var;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Properties of the analysis that hold whatever statsmodels says, and the corners it refuses. */
class VarIrfAnalysisTest {
  private static final TimeSeries SERIES = VarMonteCarloTest.simulate(400, 21);

  @Test
  void cumulativeEffectsApproachTheLongRunAndFevdSharesSumToOne() {
    VarModel var = VarModel.fit(SERIES, 2);
    VarIrfAnalysis a = var.irfAnalysis(60);
    double[][][] cum = a.cumEffects().values();
    double[][] longRun = a.longRunEffects();
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(longRun[i][j], cum[60][i][j], 1e-9);
      }
    }
    // the long-run effects' errors are the limit of the cumulative effects' errors
    assertEquals(a.longRunEffectsStderr()[1][0], a.cumEffects().stderr()[60][1][0], 1e-9);
    VarFevd fevd = var.fevd(12);
    for (double[][] response : fevd.decomp()) {
      for (double[] step : response) {
        assertEquals(1.0, step[0] + step[1], 1e-12);
      }
    }
    // one step ahead, the first variable's error is its own orthogonal shock only
    assertEquals(1.0, fevd.shares(0)[0][0], 1e-15);
  }

  @Test
  void orderZeroHasOnlyTheCovarianceUncertainty() {
    VarIrfAnalysis a = VarModel.fit(SERIES, 0).irfAnalysis(3);
    for (double[][] step : a.irf().stderr()) {
      for (double[] row : step) {
        for (double se : row) {
          assertEquals(0.0, se);
        }
      }
    }
    double[][] orth0 = a.orthIrf().stderr()[0];
    assertTrue(orth0[0][0] > 0 && orth0[1][0] > 0 && orth0[1][1] > 0);
    assertEquals(0.0, orth0[0][1]);
    assertEquals(0.0, a.orthIrf().stderr()[2][1][0]);
    VarBands mc = VarMonteCarlo.bands(VarModel.fit(SERIES, 0), 3, 0.1, 50, 1);
    assertEquals(0.0, mc.irf().upper()[2][1][0]);
    assertTrue(mc.orthIrf().lower()[0][1][1] < mc.orthIrf().upper()[0][1][1]);
  }

  @Test
  void bandsAreTheEstimateAroundZTimesItsError() {
    VarIrfAnalysis a = VarModel.fit(SERIES, 1).irfAnalysis(5);
    VarBands b = a.asymptoticBands(0.05);
    double z = VarBands.criticalValue(0.05);
    assertEquals(1.959963984540054, z, 1e-15);
    double se = a.orthIrf().stderr()[2][0][1];
    double v = a.orthIrf().values()[2][0][1];
    assertEquals(v - z * se, b.orthIrf().lower()[2][0][1], 0);
    assertEquals(v + z * se, b.orthIrf().upper()[2][0][1], 0);
    assertEquals(0, b.replications());
    assertThrows(InvalidInputException.class, () -> a.asymptoticBands(0));
    assertEquals(BandMethod.MC, BandMethod.parse(" MC "));
    assertThrows(InvalidInputException.class, () -> BandMethod.parse("bootstrap"));
  }

  @Test
  void horizonZeroAndTheFevdsLowerBound() {
    VarModel var = VarModel.fit(SERIES, 1);
    assertEquals(0, var.irfAnalysis(0).horizon());
    assertThrows(InvalidInputException.class, () -> var.irfAnalysis(-1));
    assertThrows(InvalidInputException.class, () -> var.fevd(0));
  }
}
