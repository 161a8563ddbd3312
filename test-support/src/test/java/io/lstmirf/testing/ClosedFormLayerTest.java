package io.lstmirf.testing;

import static io.lstmirf.testing.ClosedFormLayer.sigmoid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lstmirf.api.Gate;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;
import org.junit.jupiter.api.Test;

class ClosedFormLayerTest {
  private static final ClosedFormLayer LAYER = ClosedFormLayer.of(new double[] {1.2, -0.7},
      new double[] {0.5, 2.0}, new double[] {0.3, -0.5}, new double[] {-0.2, 0.8});

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
  void everyUnitNeedsAllFourParameters() {
    assertThrows(IllegalArgumentException.class, () -> ClosedFormLayer.of(new double[2],
        new double[2], new double[1], new double[2]));
  }
}
