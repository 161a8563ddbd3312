package io.lstmirf.experiment.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpreadTest {

  @Test
  void sampleMeanAndStandardDeviationOverTheValuesThatExist() {
    Spread s = Spread.of(2, 4, Double.NaN, 6);
    assertEquals(4, s.mean(), 1e-15);
    assertEquals(2, s.sd(), 1e-15); // numpy.std(ddof=1) of [2, 4, 6]
    assertEquals(3, s.n());
    assertEquals("4.0 ± 2.0", s.format("%.1f"));
  }

  @Test
  void oneValueHasNoSpreadAndNoneHasNoMean() {
    Spread one = Spread.of(5);
    assertEquals(5, one.mean());
    assertTrue(Double.isNaN(one.sd()));
    assertEquals("5.0", one.format("%.1f"));
    Spread none = Spread.of(Double.NaN);
    assertTrue(none.isEmpty());
    assertEquals("n/a", none.format("%.1f"));
  }
}
