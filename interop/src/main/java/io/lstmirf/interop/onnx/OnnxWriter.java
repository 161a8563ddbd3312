package io.lstmirf.interop.onnx;

import com.google.protobuf.ByteString;
import io.lstmirf.api.CellKind;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.io.AtomicFiles;
import io.lstmirf.api.json.ModelJson;
import io.lstmirf.api.layout.OnnxLayout;
import io.lstmirf.interop.onnx.proto.AttributeProto;
import io.lstmirf.interop.onnx.proto.GraphProto;
import io.lstmirf.interop.onnx.proto.ModelProto;
import io.lstmirf.interop.onnx.proto.NodeProto;
import io.lstmirf.interop.onnx.proto.OperatorSetIdProto;
import io.lstmirf.interop.onnx.proto.TensorProto;
import io.lstmirf.interop.onnx.proto.TensorShapeProto;
import io.lstmirf.interop.onnx.proto.TypeProto;
import io.lstmirf.interop.onnx.proto.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes canonical weights as an ONNX model (opset {@value #OPSET}, IR version {@value #IR}, the IR
 * that came with opset 14) that ONNX Runtime runs. The graph, with S state slots (one per layer and
 * direction) and D = 1 or 2 directions per layer:
 *
 * <pre>
 * input  "input"  [B,T,I] (batch-first, the default) or [T,B,I]
 *        "h_0" [S,B,H], "c_0" [S,B,H]         only with stateInputs (c_0 only if a layer is an
 *                                              LSTM); else a zero initial state
 * nodes  Transpose (batch-first only), then per layer l: an LSTM or GRU node "layer{l}"
 *        (direction forward or bidirectional; W [D,GH,in], R [D,GH,H], B [D,2GH] in ONNX's gate
 *        orders, i, o, f, c or z, r, h; Rb = 0 but for a GRU's b_hn; a GRU has
 *        linear_before_reset=1; an LSTM's peepholes P [D,3H]), then Squeeze of its
 *        num_directions axis, or Transpose and Reshape of a bidirectional layer's [T,2,B,H] to
 *        [T,B,2H]; the head as MatMul + Add; Transpose back (batch-first only)
 * output "output" [B,T,O] (head) or [B,T,H or 2H] (no head), time-major [T,B,.] without
 *        batchFirst
 *        "h_n" [S,B,H], and "c_n" [S,B,H] when every layer is an LSTM: the final states
 * </pre>
 *
 * B and T are symbolic ("batch", "time"): any batch size and sequence length run.
 */
public final class OnnxWriter {
  /** The opset written: the first with LSTM's layout attribute. */
  public static final int OPSET = 14;

  /** The IR version released with opset 14. */
  public static final int IR = 7;

  private final OnnxExportOptions options;
  private final int type;
  private final List<NodeProto> nodes = new ArrayList<>();
  private final List<TensorProto> inits = new ArrayList<>();

  private OnnxWriter(OnnxExportOptions options) {
    this.options = options;
    this.type =
        options.precision() == Precision.FLOAT64
            ? TensorProto.DataType.DOUBLE_VALUE
            : TensorProto.DataType.FLOAT_VALUE;
  }

  /** Writes {@code weights} to {@code file} atomically. */
  public static void write(LstmWeights weights, Path file, OnnxExportOptions options) {
    AtomicFiles.write(file, toModel(weights, options).toByteArray());
  }

  /** The ONNX model for these weights. */
  public static ModelProto toModel(LstmWeights weights, OnnxExportOptions options) {
    return new OnnxWriter(options).model(weights);
  }

  private ModelProto model(LstmWeights w) {
    LstmSpec spec = w.spec();
    int h = spec.hiddenSize();
    int slots = spec.stateSlots();
    boolean allLstm = spec.layerKinds().stream().allMatch(k -> k.cell() == CellKind.LSTM);
    boolean anyLstm = spec.layerKinds().stream().anyMatch(k -> k.cell() == CellKind.LSTM);
    String x = "input";
    if (options.batchFirst()) {
      x = node("Transpose", "input_time_major", List.of("input"), perm(1, 0, 2));
    }
    inits.add(ints("squeeze_axes", new long[] {1}));
    if (!spec.isCausal()) {
      inits.add(ints("merge_directions", new long[] {0, 0, -1}));
    }
    if (options.stateInputs()) {
      inits.add(ints("state_axes", new long[] {0}));
    }
    List<String> hn = new ArrayList<>();
    List<String> cn = new ArrayList<>();
    for (int k = 0; k < spec.numLayers(); k++) {
      x = layer(w.layer(k), "layer" + k, x, spec.stateSlot(k, 0));
      hn.add("layer" + k + ".Y_h");
      cn.add("layer" + k + ".Y_c");
    }
    String y = x;
    if (w.head().isPresent()) {
      HeadWeights head = w.head().get();
      inits.add(
          floats(
              "head.weight_t",
              new long[] {spec.outputSize(), head.outputSize()},
              head.weight().transpose().toRowMajor()));
      inits.add(floats("head.bias", new long[] {head.outputSize()}, head.bias()));
      y =
          node(
              "Add",
              "head.output",
              List.of(node("MatMul", "head.matmul", List.of(x, "head.weight_t")), "head.bias"));
    }
    node(
        options.batchFirst() ? "Transpose" : "Identity",
        "output",
        List.of(y),
        options.batchFirst() ? perm(1, 0, 2) : null);
    node("Concat", "h_n", hn, axis0());
    String seq = options.batchFirst() ? "batch,time" : "time,batch";
    GraphProto.Builder g =
        GraphProto.newBuilder()
            .setName("lstm_irf")
            .addAllNode(nodes)
            .addAllInitializer(inits)
            .addInput(value("input", dims(seq, spec.inputSize())))
            .addOutput(value("output", dims(seq, spec.responseSize())))
            .addOutput(value("h_n", dims(slots + ",batch", h)));
    if (allLstm) {
      g.addNode(nodeProto("Concat", "c_n", cn, axis0()));
      g.addOutput(value("c_n", dims(slots + ",batch", h)));
    }
    if (options.stateInputs()) {
      g.addInput(value("h_0", dims(slots + ",batch", h)));
      if (anyLstm) {
        g.addInput(value("c_0", dims(slots + ",batch", h)));
      }
    }
    return ModelProto.newBuilder()
        .setIrVersion(IR)
        .setProducerName("lstm-irf")
        .setProducerVersion(ModelJson.formatOf(w))
        .setDocString(
            spec.numLayers()
                + " layer(s) ("
                + spec.layerKinds()
                + ") of "
                + h
                + " units"
                + (spec.hasHead() ? " and a dense head of " + spec.responseSize() + " outputs" : "")
                + ", canonical LSTM (gates i, f, g, o) and GRU (r, z, n, PyTorch's)"
                + " cells. Inputs: input "
                + (options.batchFirst() ? "[B,T,I]" : "[T,B,I]")
                + (options.stateInputs()
                    ? ", h_0" + (anyLstm ? " and c_0" : "") + " [S,B,H]"
                    : " (zero initial state)")
                + ". Outputs: output "
                + (options.batchFirst() ? "[B,T,*]" : "[T,B,*]")
                + " (head outputs, or the top"
                + " layer's outputs), h_n"
                + (allLstm ? " and c_n" : "")
                + " [S,B,H], S = "
                + slots
                + " state slots (one per layer and direction).")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(g)
        .build();
  }

  /** One layer's node on {@code x}, returning its output [T,B,D*H]. */
  private String layer(LayerWeights lw, String p, String x, int firstSlot) {
    int dirs = lw.kind().directions();
    boolean gru = lw.cell() == CellKind.GRU;
    List<OnnxLayout.Layer> o = new ArrayList<>();
    for (int d = 0; d < dirs; d++) {
      o.add(OnnxLayout.fromCanonical(lw.direction(d)));
    }
    int rows = lw.weightHh().rows();
    int h = lw.hiddenSize();
    inits.add(
        floats(
            p + ".W", new long[] {dirs, rows, lw.inputSize()}, concat(o, l -> l.w().toRowMajor())));
    inits.add(floats(p + ".R", new long[] {dirs, rows, h}, concat(o, l -> l.r().toRowMajor())));
    inits.add(floats(p + ".B", new long[] {dirs, 2L * rows}, concat(o, OnnxLayout.Layer::b)));
    List<String> in = new ArrayList<>(List.of(x, p + ".W", p + ".R", p + ".B", "", "", ""));
    if (options.stateInputs()) {
      inits.add(ints(p + ".state_start", new long[] {firstSlot}));
      inits.add(ints(p + ".state_end", new long[] {firstSlot + dirs}));
      List<String> range = List.of(p + ".state_start", p + ".state_end", "state_axes");
      in.set(5, node("Slice", p + ".initial_h", cat("h_0", range)));
      if (!gru) {
        in.set(6, node("Slice", p + ".initial_c", cat("c_0", range)));
      }
    }
    if (lw.peephole().isPresent()) {
      inits.add(floats(p + ".P", new long[] {dirs, 3L * h}, concat(o, OnnxLayout.Layer::p)));
      in.add(p + ".P");
    }
    NodeProto.Builder n =
        NodeProto.newBuilder()
            .setOpType(gru ? "GRU" : "LSTM")
            .setName(p)
            .addAllInput(gru ? in.subList(0, 6) : in)
            .addAllOutput(
                gru ? List.of(p + ".Y", p + ".Y_h") : List.of(p + ".Y", p + ".Y_h", p + ".Y_c"))
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("hidden_size")
                    .setI(h)
                    .setType(AttributeProto.AttributeType.INT))
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("direction")
                    .setS(ByteString.copyFromUtf8(lw.kind().direction().id()))
                    .setType(AttributeProto.AttributeType.STRING));
    if (gru) {
      n.addAttribute(
          AttributeProto.newBuilder()
              .setName("linear_before_reset")
              .setI(1)
              .setType(AttributeProto.AttributeType.INT));
    }
    nodes.add(n.build());
    if (dirs == 1) {
      return node("Squeeze", p + ".hidden", List.of(p + ".Y", "squeeze_axes"));
    }
    String t = node("Transpose", p + ".directions_last", List.of(p + ".Y"), perm(0, 2, 1, 3));
    return node("Reshape", p + ".hidden", List.of(t, "merge_directions"));
  }

  private static double[] concat(
      List<OnnxLayout.Layer> parts,
      java.util.function.Function<OnnxLayout.Layer, double[]> tensor) {
    return parts.stream().map(tensor).flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  private String node(String op, String output, List<String> inputs) {
    return node(op, output, inputs, null);
  }

  private String node(String op, String output, List<String> inputs, AttributeProto attr) {
    nodes.add(nodeProto(op, output, inputs, attr));
    return output;
  }

  private static NodeProto nodeProto(
      String op, String output, List<String> inputs, AttributeProto attr) {
    NodeProto.Builder n =
        NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output);
    if (attr != null) {
      n.addAttribute(attr);
    }
    return n.build();
  }

  private static AttributeProto perm(long... axes) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName("perm").setType(AttributeProto.AttributeType.INTS);
    for (long axis : axes) {
      a.addInts(axis);
    }
    return a.build();
  }

  private static AttributeProto axis0() {
    return AttributeProto.newBuilder()
        .setName("axis")
        .setI(0)
        .setType(AttributeProto.AttributeType.INT)
        .build();
  }

  private static List<String> cat(String first, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  private TensorProto floats(String name, long[] dims, double[] values) {
    boolean dbl = type == TensorProto.DataType.DOUBLE_VALUE;
    ByteBuffer b =
        ByteBuffer.allocate(values.length * (dbl ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      if (dbl) {
        b.putDouble(v);
      } else {
        b.putFloat((float) v);
      }
    }
    return tensor(name, dims, type).setRawData(ByteString.copyFrom(b.array())).build();
  }

  private static TensorProto ints(String name, long[] values) {
    TensorProto.Builder t =
        tensor(name, new long[] {values.length}, TensorProto.DataType.INT64_VALUE);
    for (long v : values) {
      t.addInt64Data(v);
    }
    return t.build();
  }

  private static TensorProto.Builder tensor(String name, long[] dims, int type) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type);
    for (long d : dims) {
      t.addDims(d);
    }
    return t;
  }

  /** "batch,time" and a last size to a shape; numbers are fixed sizes, words symbolic. */
  private static TensorShapeProto dims(String leading, int last) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (String d : leading.split(",")) {
      s.addDim(
          d.chars().allMatch(Character::isDigit)
              ? TensorShapeProto.Dimension.newBuilder().setDimValue(Long.parseLong(d))
              : TensorShapeProto.Dimension.newBuilder().setDimParam(d));
    }
    return s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(last)).build();
  }

  private ValueInfoProto value(String name, TensorShapeProto shape) {
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape)))
        .build();
  }
}
