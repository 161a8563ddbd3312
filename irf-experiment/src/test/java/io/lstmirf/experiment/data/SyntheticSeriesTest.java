package io.lstmirf.experiment.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lstmirf.api.InvalidInputException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The original series: cumsum(0.5 t + sin(2 pi t) + N(0, 0.1^2)) with t = linspace(0, 1, n). */
class SyntheticSeriesTest {

  /** The increments minus the deterministic part: the noise. */
  static double[] noise(double[] s) {
    int n = s.length;
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      double t = (double) i / (n - 1);
      double increment = i == 0 ? s[0] : s[i] - s[i - 1];
      e[i] = increment - (0.5 * t + Math.sin(2 * Math.PI * t));
    }
    return e;
  }

  @Test
  void isTheCumulativeSumOfTrendSeasonAndNoise() {
    double[] s = SyntheticSeries.original(20_000, 7);
    double[] e = noise(s);
    double mean = Arrays.stream(e).average().orElseThrow();
    double sd =
        Math.sqrt(Arrays.stream(e).map(v -> (v - mean) * (v - mean)).sum() / (e.length - 1));
    // N(0, 0.1^2) noise: over 20,000 draws the mean is within 4 standard errors of 0 and the
    // standard deviation within 3% of 0.1
    assertEquals(0, mean, 4 * 0.1 / Math.sqrt(e.length));
    assertEquals(0.1, sd, 0.003);
    // the deterministic part integrates to about n (0.25 + 0): sum of 0.5 t over linspace is
    // n/4, sum of sin(2 pi t) over a full period is 0
    assertEquals(20_000 / 4.0, s[s.length - 1], 0.1 * Math.sqrt(20_000) * 5);
  }

  @Test
  void matchesTheFormulaStepByStepWithTheSeededNoise() {
    // numpy: t = linspace(0, 1, 5) = [0, .25, .5, .75, 1]; s = cumsum(0.5 t + sin(2 pi t) + e)
    double[] t = {0, 0.25, 0.5, 0.75, 1};
    SplittableRandom random = new SplittableRandom(11);
    double level = 0;
    double[] expected = new double[5];
    for (int i = 0; i < 5; i++) {
      level += 0.5 * t[i] + Math.sin(2 * Math.PI * t[i]) + 0.1 * random.nextGaussian();
      expected[i] = level;
    }
    assertArrayEquals(expected, SyntheticSeries.original(5, 11), 0);
  }

  @Test
  void theSeedFixesTheSeries() {
    assertArrayEquals(SyntheticSeries.original(300, 42), SyntheticSeries.original(300, 42));
    assertFalse(
        Arrays.equals(SyntheticSeries.original(300, 42), SyntheticSeries.original(300, 43)));
  }

  @Test
  void needsTwoSamples() {
    assertThrows(InvalidInputException.class, () -> SyntheticSeries.original(1, 42));
  }
}
