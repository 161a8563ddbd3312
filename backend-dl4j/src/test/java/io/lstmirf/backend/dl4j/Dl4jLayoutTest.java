package io.lstmirf.backend.dl4j;

import static io.lstmirf.testing.HandWorkedLayer.LAYER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.testing.HandWorkedLayer;
import org.junit.jupiter.api.Test;

/**
 * DL4J's transposed g, f, o, i layout, from the hand-worked layer of {@link HandWorkedLayer}
 * against the layout written out by hand, then round-tripped on random layers.
 */
class Dl4jLayoutTest {
  @Test
  void dl4jUsesBlocksGfoiTransposed() {
    Dl4jLayout.Layer d = Dl4jLayout.fromCanonical(LAYER);
    assertArrayEquals(
        new double[][] {{5, 6, 3, 4, 7, 8, 1, 2}},
        d.inputWeights().toArray(),
        "W [in x 4H], column blocks g, f, o, i");
    assertArrayEquals(
        new double[][] {
          {31, 33, 21, 23, 41, 43, 11, 13},
          {32, 34, 22, 24, 42, 44, 12, 14}
        },
        d.recurrentWeights().toArray(),
        "RW [H x 4H], column blocks g, f, o, i");
    assertArrayEquals(new double[] {105, 106, 103, 104, 107, 108, 101, 102}, d.bias(), 0);
    assertRejected(
        () -> new Dl4jLayout.Layer(Matrix.zeros(1, 8), Matrix.zeros(8, 2), new double[8]),
        "W [in x 4H], RW [H x 4H] and b [4H] disagree",
        "1x8, 8x2, 8");
  }

  @Test
  void roundTripsExactly() {
    for (long seed = 1; seed <= 5; seed++) {
      LayerWeights w = HandWorkedLayer.random((int) seed, 3, seed);
      assertEquals(w, Dl4jLayout.toCanonical(Dl4jLayout.fromCanonical(w)));
    }
  }

  private static void assertRejected(Runnable r, String... parts) {
    InvalidInputException e = assertThrows(InvalidInputException.class, r::run);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), e.getMessage());
    }
  }
}
