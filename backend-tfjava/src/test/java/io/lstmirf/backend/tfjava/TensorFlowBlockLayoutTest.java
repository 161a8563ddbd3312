package io.lstmirf.backend.tfjava;

import static io.lstmirf.testing.HandWorkedLayer.LAYER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.layout.GateOrder;
import io.lstmirf.testing.HandWorkedLayer;
import org.junit.jupiter.api.Test;

/**
 * TensorFlow's fused-op kernel layouts, from the hand-worked layer of {@link HandWorkedLayer}
 * against the layout written out by hand, then round-tripped on random layers.
 */
class TensorFlowBlockLayoutTest {
  @Test
  void tensorFlowBlockV2StacksTransposedKernelsInCanonicalOrder() {
    TensorFlowBlockLayout.Layer t = TensorFlowBlockLayout.fromCanonical(LAYER, GateOrder.CANONICAL);
    assertArrayEquals(
        new double[][] {
          {1, 2, 3, 4, 5, 6, 7, 8},
          {11, 13, 21, 23, 31, 33, 41, 43},
          {12, 14, 22, 24, 32, 34, 42, 44}
        },
        t.kernel().toArray(),
        "w = [W_ih^T ; W_hh^T], [in + H x 4H]");
    assertArrayEquals(LAYER.bias(), t.bias(), 0);
  }

  @Test
  void tensorFlowBlockV1UsesIgfo() {
    TensorFlowBlockLayout.Layer t =
        TensorFlowBlockLayout.fromCanonical(LAYER, GateOrder.TF_BLOCK_V1);
    assertArrayEquals(
        new double[][] {
          {1, 2, 5, 6, 3, 4, 7, 8},
          {11, 13, 31, 33, 21, 23, 41, 43},
          {12, 14, 32, 34, 22, 24, 42, 44}
        },
        t.kernel().toArray(),
        "column blocks i, g, f, o");
    assertArrayEquals(new double[] {101, 102, 105, 106, 103, 104, 107, 108}, t.bias(), 0);
    assertRejected(
        () -> new TensorFlowBlockLayout.Layer(Matrix.zeros(2, 8), new double[8]),
        "[in+H x 4H]",
        "2x8");
  }

  @Test
  void roundTripsExactly() {
    for (long seed = 1; seed <= 5; seed++) {
      LayerWeights w = HandWorkedLayer.random((int) seed, 3, seed);
      for (GateOrder order :
          new GateOrder[] {
            GateOrder.CANONICAL, GateOrder.TF_BLOCK_V1, GateOrder.ONNX, GateOrder.DL4J
          }) {
        assertEquals(
            w,
            TensorFlowBlockLayout.toCanonical(TensorFlowBlockLayout.fromCanonical(w, order), order),
            "order " + order);
      }
    }
  }

  private static void assertRejected(Runnable r, String... parts) {
    InvalidInputException e = assertThrows(InvalidInputException.class, r::run);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), e.getMessage());
    }
  }
}
