package io.lstmirf.irf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Memory metrics on series whose answers are known in closed form, or were computed with the
 * original numpy expressions (quoted next to each number).
 */
class MemoryMetricsTest {

  private static double[] series(int n, IntToDoubleFunction f) {
    double[] r = new double[n];
    for (int j = 0; j < n; j++) {
      r[j] = f.applyAsDouble(j);
    }
    return r;
  }

  @Test
  void geometricDecay() {
    double[] r = series(30, j -> Math.pow(0.8, j));
    ResponseMetrics m = ResponseMetrics.of(0, r);
    // 0.8^3 = 0.512 is not below 0.5; 0.8^4 = 0.4096 is
    assertEquals(OptionalInt.of(4), m.halfLife());
    assertEquals(OptionalInt.of(4), m.halfLifeFromPeak());
    assertEquals(1.0, m.peak());
    assertEquals(0, m.peakLag());
    assertEquals(0.0, m.oscillationFrequency());
    assertEquals((1 - Math.pow(0.8, 30)) / 0.2, m.persistence(), 1e-12);
    assertEquals(-Math.log(0.8), m.decayRate().getAsDouble(), 1e-12);
    // sum(0.64^j, j = 10..29) / sum(0.64^j, j = 0..29)
    assertEquals(
        (Math.pow(0.64, 10) - Math.pow(0.64, 30)) / (1 - Math.pow(0.64, 30)),
        m.contributionRatio(),
        1e-14);
    // 1 - 0.64^(j+1) >= 0.9 first at j + 1 = 6 (0.64^6 = 0.069)
    assertEquals(OptionalInt.of(5), m.lag90());
  }

  @Test
  void halfLifeUsesAStrictInequality() {
    // f = 0.5: |r[1]| = |r[0]|/2 exactly, which is not below half, so the half-life is 2
    assertEquals(OptionalInt.of(2), MemoryMetrics.halfLife(series(10, j -> Math.pow(0.5, j))));
    assertEquals(OptionalInt.of(2), MemoryMetrics.halfLife(new double[] {-4, -2, -1}));
  }

  @Test
  void dampedOscillationMatchesTheNumpyDefinitions() {
    double[] r = series(60, j -> Math.pow(0.95, j) * Math.cos(0.3 * j));
    ResponseMetrics m = ResponseMetrics.of(3, r);
    assertEquals(3, m.channel());
    // np.argmax(np.abs(r) < np.abs(r[0]) / 2)
    assertEquals(OptionalInt.of(4), m.halfLife());
    // np.sum(np.diff(np.sign(r)) != 0) / len(r): 6 sign changes in 60 lags
    assertEquals(0.1, m.oscillationFrequency(), 0);
    // np.sum(r[-20:]**2) / np.sum(r**2)
    assertEquals(0.015748258024673667, m.contributionRatio(), 1e-13);
    assertEquals(12.364131023844276, m.persistence(), 1e-12);
    // -np.polyfit(j, np.log(np.abs(r)), 1, w=np.abs(r))[0]; biased above -ln 0.95 = 0.0513
    assertEquals(0.05442167133683733, m.decayRate().getAsDouble(), 1e-12);
    // np.argmax(np.cumsum(r**2) >= 0.9 * np.sum(r**2))
    assertEquals(OptionalInt.of(21), m.lag90());
  }

  @Test
  void signChangesCountExactZerosLikeNumpySign() {
    // np.sign gives 1, 0, -1, 0, 1: four non-zero differences
    assertEquals(4.0 / 5, MemoryMetrics.oscillationFrequency(new double[] {1, 0, -1, 0, 1}));
    assertEquals(1.0 / 2, MemoryMetrics.oscillationFrequency(new double[] {1, -1}));
    assertEquals(1.0 / 4, MemoryMetrics.oscillationFrequency(new double[] {0, 0, 0, 2}));
    // -0.0 and 0.0 have the same sign, as np.sign(-0.0) == np.sign(0.0)
    assertEquals(0.0, MemoryMetrics.oscillationFrequency(new double[] {0.0, -0.0, 0.0}));
  }

