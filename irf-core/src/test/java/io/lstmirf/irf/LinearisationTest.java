package io.lstmirf.irf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.Precision;
import io.lstmirf.backend.reference.ReferenceBackend;
import io.lstmirf.testing.ClosedFormLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The linearised IRF against its closed form. */
class LinearisationTest {
  private static final ClosedFormLayer MODEL =
      ClosedFormLayer.ofForgetBiases(0.8, 0.3, new double[] {0, 2}, -0.2);

  @ParameterizedTest
  @EnumSource(IrfMode.class)
  void derivativeMatchesTheClosedForm(IrfMode mode) {
    // At a zero baseline tanh'(0) = 1 twice: dh/ds = sigmoid(b_o) sigmoid(b_i) w f^j
    int horizon = 30;
    try (LstmModel model = new ReferenceBackend().create(MODEL.weights())) {
      LinearisedResponse r =
          new Linearisation(model).compute(Baseline.zeros(), new Shock(3, 0, 1.0), horizon, mode);
      double slope = ClosedFormLayer.sigmoid(-0.2) * ClosedFormLayer.sigmoid(0.3) * 0.8;
      double[][] linear = r.linear();
      double[][] cellLinear = r.cellLinear();
      double[][] perUnit = r.perUnit();
      double[][] exact = MODEL.hiddenResponse(1.0, horizon);
      for (int j = 0; j < horizon; j++) {
        for (int k = 0; k < 2; k++) {
          double f = Math.pow(MODEL.forgetGate(k), j);
          assertEquals(slope * f, linear[j][k], 1e-9);
          assertEquals(ClosedFormLayer.sigmoid(0.3) * 0.8 * f, cellLinear[j][k], 1e-9);
          assertEquals(exact[j][k], perUnit[j][k], 1e-12);
        }
      }
      // the unit shock saturates tanh: the response per unit falls short of the linear one
      double[] nonlinearity = r.nonlinearity();
      for (int k = 0; k < 2; k++) {
        assertEquals(relativeGap(exact, linear, k), nonlinearity[k], 1e-9);
        assertTrue(nonlinearity[k] > 0.1, "tanh(0.8) / 0.8 is far from 1");
      }
    }
  }

  @Test
  void aTinyShockIsNearlyLinear() {
    try (LstmModel model = new ReferenceBackend().create(MODEL.weights())) {
      LinearisedResponse r =
          new Linearisation(model)
              .compute(Baseline.zeros(), new Shock(0, 0, 1e-3), 10, IrfMode.SEQUENCE);
      for (double n : r.nonlinearity()) {
        assertTrue(n < 1e-5, "nonlinearity " + n);
      }
      assertEquals(10, r.difference().length);
    }
  }

  @Test
  void stepSizeBalancesTruncationAgainstCancellation() {
    assertEquals(Math.cbrt(Math.pow(2, -23)), Linearisation.smallShock(Precision.FLOAT32, 0.3), 0);
    assertEquals(Math.cbrt(Math.pow(2, -52)), Linearisation.smallShock(Precision.FLOAT64, -1), 0);
    assertEquals(
        10 * Math.cbrt(Math.pow(2, -52)), Linearisation.smallShock(Precision.FLOAT64, -10), 1e-20);
    try (LstmModel model = new ReferenceBackend().create(MODEL.weights())) {
      assertThrows(
          InvalidInputException.class,
          () ->
              new Linearisation(model)
                  .compute(Baseline.zeros(), new Shock(0, 0, 0), 10, IrfMode.SEQUENCE));
    }
  }

  private static double relativeGap(double[][] a, double[][] b, int k) {
    double diff = 0;
    double norm = 0;
    for (int j = 0; j < a.length; j++) {
      diff += (a[j][k] - b[j][k]) * (a[j][k] - b[j][k]);
      norm += b[j][k] * b[j][k];
    }
    return Math.sqrt(diff / norm);
  }
}
