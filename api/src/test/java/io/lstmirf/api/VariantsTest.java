package io.lstmirf.api;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The variants' shapes and names: layer kinds, state slots and output sizes of a spec, the tensors
 * of a layer and their checks, the memory gate of both cells, and the uniform refusal of a variant
 * a backend does not implement.
 */
class VariantsTest {
  private static final LayerKind BI_GRU = LayerKind.GRU.bidirectional();

  private static LayerWeights gru(int in, int h, double fill) {
    double[] bias = new double[3 * h];
    java.util.Arrays.fill(bias, fill);
    return LayerWeights.gru(Matrix.zeros(3 * h, in), Matrix.zeros(3 * h, h), bias, new double[h]);
  }

  @Test
  void aSpecCountsSlotsAndOutputsPerDirection() {
    LstmSpec spec =
        LstmSpec.withHead(3, 4, 3, 1)
            .withLayerKinds(
                List.of(BI_GRU, LayerKind.LSTM.withPeepholes(), LayerKind.LSTM.bidirectional()));
    assertEquals(5, spec.stateSlots());
    assertEquals(
        List.of(0, 2, 3),
        List.of(spec.stateSlot(0, 0), spec.stateSlot(1, 0), spec.stateSlot(2, 0)));
    assertEquals(4, spec.stateSlot(2, 1));
    assertEquals(
        List.of(3, 8, 4),
        List.of(spec.layerInputSize(0), spec.layerInputSize(1), spec.layerInputSize(2)));
    assertEquals(8, spec.outputSize());
    assertEquals(1, spec.responseSize());
    assertEquals(Set.of(Feature.GRU, Feature.PEEPHOLES, Feature.BIDIRECTIONAL), spec.features());
    assertFalse(spec.isCausal());
    assertFalse(spec.isCanonical());
    assertEquals(1, spec.firstLayerNeeding(Feature.PEEPHOLES));
    assertEquals(
        LstmSpec.of(3, 4, 2),
        LstmSpec.of(3, 4, 2).withKind(LayerKind.LSTM),
        "the canonical LSTM is the default kind");
    assertTrue(LstmSpec.of(3, 4, 2).features().isEmpty());
    assertEquals("gru/bidirectional", BI_GRU.toString());
    assertRejected(() -> LayerKind.GRU.withPeepholes(), "peepholes are an LSTM option");
  }

  @Test
  void layerTensorsAreCheckedByName() {
    assertRejected(
        () -> LayerWeights.gru(Matrix.zeros(12, 2), Matrix.zeros(12, 4), new double[12], null),
        "recurrentBias is missing",
        "b_hn [H]");
    assertRejected(
        () ->
            LayerWeights.gru(
                Matrix.zeros(12, 2), Matrix.zeros(12, 4), new double[12], new double[3]),
        "recurrentBias has length 3",
        "expected 4");
    assertRejected(
        () ->
            LayerWeights.gru(
                Matrix.zeros(16, 2), Matrix.zeros(16, 4), new double[16], new double[4]),
        "weightHh has shape 16x4",
        "expected 3H x H",
        "r,z,n");
    assertRejected(
        () ->
            LayerWeights.lstm(
                Matrix.zeros(16, 2), Matrix.zeros(16, 4), new double[16], new double[8]),
        "peephole has length 8",
        "expected 12",
        "p_i, p_f, p_o");
    assertRejected(
        () -> gru(2, 4, 0).bidirectional(gru(2, 3, 0)),
        "backward direction is",
        "it must match the forward direction");
    assertRejected(
        () -> new LstmWeights(List.of(gru(2, 4, 0).bidirectional(gru(2, 4, 0)), gru(4, 4, 0))),
        "layers[1].weightIh has shape 12x4",
        "expected 12x8",
        "the output of the layer below");
  }

  @Test
  void tensorsComeInTheCanonicalOrderAndRebuildTheLayer() {
    LayerWeights layer = gru(2, 3, 0.5).bidirectional(gru(2, 3, -0.5));
    assertEquals(
        List.of(
            "weightIh",
            "weightHh",
            "bias",
            "recurrentBias",
            "backward.weightIh",
            "backward.weightHh",
            "backward.bias",
            "backward.recurrentBias"),
        List.copyOf(layer.tensors().keySet()));
    java.util.Iterator<double[]> it = layer.tensors().values().iterator();
    assertEquals(layer, LayerWeights.fromTensors(layer.kind(), 2, 3, n -> it.next()));
  }

  @Test
  void theMemoryGateIsTheForgetGateOrTheUpdateGate() {
    LstmWeights lstm =
        new LstmWeights(
            List.of(
                new LayerWeights(
                    Matrix.zeros(8, 1),
                    Matrix.zeros(8, 2),
                    new double[] {0, 0, 1, 2, 0, 0, 0, 0})));
    assertArrayEquals(new double[] {1, 2}, lstm.memoryGateBias(0));
    assertArrayEquals(lstm.forgetBias(0), lstm.memoryGateBias(0));
    LstmWeights biGru =
        new LstmWeights(List.of(gru(1, 2, 0).bidirectional(gru(1, 2, 0))))
            .withMemoryGateBias(0, new double[] {1, 2, 3, 4});
    assertArrayEquals(
        new double[] {0, 0, 1, 2, 0, 0}, biGru.layer(0).bias(), "z is block 1 of r, z, n");
    assertArrayEquals(new double[] {0, 0, 3, 4, 0, 0}, biGru.layer(0).backward().get().bias());
    assertArrayEquals(new double[] {1, 2, 3, 4}, biGru.memoryGateBias(0));
    assertRejected(() -> biGru.forgetBias(0), "a gru layer has no forget gate", "update gate z");
    assertRejected(() -> biGru.withForgetBias(1.0), "has no forget gate");
    assertRejected(
        () -> biGru.withMemoryGateBias(0, new double[2]),
        "update-gate bias has length 2",
        "expected 4 (2H: forward then backward)");
  }

  @Test
  void aGruStateHasNoCell() {
    LstmSpec spec = LstmSpec.of(1, 2, 2).withLayerKinds(List.of(LayerKind.LSTM, BI_GRU));
    LstmState zeros = LstmState.zeros(spec, 1);
    assertEquals(3, zeros.numLayers());
    zeros.requireShape(spec, 1);
    double[][][] c = new double[3][1][2];
    c[0][0][1] = 0.5; // the LSTM's cell: fine
    new LstmState(new double[3][1][2], c).requireShape(spec, 1);
    c[2][0][0] = 0.5;
    assertRejected(
        () -> new LstmState(new double[3][1][2], c).requireShape(spec, 1),
        "state c[2] is not zero",
        "layer 1 is a GRU");
    assertRejected(
        () -> LstmState.zeros(2, 1, 2).requireShape(spec, 1),
        "expected [3][1][2] ([layers x directions][batch][hidden])");
  }

  @Test
  void aBackendRefusesWhatItDoesNotImplementAndSaysSo() {
    FakeBackend plain = new FakeBackend("plain", () -> "engine");
    LstmWeights weights = new LstmWeights(List.of(gru(1, 2, 0)));
    UnsupportedFeatureException e =
        assertThrows(UnsupportedFeatureException.class, () -> plain.create(weights));
    assertEquals(Feature.GRU, e.feature());
    assertEquals(
        "GRU layers (layer 0 is gru): not implemented by backend 'plain'; the"
            + " reference backend implements every variant",
        e.getMessage());
    assertEquals(0, plain.modelsRequested.get(), "refused before the engine sees it");
    assertTrue(plain.capabilities().features().isEmpty());
    assertFalse(plain.capabilities().supports(weights.spec()));
  }
}
