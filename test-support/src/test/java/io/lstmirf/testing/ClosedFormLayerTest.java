package io.lstmirf.testing;

import static io.lstmirf.testing.ClosedFormLayer.sigmoid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lstmirf.api.Gate;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;
import org.junit.jupiter.api.Test;

class ClosedFormLayerTest {
  private static final ClosedFormLayer LAYER =
      ClosedFormLayer.of(
          new double[] {1.2, -0.7},
          new double[] {0.5, 2.0},
          new double[] {0.3, -0.5},
          new double[] {-0.2, 0.8});

  @Test
  void theInputFeedsOnlyTheCandidateAndTheBiasesSitInTheirGates() {
    LayerWeights w = LAYER.weights().layer(0);
    int h = 2;
    assertEquals(-0.7, w.weightIh().get(Gate.CELL.offset(h) + 1, 0));
    assertEquals(0, w.weightIh().get(Gate.INPUT.offset(h) + 1, 0));
    assertEquals(0.3, w.bias()[Gate.INPUT.offset(h)]);
    assertEquals(2.0, w.bias()[Gate.FORGET.offset(h) + 1]);
    assertEquals(0, w.bias()[Gate.CELL.offset(h) + 1]);
    assertEquals(0.8, w.bias()[Gate.OUTPUT.offset(h) + 1]);
    assertEquals(0, w.weightHh().maxAbsDifference(Matrix.zeros(4 * h, h)));
  }

  @Test
  void theCellDecaysGeometricallyFromTheShock() {
    double shock = 0.9;
    assertEquals(0, LAYER.cell(0, 2, 3, shock));
    double c0 = sigmoid(0.3) * Math.tanh(1.2 * shock);
    assertEquals(c0, LAYER.cell(0, 3, 3, shock), 1e-16);
    assertEquals(c0 * sigmoid(0.5) * sigmoid(0.5), LAYER.cell(0, 5, 3, shock), 1e-16);
    assertEquals(sigmoid(-0.2) * Math.tanh(c0), LAYER.hidden(0, 3, 3, shock), 1e-16);
    assertEquals(shock, ClosedFormLayer.shockedInput(6, 3, shock)[0][3][0]);
  }

  @Test
  void responsesStartAtTheShockLagByLag() {
    double[][] c = LAYER.cellResponse(0.9, 4);
    double[][] h = LAYER.hiddenResponse(0.9, 4);
    assertEquals(4, c.length);
    for (int j = 0; j < 4; j++) {
      for (int k = 0; k < 2; k++) {
        assertEquals(LAYER.cell(k, 3 + j, 3, 0.9), c[j][k], 0, "c lag " + j);
        assertEquals(LAYER.hidden(k, 3 + j, 3, 0.9), h[j][k], 0, "h lag " + j);
      }
    }
    assertEquals(c[0][1] * LAYER.forgetGate(1), c[1][1], 1e-16);
    assertEquals(sigmoid(2.0), LAYER.forgetGate(1));
  }

  @Test
  void oneForgetBiasPerUnitSharesTheOtherParameters() {
    ClosedFormLayer shared = ClosedFormLayer.ofForgetBiases(0.8, 0.3, new double[] {0, 1, 2}, -0.2);
    assertEquals(3, shared.hiddenSize());
    LayerWeights w = shared.weights().layer(0);
    for (int k = 0; k < 3; k++) {
      assertEquals(0.8, w.weightIh().get(Gate.CELL.offset(3) + k, 0));
      assertEquals(0.3, w.bias()[Gate.INPUT.offset(3) + k]);
      assertEquals(k, w.bias()[Gate.FORGET.offset(3) + k]);
      assertEquals(-0.2, w.bias()[Gate.OUTPUT.offset(3) + k]);
    }
    assertEquals(0.5, shared.forgetGate(0));
  }

  @Test
  void theLogisticIsStableForLargeArguments() {
    assertEquals(0.5, sigmoid(0));
    assertEquals(1 - sigmoid(3), sigmoid(-3), 1e-15);
    assertEquals(Math.exp(-800), sigmoid(-800));
  }

  @Test
  void everyUnitNeedsAllFourParameters() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ClosedFormLayer.of(new double[2], new double[2], new double[1], new double[2]));
    assertThrows(
        IllegalArgumentException.class,
        () -> ClosedFormLayer.ofForgetBiases(1, 0, new double[0], 0));
  }
}
