package io.lstmirf.irf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lstmirf.api.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Element-wise statistics across samples, as numpy computes them. */
class SampleStatisticsTest {

  @Test
  void meanAndQuantilesAreElementWise() {
    double[][] samples = {{1, 10}, {2, 40}, {4, 20}, {3, 30}};
    assertArrayEquals(new double[] {2.5, 25}, SampleStatistics.mean(samples), 0);
    // np.quantile([1, 2, 3, 4], [0.1, 0.5]) = [1.3, 2.5]; of [10, 20, 30, 40]: [13, 25]
    double[][] q = SampleStatistics.quantiles(samples, List.of(0.1, 0.5));
    assertArrayEquals(new double[] {1.3, 13}, q[0], 1e-12);
    assertArrayEquals(new double[] {2.5, 25}, q[1], 1e-12);
    double[][][] responses = {{{1, 2}}, {{3, 6}}};
    assertArrayEquals(new double[] {2, 4}, SampleStatistics.mean(responses)[0], 0);
    List<QuantileBand> bands = SampleStatistics.quantiles(responses, List.of(1.0));
    assertEquals(1.0, bands.get(0).level());
    assertArrayEquals(new double[] {3, 6}, bands.get(0).values()[0], 0);
  }

  @Test
  void noSamplesOrRaggedSamplesAreRefused() {
    assertThrows(InvalidInputException.class, () -> SampleStatistics.mean(new double[0][]));
    assertThrows(
        InvalidInputException.class,
        () -> SampleStatistics.quantiles(new double[][] {{1}, {1, 2}}, List.of(0.5)));
  }
}
