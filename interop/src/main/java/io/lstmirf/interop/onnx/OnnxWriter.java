package io.lstmirf.interop.onnx;

import com.google.protobuf.ByteString;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.io.AtomicFiles;
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
 * Writes canonical weights as an ONNX model (opset {@value #OPSET}, IR version {@value #IR}, the
 * IR that came with opset 14) that ONNX Runtime runs. The graph:
 *
 * <pre>
 * input  "input"  [B,T,I] (batch-first, the default) or [T,B,I]
 *        "h_0", "c_0" [L,B,H]                 only with stateInputs; else zero initial state
 * nodes  Transpose (batch-first only), then per layer l: LSTM "layer{l}" (W [1,4H,in],
 *        R [1,4H,H], B [1,8H] in ONNX's gate order i, o, f, c; Rb = 0), Squeeze of its
 *        num_directions axis; the head as MatMul + Add; Transpose back (batch-first only)
 * output "output" [B,T,O] (head) or [B,T,H] (no head), time-major [T,B,.] without batchFirst
 *        "h_n", "c_n" [L,B,H]                  the final state of every layer
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
    this.type = options.precision() == Precision.FLOAT64 ? TensorProto.DataType.DOUBLE_VALUE
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
    int l = spec.numLayers();
    String x = "input";
    if (options.batchFirst()) {
      x = node("Transpose", "input_time_major", List.of("input"), perm());
    }
    inits.add(ints("squeeze_axes", new long[] {1}));
    if (options.stateInputs()) {
      inits.add(ints("state_axes", new long[] {0}));
    }
    List<String> hn = new ArrayList<>();
    List<String> cn = new ArrayList<>();
    for (int k = 0; k < l; k++) {
      String p = "layer" + k;
      OnnxLayout.Layer o = OnnxLayout.fromCanonical(w.layer(k));
      LayerWeights lw = w.layer(k);
      inits.add(floats(p + ".W", new long[] {1, 4L * h, lw.inputSize()}, o.w().toRowMajor()));
      inits.add(floats(p + ".R", new long[] {1, 4L * h, h}, o.r().toRowMajor()));
      inits.add(floats(p + ".B", new long[] {1, 8L * h}, o.b()));
      String ih = "";
      String ic = "";
      if (options.stateInputs()) {
        inits.add(ints(p + ".state_start", new long[] {k}));
        inits.add(ints(p + ".state_end", new long[] {k + 1}));
        List<String> range = List.of(p + ".state_start", p + ".state_end", "state_axes");
        ih = node("Slice", p + ".initial_h", cat("h_0", range));
        ic = node("Slice", p + ".initial_c", cat("c_0", range));
      }
      nodes.add(NodeProto.newBuilder().setOpType("LSTM").setName(p)
          .addAllInput(List.of(x, p + ".W", p + ".R", p + ".B", "", ih, ic))
          .addAllOutput(List.of(p + ".Y", p + ".Y_h", p + ".Y_c"))
          .addAttribute(AttributeProto.newBuilder().setName("hidden_size").setI(h)
              .setType(AttributeProto.AttributeType.INT))
          .addAttribute(AttributeProto.newBuilder().setName("direction")
              .setS(ByteString.copyFromUtf8("forward")).setType(AttributeProto.AttributeType.STRING))
          .build());
      x = node("Squeeze", p + ".hidden", List.of(p + ".Y", "squeeze_axes"));
      hn.add(p + ".Y_h");
      cn.add(p + ".Y_c");
    }
    String y = x;
    if (w.head().isPresent()) {
      HeadWeights head = w.head().get();
      inits.add(floats("head.weight_t", new long[] {h, head.outputSize()},
          head.weight().transpose().toRowMajor()));
      inits.add(floats("head.bias", new long[] {head.outputSize()}, head.bias()));
      y = node("Add", "head.output", List.of(node("MatMul", "head.matmul",
          List.of(x, "head.weight_t")), "head.bias"));
    }
    node(options.batchFirst() ? "Transpose" : "Identity", "output", List.of(y),
        options.batchFirst() ? perm() : null);
    node("Concat", "h_n", hn, axis0());
    node("Concat", "c_n", cn, axis0());
    String seq = options.batchFirst() ? "batch,time" : "time,batch";
    GraphProto.Builder g = GraphProto.newBuilder().setName("lstm_irf").addAllNode(nodes)
        .addAllInitializer(inits)
        .addInput(value("input", dims(seq, spec.inputSize())))
        .addOutput(value("output", dims(seq, spec.responseSize())))
        .addOutput(value("h_n", dims(l + ",batch", h)))
        .addOutput(value("c_n", dims(l + ",batch", h)));
    if (options.stateInputs()) {
      g.addInput(value("h_0", dims(l + ",batch", h))).addInput(value("c_0", dims(l + ",batch", h)));
    }
    return ModelProto.newBuilder().setIrVersion(IR).setProducerName("lstm-irf")
        .setProducerVersion("lstm-irf-model/1")
        .setDocString("Canonical LSTM (gates i, f, g, o; sigmoid, tanh) of " + l + " layer(s) of "
            + h + " units" + (spec.hasHead() ? " and a dense head of " + spec.responseSize()
            + " outputs" : "") + ". Inputs: input " + (options.batchFirst() ? "[B,T,I]" : "[T,B,I]")
            + (options.stateInputs() ? ", h_0 and c_0 [L,B,H]" : " (zero initial state)")
            + ". Outputs: output " + (options.batchFirst() ? "[B,T,*]" : "[T,B,*]")
            + " (head outputs, or the top layer's hidden states), h_n and c_n [L,B,H].")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(g).build();
  }

  private String node(String op, String output, List<String> inputs) {
    return node(op, output, inputs, null);
  }

  private String node(String op, String output, List<String> inputs, AttributeProto attr) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output)
        .addAllInput(inputs).addOutput(output);
    if (attr != null) {
      n.addAttribute(attr);
    }
    nodes.add(n.build());
    return output;
  }

  private static AttributeProto perm() {
    return AttributeProto.newBuilder().setName("perm").addAllInts(List.of(1L, 0L, 2L))
        .setType(AttributeProto.AttributeType.INTS).build();
  }

  private static AttributeProto axis0() {
    return AttributeProto.newBuilder().setName("axis").setI(0)
        .setType(AttributeProto.AttributeType.INT).build();
  }

  private static List<String> cat(String first, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  private TensorProto floats(String name, long[] dims, double[] values) {
    boolean dbl = type == TensorProto.DataType.DOUBLE_VALUE;
    ByteBuffer b = ByteBuffer.allocate(values.length * (dbl ? 8 : 4))
        .order(ByteOrder.LITTLE_ENDIAN);
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
    TensorProto.Builder t = tensor(name, new long[] {values.length},
        TensorProto.DataType.INT64_VALUE);
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
      s.addDim(d.chars().allMatch(Character::isDigit)
          ? TensorShapeProto.Dimension.newBuilder().setDimValue(Long.parseLong(d))
          : TensorShapeProto.Dimension.newBuilder().setDimParam(d));
    }
    return s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(last)).build();
  }

  private ValueInfoProto value(String name, TensorShapeProto shape) {
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
  }
}
