package io.lstmirf.api;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Shapes are checked on construction; messages name the field and the expected shape. */
class WeightsValidationTest {

  private static LayerWeights layer(int in, int h) {
    double[] b = new double[4 * h];
    for (int k = 0; k < b.length; k++) {
      b[k] = k;
    }
    return new LayerWeights(Matrix.zeros(4 * h, in), Matrix.zeros(4 * h, h), b);
  }

  @Test
  void layerShapesAreChecked() {
    assertRejected(
        () -> new LayerWeights(Matrix.zeros(12, 2), Matrix.zeros(12, 4), new double[12]),
        "weightHh has shape 12x4",
        "expected 4H x H");
    assertRejected(
        () -> new LayerWeights(Matrix.zeros(12, 2), Matrix.zeros(16, 4), new double[16]),
        "weightIh has shape 12x2",
        "expected 16x<inputs>",
        "H = 4");
    assertRejected(
        () -> new LayerWeights(Matrix.zeros(16, 2), Matrix.zeros(16, 4), new double[15]),
        "bias has length 15",
        "expected 16",
        "4H, H = 4");
    assertRejected(
        () -> new LayerWeights(null, Matrix.zeros(16, 4), new double[16]), "weightIh is missing");
    assertRejected(
        () -> new LayerWeights(Matrix.zeros(16, 2), null, new double[16]), "weightHh is missing");
    assertRejected(
        () -> new LayerWeights(Matrix.zeros(16, 2), Matrix.zeros(16, 4), null), "bias is missing");
    assertRejected(
        () -> LayerWeights.of(new double[][] {{1, 2}, {3}}, new double[4][1], new double[4]),
        "weightIh is ragged");
  }

  @Test
  void stackedLayersAndHeadMustFit() {
    assertRejected(() -> new LstmWeights(List.of()), "layers is empty");
    assertRejected(
        () -> new LstmWeights(List.of(layer(3, 4), layer(4, 5))),
        "layers[1] has hidden size 5",
        "hidden size of layers[0], 4");
    assertRejected(
        () -> new LstmWeights(List.of(layer(3, 4), layer(3, 4))),
        "layers[1].weightIh has shape 16x3",
        "expected 16x4");
    assertRejected(
        () ->
            new LstmWeights(
                List.of(layer(3, 4)), new HeadWeights(Matrix.zeros(2, 5), new double[2])),
        "head.weight has shape 2x5",
        "expected 2x4");
    assertRejected(
        () -> new HeadWeights(Matrix.zeros(2, 4), new double[3]),
        "head.bias has length 3",
        "expected 2");
    assertRejected(
        () -> new HeadWeights(Matrix.zeros(0, 4), new double[0]), "head.weight has shape 0x4");
    assertRejected(() -> new HeadWeights(null, new double[1]), "head weight is missing");
  }

  @Test
  void specIsDerivedFromTheShapes() {
    LstmWeights w =
        new LstmWeights(
            List.of(layer(3, 4), layer(4, 4)), new HeadWeights(Matrix.zeros(2, 4), new double[2]));
    assertEquals(new LstmSpec(3, 4, 2, OptionalInt.of(2)), w.spec());
    assertEquals(LstmSpec.of(3, 4, 1), new LstmWeights(List.of(layer(3, 4))).spec());
  }

