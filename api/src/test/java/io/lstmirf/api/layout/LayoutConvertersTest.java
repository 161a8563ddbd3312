package io.lstmirf.api.layout;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lstmirf.api.Gate;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The interchange layouts (Keras, ONNX), converted from a small canonical layer and compared with
 * the layout written out by hand, then round-tripped on random layers.
 *
 * <p>The hand-worked layer has one input and H = 2 units. Its values name their place: in {@code
 * W_ih} the gate rows i, f, g, o hold 1..8 (i0=1, i1=2, f0=3, f1=4, g0=5, g1=6, o0=7, o1=8); in
 * {@code W_hh} row (gate, unit) holds {@code [10 q + 1 + 2u, 10 q + 2 + 2u]} for gate number q =
 * 1..4 (i0 = [11, 12], i1 = [13, 14], f0 = [21, 22], ..., o1 = [43, 44]); the bias is 101..108 in
 * the same gate order.
 */
class LayoutConvertersTest {
  private static final LayerWeights CANONICAL =
      LayerWeights.of(
          new double[][] {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}},
          new double[][] {
            {11, 12}, {13, 14}, {21, 22}, {23, 24}, {31, 32}, {33, 34}, {41, 42}, {43, 44}
          },
          new double[] {101, 102, 103, 104, 105, 106, 107, 108});

  private static LayerWeights random(int in, int h, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] wIh = new double[4 * h][in];
    double[][] wHh = new double[4 * h][h];
    double[] b = new double[4 * h];
    for (double[] row : wIh) {
      for (int k = 0; k < in; k++) {
        row[k] = r.nextDouble() - 0.5;
      }
    }
    for (double[] row : wHh) {
      for (int k = 0; k < h; k++) {
        row[k] = r.nextDouble() - 0.5;
      }
    }
    for (int k = 0; k < b.length; k++) {
      b[k] = r.nextDouble() - 0.5;
    }
    return LayerWeights.of(wIh, wHh, b);
  }

  @Test
  void kerasTransposesTheKernelsInTheSameGateOrder() {
    KerasLayout.Layer k = KerasLayout.fromCanonical(CANONICAL);
    assertArrayEquals(
        new double[][] {{1, 2, 3, 4, 5, 6, 7, 8}},
        k.kernel().toArray(),
        "kernel [in x 4H], columns i, f, c, o");
    assertArrayEquals(
        new double[][] {
          {11, 13, 21, 23, 31, 33, 41, 43},
          {12, 14, 22, 24, 32, 34, 42, 44}
        },
        k.recurrentKernel().toArray(),
        "recurrent_kernel [H x 4H] = W_hh^T");
    assertArrayEquals(CANONICAL.bias(), k.bias());
    assertRejected(
        () -> new KerasLayout.Layer(Matrix.zeros(1, 8), Matrix.zeros(2, 8), new double[4]),
        "4H columns",
        "8, 8, 4");
  }

  @Test
  void onnxReordersToIofcAndAppendsAZeroRecurrentBias() {
    OnnxLayout.Layer o = OnnxLayout.fromCanonical(CANONICAL);
    assertArrayEquals(
        new double[][] {{1}, {2}, {7}, {8}, {3}, {4}, {5}, {6}},
        o.w().toArray(),
        "W rows i, o, f, c");
    assertArrayEquals(
        new double[][] {
          {11, 12}, {13, 14}, {41, 42}, {43, 44}, {21, 22}, {23, 24}, {31, 32}, {33, 34}
        },
        o.r().toArray(),
        "R rows i, o, f, c");
    assertArrayEquals(
        new double[] {101, 102, 107, 108, 103, 104, 105, 106, 0, 0, 0, 0, 0, 0, 0, 0},
        o.b(),
        0,
        "B = [Wb, Rb] with Rb = 0");

    OnnxLayout.Layer withRb =
        new OnnxLayout.Layer(
            o.w(),
            o.r(),
            new double[] {
              100, 100, 100, 100, 100, 100, 100, 100,
              1, 2, 7, 8, 3, 4, 5, 6
            });
    assertArrayEquals(
        new double[] {101, 102, 103, 104, 105, 106, 107, 108},
        OnnxLayout.toCanonical(withRb).bias(),
        0,
        "canonical b = Wb + Rb, back in i, f, g, o");
    assertRejected(
        () -> new OnnxLayout.Layer(o.w(), o.r(), new double[8]), "B 8H entries", "8, 8, 8");
  }

  @Test
  void everyLayoutRoundTripsExactly() {
    for (long seed = 1; seed <= 5; seed++) {
      LayerWeights w = random((int) seed, 3, seed);
      assertEquals(w, KerasLayout.toCanonical(KerasLayout.fromCanonical(w)), "Keras");
      assertEquals(w, OnnxLayout.toCanonical(OnnxLayout.fromCanonical(w)), "ONNX");
    }
  }

  @Test
  void gateOrdersMoveWholeBlocks() {
    double[] canonical = {1, 1, 2, 2, 3, 3, 4, 4}; // i, f, g, o with H = 2
    assertArrayEquals(
        new double[] {3, 3, 2, 2, 4, 4, 1, 1}, GateOrder.DL4J.fromCanonical(canonical), 0);
    assertArrayEquals(
        new double[] {1, 1, 4, 4, 2, 2, 3, 3}, GateOrder.ONNX.fromCanonical(canonical), 0);
    assertArrayEquals(
        new double[] {1, 1, 3, 3, 2, 2, 4, 4}, GateOrder.TF_BLOCK_V1.fromCanonical(canonical), 0);
    for (GateOrder order :
        new GateOrder[] {GateOrder.DL4J, GateOrder.ONNX, GateOrder.TF_BLOCK_V1}) {
      assertArrayEquals(canonical, order.toCanonical(order.fromCanonical(canonical)), 0);
    }
    assertEquals(
        GateOrder.CANONICAL, GateOrder.of(Gate.INPUT, Gate.FORGET, Gate.CELL, Gate.OUTPUT));
    assertThrows(
        IllegalArgumentException.class,
        () -> GateOrder.of(Gate.INPUT, Gate.INPUT, Gate.CELL, Gate.OUTPUT));
    assertThrows(IllegalArgumentException.class, () -> GateOrder.DL4J.fromCanonical(new double[6]));
  }
}