  @Test
  void zeroSeriesReachesNothing() {
    ResponseMetrics m = ResponseMetrics.of(0, new double[25]);
    assertEquals(OptionalInt.empty(), m.halfLife());
    assertEquals(OptionalInt.empty(), m.halfLifeFromPeak());
    assertEquals(0.0, m.contributionRatio());
    assertEquals(0.0, m.oscillationFrequency());
    assertEquals(0.0, m.peak());
    assertEquals(0, m.peakLag());
    assertEquals(0.0, m.persistence());
    assertEquals(OptionalDouble.empty(), m.decayRate());
    assertEquals(OptionalInt.empty(), m.lag90());
  }

  @Test
  void constantSeriesNeverDecays() {
    ResponseMetrics m = ResponseMetrics.of(0, series(30, j -> 2.0));
    // numpy's argmax would have said 0 here
    assertEquals(OptionalInt.empty(), m.halfLife());
    assertEquals(OptionalInt.empty(), m.halfLifeFromPeak());
    assertEquals(20.0 / 30, m.contributionRatio(), 1e-15);
    assertEquals(60.0, m.persistence());
    assertEquals(0.0, m.decayRate().getAsDouble(), 1e-15);
    // 4 (j + 1) >= 0.9 * 120 first at j = 26
    assertEquals(OptionalInt.of(26), m.lag90());
  }

  @Test
  void growingSeriesPeaksLastAndHasNoDecay() {
    ResponseMetrics m = ResponseMetrics.of(0, series(12, j -> Math.pow(1.1, j)));
    assertEquals(OptionalInt.empty(), m.halfLife());
    assertEquals(11, m.peakLag());
    assertEquals(OptionalInt.empty(), m.halfLifeFromPeak());
    // only one lag from the peak on: no line to fit
    assertEquals(OptionalDouble.empty(), m.decayRate());
  }

  @Test
  void seriesShorterThanTheTailIsAllTail() {
    double[] r = series(5, j -> Math.pow(0.5, j));
    ResponseMetrics m = ResponseMetrics.of(0, r);
    assertEquals(1.0, m.contributionRatio(), 0); // numpy's r[-20:] is the whole series
    assertEquals(OptionalInt.of(2), m.halfLife());
    // cumulative 1, 1.25 >= 0.9 * 1.33203125
    assertEquals(OptionalInt.of(1), m.lag90());
    assertEquals(-Math.log(0.5), m.decayRate().getAsDouble(), 1e-14);
    assertEquals(1.0, ResponseMetrics.of(0, new double[] {3.0}).contributionRatio());
  }

  @Test
  void halfLifeFromPeakFollowsAHumpThatTheOriginalMissed() {
    double[] hump = {0.1, 0.5, 1.0, 0.8, 0.6, 0.4, 0.3};
    assertEquals(OptionalInt.empty(), MemoryMetrics.halfLife(hump));
    assertEquals(2, MemoryMetrics.peakLag(hump));
    assertEquals(1.0, MemoryMetrics.peak(hump));
    // first lag after the peak below 0.5 is lag 5, three lags later
    assertEquals(OptionalInt.of(3), MemoryMetrics.halfLifeFromPeak(hump));
    // the decay is fitted from the peak on: -np.polyfit(j[2:], np.log(r[2:]), 1, w=r[2:])[0]
    assertEquals(0.2901891169576191, MemoryMetrics.decayRate(hump).getAsDouble(), 1e-13);
    // a negative peak is reported with its sign; ties go to the first lag
    assertEquals(-2.0, MemoryMetrics.peak(new double[] {1, -2, 2}));
  }

  @Test
  void rejectsEmptyAndNonFiniteSeries() {
    assertThrows(InvalidInputException.class, () -> MemoryMetrics.halfLife(new double[0]));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> ResponseMetrics.of(0, new double[] {1, Double.NaN}));
    assertTrue(e.getMessage().contains("response[1]"), e.getMessage());
  }

  @Test
  void oneRecordPerColumn() {
    double[][] response = {{1, 0}, {0.4, 0}, {0.1, 0}};
    var all = ResponseMetrics.ofColumns(response);
    assertEquals(2, all.size());
    assertEquals(OptionalInt.of(1), all.get(0).halfLife());
    assertEquals(1, all.get(1).channel());
    assertEquals(OptionalInt.empty(), all.get(1).halfLife());
  }
}
