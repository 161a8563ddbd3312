package io.lstmirf.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.UnsupportedModelException;
import io.lstmirf.interop.onnx.proto.GraphProto;
import io.lstmirf.interop.onnx.proto.ModelProto;
import io.lstmirf.interop.onnx.proto.NodeProto;
import io.lstmirf.interop.onnx.proto.TensorProto;
import io.lstmirf.testing.RandomData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Graph shapes no test file holds, made by editing what {@link OnnxWriter} writes: the reader
 * follows them when they are the canonical model and refuses them, naming the node, when not.
 */
class OnnxReaderEdgeCasesTest {
  private static final LstmWeights TWO_LAYERS =
      RandomData.weights(LstmSpec.withHead(2, 3, 2, 1), 0.5, 7);

  @Test
  void aSliceOfTheLastStepBeforeTheHeadIsFollowed() {
    ModelProto m = written(OnnxExportOptions.DEFAULT.withBatchFirst(false));
    GraphProto.Builder g = m.getGraph().toBuilder();
    // tf2onnx's y[-1:] of the top layer's [T,B,H], squeezed, then the head
    g.addInitializer(ints("last_start", -1))
        .addInitializer(ints("last_end", Long.MAX_VALUE))
        .addInitializer(ints("time_axis", 0));
    g.addNode(node("Slice", "last", "layer1.hidden", "last_start", "last_end", "time_axis"));
    g.addNode(node("Squeeze", "last_h", "last", "time_axis"));
    rewire(g, "head.matmul", 0, "last_h");

    ImportedModel back = OnnxReader.read(m.toBuilder().setGraph(g).build().toByteArray(), "m");

    assertEquals(TWO_LAYERS, back.weights());
    assertTrue(
        back.notes().contains("output 'output' is the head's outputs at the last step" + " [B,O]"),
        back.notes().toString());
  }

  @Test
  void aHeadOnALowerLayerIsRefused() {
    ModelProto m = written(OnnxExportOptions.DEFAULT);
    GraphProto.Builder g = m.getGraph().toBuilder();
    rewire(g, "head.matmul", 0, "layer0.hidden");

    UnsupportedModelException e =
        assertThrows(
            UnsupportedModelException.class,
            () -> OnnxReader.read(m.toBuilder().setGraph(g).build().toByteArray(), "m"));

    assertEquals(
        "m: the head: a head on layer 0 of 2 cannot be imported: the canonical head"
            + " reads the top layer",
        e.getMessage());
  }

  @Test
  void aSecondReaderOfTheHiddenStatesIsRefused() {
    ModelProto m = written(OnnxExportOptions.DEFAULT);
    GraphProto.Builder g = m.getGraph().toBuilder();
    g.addNode(node("Relu", "relu", "layer0.hidden"));

    UnsupportedModelException e =
        assertThrows(
            UnsupportedModelException.class,
            () -> OnnxReader.read(m.toBuilder().setGraph(g).build().toByteArray(), "m"));

    assertTrue(
        e.getMessage()
            .startsWith(
                "m: Relu node 'relu': a Relu reading the hidden states"
                    + " of layer 0 at every step [T,B,H] cannot be imported"),
        e.getMessage());
  }

  @Test
  void aConcatOfTheDataWithAConstantIsRefused() {
    ModelProto m = written(OnnxExportOptions.DEFAULT);
    GraphProto.Builder g = m.getGraph().toBuilder();
    g.addInitializer(ints("extra", 0));
    g.addNode(node("Concat", "padded", "layer0.hidden", "extra"));

    UnsupportedModelException e =
        assertThrows(
            UnsupportedModelException.class,
            () -> OnnxReader.read(m.toBuilder().setGraph(g).build().toByteArray(), "m"));

    assertTrue(
        e.getMessage()
            .startsWith(
                "m: Concat node 'padded': a Concat of the data with"
                    + " other values cannot be imported"),
        e.getMessage());
  }

  @Test
  void weightsComputedInTheGraphAreRefusedNamingTheirProducer() {
    ModelProto m = written(OnnxExportOptions.DEFAULT);
    GraphProto.Builder g = m.getGraph().toBuilder();
    g.addNode(node("Identity", "w_copy", "layer1.W"));
    rewire(g, "layer1", 1, "w_copy");

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> OnnxReader.read(m.toBuilder().setGraph(g).build().toByteArray(), "m"));

    assertEquals(
        "m: W of LSTM node 'layer1' is not a constant (it is the output of Identity"
            + " node 'w_copy'); this reader takes weights from initializers and Constant nodes",
        e.getMessage());
  }

  @Test
  void float16WeightsWidenExactly() {
    assertEquals(1.0f, OnnxTensor.halfToFloat(0x3c00));
    assertEquals(-2.5f, OnnxTensor.halfToFloat(0xc100));
    assertEquals(65504f, OnnxTensor.halfToFloat(0x7bff));
    assertEquals((float) Math.pow(2, -24), OnnxTensor.halfToFloat(0x0001));
    TensorProto t =
        TensorProto.newBuilder()
            .setName("w")
            .setDataType(TensorProto.DataType.FLOAT16_VALUE)
            .addDims(2)
            .addInt32Data(0x3c00)
            .addInt32Data(0xc100)
            .build();

    assertEquals(List.of(1.0, -2.5), box(OnnxTensor.decode(t, "initializer").values()));
  }

  private static ModelProto written(OnnxExportOptions options) {
    return OnnxWriter.toModel(TWO_LAYERS, options.withPrecision(Precision.FLOAT64));
  }

  /** Points input {@code k} of node {@code name} at {@code value}. */
  private static void rewire(GraphProto.Builder g, String name, int k, String value) {
    for (int i = 0; i < g.getNodeCount(); i++) {
      if (g.getNode(i).getName().equals(name)) {
        g.setNode(i, g.getNode(i).toBuilder().setInput(k, value));
        return;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static NodeProto node(String op, String output, String... inputs) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(output)
        .addAllInput(List.of(inputs))
        .addOutput(output)
        .build();
  }

  private static TensorProto ints(String name, long value) {
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(TensorProto.DataType.INT64_VALUE)
        .addDims(1)
        .addInt64Data(value)
        .build();
  }

  private static List<Double> box(double[] v) {
    return java.util.Arrays.stream(v).boxed().toList();
  }
}
