package io.lstmirf.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CentralDifferenceTest {

  @Test
  void twoPointDifferencesAreGoodToAboutTheSquareOfTheStep() {
    assertEquals(Math.cos(0.3), CentralDifference.TWO_POINT.derivative(Math::sin, 0.3), 1e-9);
  }

  @Test
  void fivePointDifferencesAreExactForQuarticsUpToRounding() {
    double x = 0.7;
    double derivative = CentralDifference.FIVE_POINT.derivative(v -> v * v * v * v - 2 * v, x);
    assertEquals(4 * x * x * x - 2, derivative, 1e-12);
    assertEquals(Math.cos(0.3), CentralDifference.FIVE_POINT.derivative(Math::sin, 0.3), 1e-12);
  }
}
