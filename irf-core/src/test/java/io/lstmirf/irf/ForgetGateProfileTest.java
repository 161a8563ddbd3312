package io.lstmirf.irf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.backend.reference.ReferenceBackend;
import io.lstmirf.testing.ClosedFormLayer;
import org.junit.jupiter.api.Test;

/** Forget-gate time constants read through the api's forget-gate trace. */
class ForgetGateProfileTest {

  @Test
  void constantGatesGiveTheTheoreticalHalfLives() {
    ClosedFormLayer cf =
        ClosedFormLayer.ofForgetBiases(0.8, 0.3, new double[] {0, 1, 2, Math.log(99)}, 0);
    try (LstmModel model = new ReferenceBackend().create(cf.weights())) {
      double[][][] inputs = {ImpulseResponsesTest.randomWindow(50, 1, 2)};
      LayerForgetGates layer = ForgetGateProfile.measure(model, inputs).layer(0);
      // the forget gate reads neither x nor h here: f = sigmoid(b_f) at every step
      for (int k = 0; k < 4; k++) {
        assertEquals(cf.forgetGate(k), layer.meanForget()[k], 1e-15);
        assertEquals(cf.forgetGate(k), layer.geometricMeanForget()[k], 1e-15);
      }
      // irf-method.md: b_f = 0, 1, 2, ln 99 give half-lives 1, 2.21, 5.46, 69 (68.97) steps
      assertArrayEquals(
          new double[] {1.0, 2.2126777968008744, 5.46094731071831, 68.96756393652842},
          layer.halfLife(),
          1e-9);
      assertArrayEquals(layer.halfLife(), layer.effectiveHalfLife(), 1e-9);
      assertEquals(-1 / Math.log(0.5), layer.timeConstant()[0], 1e-15);
    }
  }

  @Test
  void geometricMeanIsTheSmallerOneWhenGatesMove() {
    LstmSpec spec = LstmSpec.of(2, 8, 2);
    try (LstmModel model = new ReferenceBackend().create(Initializer.xavier(spec, 1.0, 9))) {
      double[][][] inputs = {
        ImpulseResponsesTest.randomWindow(60, 2, 3), ImpulseResponsesTest.randomWindow(60, 2, 4)
      };
      ForgetGateProfile p = ForgetGateProfile.measure(model, inputs);
      assertEquals(2, p.layers().size());
      for (LayerForgetGates l : p.layers()) {
        for (int k = 0; k < 8; k++) {
          assertTrue(l.geometricMeanForget()[k] <= l.meanForget()[k]);
          assertTrue(l.effectiveHalfLife()[k] <= l.halfLife()[k]);
        }
      }
    }
  }

  @Test
  void limitsOfTheTimeConstant() {
    assertEquals(Double.POSITIVE_INFINITY, LayerForgetGates.timeConstant(1));
    assertEquals(Double.POSITIVE_INFINITY, LayerForgetGates.halfLife(1));
    assertEquals(0, LayerForgetGates.halfLife(0));
    assertEquals(1, LayerForgetGates.halfLife(0.5), 1e-15);
    assertThrows(InvalidInputException.class, () -> LayerForgetGates.halfLife(1.2));
    assertThrows(InvalidInputException.class, () -> LayerForgetGates.halfLife(Double.NaN));
  }

  @Test
  void summarisesATraceDirectly() {
    double[][][][] trace = {{{{0.5, 1.0}, {0.125, 1.0}}}};
    LayerForgetGates l = ForgetGateProfile.of(trace).layer(0);
    assertArrayEquals(new double[] {0.3125, 1.0}, l.meanForget(), 1e-15);
    assertArrayEquals(new double[] {0.25, 1.0}, l.geometricMeanForget(), 1e-15);
    assertEquals(Double.POSITIVE_INFINITY, l.halfLife()[1]);
  }
}
