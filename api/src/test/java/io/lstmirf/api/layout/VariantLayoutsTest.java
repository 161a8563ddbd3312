package io.lstmirf.api.layout;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.init.Initializer;
import org.junit.jupiter.api.Test;

/**
 * The GRU's and the peepholes' interchange layouts, written out by hand for one input and H = 2:
 * canonical rows r0 = 1, r1 = 2, z0 = 3, z1 = 4, n0 = 5, n1 = 6; bias 101..106 in the same order;
 * {@code b_hn} = 201, 202; peepholes i = 1, 2, f = 3, 4, o = 5, 6.
 */
class VariantLayoutsTest {
  private static final LayerWeights GRU =
      LayerWeights.gru(
          Matrix.of("w", new double[][] {{1}, {2}, {3}, {4}, {5}, {6}}),
          Matrix.zeros(6, 2),
          new double[] {101, 102, 103, 104, 105, 106},
          new double[] {201, 202});

  @Test
  void onnxGruIsZrhWithBhnInTheRecurrentBias() {
    OnnxLayout.Layer o = OnnxLayout.fromCanonical(GRU);
    assertEquals(CellKind.GRU, o.cell());
    assertArrayEquals(new double[] {3, 4, 1, 2, 5, 6}, o.w().toRowMajor(), 0);
    assertArrayEquals(new double[] {103, 104, 101, 102, 105, 106, 0, 0, 0, 0, 201, 202}, o.b(), 0);
    double[] b = o.b();
    b[6] = 10; // Rb of z: added to b_z, as ONNX's cell adds it
    LayerWeights back = OnnxLayout.toCanonical(new OnnxLayout.Layer(o.w(), o.r(), b));
    assertArrayEquals(new double[] {101, 102, 113, 104, 105, 106}, back.bias(), 0);
    assertArrayEquals(new double[] {201, 202}, back.recurrentBias().orElseThrow(), 0);
  }

  @Test
  void kerasGruIsZrhTransposedWithATwoRowBias() {
    KerasLayout.Layer k = KerasLayout.fromCanonical(GRU);
    assertEquals(CellKind.GRU, k.cell());
    assertArrayEquals(new double[] {3, 4, 1, 2, 5, 6}, k.kernel().toRowMajor(), 0);
    assertArrayEquals(
        new double[] {103, 104, 101, 102, 105, 106, 0, 0, 0, 0, 201, 202}, k.bias(), 0);
    assertEquals(GRU, KerasLayout.toCanonical(k));
    assertRejected(
        () -> new KerasLayout.Layer(k.kernel(), k.recurrentKernel(), new double[6]),
        "a [2, 3H] bias (GRU, reset_after=True)");
  }

  @Test
  void onnxPeepholesAreIof() {
    LayerWeights lstm =
        LayerWeights.lstm(
            Matrix.zeros(8, 1), Matrix.zeros(8, 2), new double[8], new double[] {1, 2, 3, 4, 5, 6});
    OnnxLayout.Layer o = OnnxLayout.fromCanonical(lstm);
    assertArrayEquals(new double[] {1, 2, 5, 6, 3, 4}, o.p(), 0);
    assertEquals(lstm, OnnxLayout.toCanonical(o));
    assertArrayEquals(
        new double[6],
        OnnxLayout.toCanonical(new OnnxLayout.Layer(o.w(), o.r(), o.b(), new double[6]))
            .peephole()
            .orElseThrow(),
        0,
        "a given P is kept, zeros too");
    assertNull(
        OnnxLayout.toCanonical(new OnnxLayout.Layer(o.w(), o.r(), o.b())).peephole().orElse(null),
        "no P, no peepholes");
    assertRejected(() -> KerasLayout.fromCanonical(lstm), "Keras' LSTM layer has no peepholes");
  }

  @Test
  void everyDirectionOfEveryVariantRoundTrips() {
    LstmSpec spec =
        LstmSpec.of(3, 5, 2)
            .withLayerKinds(
                java.util.List.of(
                    LayerKind.GRU.bidirectional(), LayerKind.LSTM.withPeepholes().bidirectional()));
    LstmWeights w = Initializer.xavier(spec, 0.7, 8).map(v -> v + 0.125);
    for (LayerWeights layer : w.layers()) {
      for (int d = 0; d < 2; d++) {
        LayerWeights one = layer.direction(d);
        assertEquals(one, OnnxLayout.toCanonical(OnnxLayout.fromCanonical(one)), "ONNX");
        if (one.cell() == CellKind.GRU) {
          assertEquals(one, KerasLayout.toCanonical(KerasLayout.fromCanonical(one)), "Keras");
        }
      }
    }
  }
}
