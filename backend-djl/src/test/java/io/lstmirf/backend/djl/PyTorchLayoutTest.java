package io.lstmirf.backend.djl;

import static io.lstmirf.testing.HandWorkedLayer.LAYER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.testing.HandWorkedLayer;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's two-bias layout, from the hand-worked layer of {@link HandWorkedLayer} against the
 * layout written out by hand, then round-tripped on random layers.
 */
class PyTorchLayoutTest {
  @Test
  void pyTorchPutsTheBiasInBihAndSumsOnTheWayBack() {
    PyTorchLayout.Layer p = PyTorchLayout.fromCanonical(LAYER);
    assertEquals(LAYER.weightIh(), p.weightIh(), "weight_ih: canonical order i, f, g, o");
    assertEquals(LAYER.weightHh(), p.weightHh());
    assertArrayEquals(new double[] {101, 102, 103, 104, 105, 106, 107, 108}, p.biasIh());
    assertArrayEquals(new double[8], p.biasHh(), 0);

    PyTorchLayout.Layer split =
        new PyTorchLayout.Layer(
            LAYER.weightIh(),
            LAYER.weightHh(),
            new double[] {1, 2, 3, 4, 5, 6, 7, 8},
            new double[] {100, 100, 100, 100, 100, 100, 100, 100.5});
    assertArrayEquals(
        new double[] {101, 102, 103, 104, 105, 106, 107, 108.5},
        PyTorchLayout.toCanonical(split).bias(),
        0,
        "b = b_ih + b_hh");
    assertRejected(
        () ->
            new PyTorchLayout.Layer(
                LAYER.weightIh(), LAYER.weightHh(), new double[8], new double[7]),
        "bias_ih and bias_hh",
        "4H = 8",
        "8 and 7");
  }

  @Test
  void roundTripsExactly() {
    for (long seed = 1; seed <= 5; seed++) {
      LayerWeights w = HandWorkedLayer.random((int) seed, 3, seed);
      assertEquals(w, PyTorchLayout.toCanonical(PyTorchLayout.fromCanonical(w)));
    }
  }

  @Test
  void aGruKeepsBhnApartAndSumsOnlyTheRAndZBiases() {
    Matrix wIh = Matrix.ofRowMajor(6, 1, new double[] {1, 2, 3, 4, 5, 6});
    Matrix wHh = Matrix.ofRowMajor(6, 2, new double[12]);
    PyTorchLayout.Layer split =
        new PyTorchLayout.Layer(
            wIh, wHh, new double[] {1, 2, 3, 4, 5, 6}, new double[] {10, 20, 30, 40, 50, 60});
    LayerWeights gru = PyTorchLayout.toCanonical(split);
    assertEquals(CellKind.GRU, gru.cell(), "weight_hh of 3H rows is a GRU");
    assertArrayEquals(new double[] {11, 22, 33, 44, 5, 6}, gru.bias(), 0, "b_ih + b_hh for r, z");
    assertArrayEquals(new double[] {50, 60}, gru.recurrentBias().orElseThrow(), 0, "b_hn");
    PyTorchLayout.Layer back = PyTorchLayout.fromCanonical(gru);
    assertArrayEquals(new double[] {11, 22, 33, 44, 5, 6}, back.biasIh(), 0);
    assertArrayEquals(new double[] {0, 0, 0, 0, 50, 60}, back.biasHh(), 0);
    assertEquals(gru, PyTorchLayout.toCanonical(back));
    LayerWeights lstm = HandWorkedLayer.random(2, 3, 1);
    LayerWeights peepholes =
        LayerWeights.lstm(lstm.weightIh(), lstm.weightHh(), lstm.bias(), new double[9]);
    assertRejected(() -> PyTorchLayout.fromCanonical(peepholes), "peepholes");
  }

  private static void assertRejected(Runnable r, String... parts) {
    InvalidInputException e = assertThrows(InvalidInputException.class, r::run);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), e.getMessage());
    }
  }
}