  @Test
  void forgetBiasIsTheSecondBlockAndOnlyItChanges() {
    LstmWeights w = new LstmWeights(List.of(layer(3, 2), layer(2, 2)));
    assertArrayEquals(new double[] {2, 3}, w.forgetBias(0));
    LstmWeights changed = w.withForgetBias(1, new double[] {-1, 7});
    assertArrayEquals(new double[] {0, 1, -1, 7, 4, 5, 6, 7}, changed.layer(1).bias());
    assertEquals(w.layer(0), changed.layer(0), "other layers untouched");
    assertArrayEquals(
        new double[] {0, 1, 2, 3, 4, 5, 6, 7}, w.layer(1).bias(), "the original is immutable");
    LstmWeights all = w.withForgetBias(1.5);
    assertArrayEquals(new double[] {0, 1, 1.5, 1.5, 4, 5, 6, 7}, all.layer(0).bias());
    assertArrayEquals(new double[] {0, 1, 1.5, 1.5, 4, 5, 6, 7}, all.layer(1).bias());
    assertArrayEquals(new double[] {4, 5}, w.layer(0).gateBias(Gate.CELL));
    assertRejected(
        () -> w.withForgetBias(0, new double[3]),
        "forget-gate bias has length 3",
        "expected 2 (H)");
    assertRejected(() -> w.forgetBias(2), "layer 2 does not exist", "2 layer(s)");
  }

  @Test
  void biasAccessorsReturnCopies() {
    LayerWeights l = layer(1, 1);
    l.bias()[0] = 99;
    l.forgetBias()[0] = 99;
    assertEquals(0, l.bias()[0]);
    assertEquals(1, l.forgetBias()[0]);
  }

  @Test
  void requireFiniteNamesTheFirstBadValue() {
    double[] hh = new double[16 * 4];
    hh[4 * 2 + 3] = Double.POSITIVE_INFINITY;
    LstmWeights bad =
        new LstmWeights(
            List.of(
                layer(3, 4),
                new LayerWeights(
                    Matrix.zeros(16, 4), Matrix.ofRowMajor(16, 4, hh), new double[16])));
    assertRejected(bad::requireFinite, "layers[1].weightHh[2][3] is not a finite number");
    double[] b = new double[16];
    b[5] = Double.NaN;
    assertRejected(
        new LstmWeights(List.of(new LayerWeights(Matrix.zeros(16, 3), Matrix.zeros(16, 4), b)))
            ::requireFinite,
        "layers[0].bias[5]");
    LstmWeights badHead =
        new LstmWeights(
            List.of(layer(3, 4)), new HeadWeights(Matrix.zeros(1, 4), new double[] {Double.NaN}));
    assertRejected(badHead::requireFinite, "head.bias[0] is not a finite number");
    LstmWeights good = new LstmWeights(List.of(layer(3, 4)));
    assertEquals(good, good.requireFinite());
  }

  @Test
  void equalityAndDifferences() {
    LstmWeights a = new LstmWeights(List.of(layer(3, 4)));
    LstmWeights b = a.withForgetBias(0, new double[] {4, 5, 6, 7.25});
    assertEquals(a, new LstmWeights(List.of(layer(3, 4))));
    assertEquals(a.hashCode(), new LstmWeights(List.of(layer(3, 4))).hashCode());
    assertFalse(a.equals(b));
    assertEquals(0.25, a.maxAbsDifference(b), 0);
    assertRejected(
        () -> a.maxAbsDifference(new LstmWeights(List.of(layer(2, 4)))), "architectures differ");
    assertTrue(a.head().isEmpty());
    assertEquals(
        1, a.withHead(new HeadWeights(Matrix.zeros(1, 4), new double[1])).spec().responseSize());
  }

  @Test
  void specValidatesItsSizes() {
    assertRejected(() -> LstmSpec.of(0, 4, 1), "inputSize must be at least 1, got 0");
    assertRejected(() -> LstmSpec.of(1, 0, 1), "hiddenSize must be at least 1");
    assertRejected(() -> LstmSpec.of(1, 4, 0), "numLayers must be at least 1");
    assertRejected(() -> LstmSpec.withHead(1, 4, 1, 0), "headSize must be at least 1");
    LstmSpec s = LstmSpec.withHead(3, 4, 2, 5);
    assertEquals(5, s.responseSize());
    assertEquals(4, LstmSpec.of(3, 4, 2).responseSize());
    assertEquals(3, s.layerInputSize(0));
    assertEquals(4, s.layerInputSize(1));
  }
}
