package io.lstmirf.irf.var;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** AS 241 against scipy 1.10's {@code norm.ppf} (values printed by scipy). */
class NormalQuantileTest {

  @Test
  void matchesScipyAcrossTheRange() {
    double[][] scipy = {
      {1e-300, -37.0470962993612},
      {1e-20, -9.262340089798409},
      {1e-10, -6.361340902404056},
      {0.001, -3.090232306167813},
      {0.025, -1.9599639845400545},
      {0.075, -1.4395314709384563},
      {0.3, -0.5244005127080409},
      {0.5, 0.0},
      {0.6, 0.2533471031357997},
      {0.92, 1.4050715603096329},
      {0.975, 1.959963984540054},
      {0.999999, 4.753424308817087}
    };
    for (double[] c : scipy) {
      assertEquals(
          c[1], NormalQuantile.of(c[0]), 1e-15 * Math.max(1, Math.abs(c[1])), "p = " + c[0]);
    }
    assertEquals(1.6448536269514722, VarBands.criticalValue(0.1), 1e-15);
  }

  @Test
  void rejectsProbabilitiesOutsideTheOpenInterval() {
    assertThrows(IllegalArgumentException.class, () -> NormalQuantile.of(0));
    assertThrows(IllegalArgumentException.class, () -> NormalQuantile.of(1));
    assertThrows(IllegalArgumentException.class, () -> NormalQuantile.of(Double.NaN));
  }
}
