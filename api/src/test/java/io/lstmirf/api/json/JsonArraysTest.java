package io.lstmirf.api.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonArraysTest {

  @Test
  void doublesReadBackBitForBit() throws Exception {
    double[][] m = {{0.1, -1e-300, Math.nextUp(1.0)}, {Double.MIN_VALUE, 3, -0.0}};
    String text = JsonFiles.MAPPER.writeValueAsString(JsonArrays.toJson(m));
    double[][] back = JsonFiles.MAPPER.readValue(text, double[][].class);
    for (int r = 0; r < m.length; r++) {
      assertArrayEquals(m[r], back[r], 0.0);
    }
  }

  @Test
  void nonFiniteValuesBecomeNullSoTheOutputStaysValidJson() throws Exception {
    double[] v = {1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    assertEquals("[1.5,null,null,null]", JsonFiles.MAPPER.writeValueAsString(JsonArrays.toJson(v)));
    assertEquals(
        "[[[null]]]",
        JsonFiles.MAPPER.writeValueAsString(JsonArrays.toJson(new double[][][] {{{Double.NaN}}})));
  }
}
