package io.lstmirf.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomDataTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(3, 4, 2, 2);

  @Test
  void aSeedFixesTheWeights() {
    assertEquals(RandomData.weights(SPEC, 0.5, 7), RandomData.weights(SPEC, 0.5, 7));
    assertNotEquals(RandomData.weights(SPEC, 0.5, 7), RandomData.weights(SPEC, 0.5, 8));
  }

  @Test
  void eachKindOfWeightIsDrawnAtItsOwnScale() {
    WeightScales scales = new WeightScales(0.6, 0.7, 0.5, 0.8, 0.3);
    Map<String, double[]> scaled = WeightTensors.byName(RandomData.weights(SPEC, scales, 3));
    Map<String, double[]> unit = WeightTensors.byName(RandomData.weights(SPEC, 1.0, 3));
    assertEquals(8, scaled.size(), "two layers of three tensors and a head of two");
    scaled.forEach(
        (name, t) -> {
          double scale =
              name.endsWith("weightIh")
                  ? 0.6
                  : name.endsWith("weightHh")
                      ? 0.7
                      : name.startsWith("layers") ? 0.5 : name.equals("head.weight") ? 0.8 : 0.3;
          double[] u = unit.get(name);
          for (int k = 0; k < t.length; k++) {
            assertEquals(u[k] * scale, t[k], 0, name + "[" + k + "]");
            assertTrue(Math.abs(u[k]) < 1 && u[k] != 0, name + ": every weight is random");
          }
        });
  }

  @Test
  void oneScaleIsThatScaleForEveryKind() {
    assertEquals(
        RandomData.weights(SPEC, 0.7, 5), RandomData.weights(SPEC, WeightScales.uniform(0.7), 5));
  }

  @Test
  void uniformArraysAreDrawnInIndexOrder() {
    double[][][] x = RandomData.uniform(2, 3, 4, 1.5, 11);
    double[][][] longer = RandomData.uniform(2, 3, 5, 1.5, 11);
    assertArrayEquals(x[0][0], Arrays.copyOf(longer[0][0], 4));
    for (double[][] plane : x) {
      for (double[] row : plane) {
        assertTrue(WeightTensors.maxAbs(row) <= 1.5);
      }
    }
  }

  @Test
  void aStateOfTwoScalesDrawsHAndCFromConsecutiveSeeds() {
    LstmState s = RandomData.state(SPEC, 3, 0.8, 2.0, 23);
    assertArrayEquals(RandomData.uniform(2, 3, 4, 0.8, 23)[1][2], s.h()[1][2]);
    assertArrayEquals(RandomData.uniform(2, 3, 4, 2.0, 24)[0][1], s.c()[0][1]);
  }

  @Test
  void aStateOfOneScaleIsShapedForTheSpecAndBatch() {
    LstmState s = RandomData.state(SPEC, 3, 1.0, 9);
    assertEquals(4, s.hiddenSize());
    assertEquals(3, s.batchSize());
    assertEquals(2, s.numLayers());
    assertEquals(s, RandomData.state(SPEC, 3, 1.0, 9));
  }

  @Test
  void weightsWithoutAHeadHaveNone() {
    LstmWeights w = RandomData.weights(LstmSpec.of(2, 3, 1), 1.0, 1);
    assertTrue(w.head().isEmpty());
  }
}
