package io.lstmirf.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightTensorsTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(2, 3, 2, 1);
  private static final LstmWeights W = RandomData.weights(SPEC, 1.0, 4);

  @Test
  void flattenAndUnflattenRoundTrip() {
    double[] flat = WeightTensors.flatten(W);
    int expected = (12 * 2 + 12 * 3 + 12) + (12 * 3 + 12 * 3 + 12) + 3 + 1;
    assertEquals(expected, flat.length);
    assertEquals(W, WeightTensors.unflatten(SPEC, flat));
    assertThrows(
        IllegalArgumentException.class,
        () -> WeightTensors.unflatten(SPEC, new double[expected + 1]));
  }

  @Test
  void tensorsComeInTheCanonicalOrder() {
    assertEquals(
        List.of(
            "layers[0].weightIh",
            "layers[0].weightHh",
            "layers[0].bias",
            "layers[1].weightIh",
            "layers[1].weightHh",
            "layers[1].bias",
            "head.weight",
            "head.bias"),
        List.copyOf(WeightTensors.byName(W).keySet()));
    assertEquals(
        W.layer(1).weightHh().get(2, 1),
        WeightTensors.byName(W).get("layers[1].weightHh")[2 * 3 + 1]);
  }

  @Test
  void arithmeticIsEntrywise() {
    LstmWeights twice = WeightTensors.combine(W, W, Double::sum);
    assertEquals(WeightTensors.map(W, v -> 2 * v), twice);
    assertEquals(2 * WeightTensors.norm(W), WeightTensors.norm(twice), 1e-12);
    assertEquals(2 * WeightTensors.maxAbs(W), WeightTensors.maxAbs(twice));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            WeightTensors.combine(
                W, RandomData.weights(LstmSpec.of(2, 3, 2), 1.0, 4), Double::sum));
  }

  @Test
  void float32HoldsTheWeightsRoundedToFloat() {
    LstmWeights rounded = WeightTensors.heldIn(Precision.FLOAT32, W);
    assertEquals((double) (float) W.layer(0).bias()[5], rounded.layer(0).bias()[5], 0);
    assertEquals(rounded, WeightTensors.roundedToFloat(rounded), "rounding twice changes nothing");
    assertSame(W, WeightTensors.heldIn(Precision.FLOAT64, W));
  }
}
