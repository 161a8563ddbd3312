package io.lstmirf.interop.onnx;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.layout.OnnxLayout;
import io.lstmirf.interop.UnsupportedModelException;
import io.lstmirf.interop.onnx.proto.AttributeProto;
import io.lstmirf.interop.onnx.proto.NodeProto;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One ONNX {@code LSTM} node checked against the canonical LSTM: forward direction, the default
 * activations (sigmoid, tanh, tanh), no clip, no coupled input-forget gate, no peepholes (or all
 * zero). Anything else is refused with the attribute named. Its W, R and B become one canonical
 * layer (bias = Wb + Rb, gate order i, o, f, c to i, f, g, o; {@link OnnxLayout}).
 *
 * @param node the node
 * @param layout 0: X is [T,B,I] and states [D,B,H]; 1: X is [B,T,I] and states [B,D,H]
 * @param weights the canonical layer
 */
record OnnxLstmNode(NodeProto node, int layout, LayerWeights weights) {
  private static final List<String> DEFAULT_ACTIVATIONS = List.of("sigmoid", "tanh", "tanh");
  private static final Set<String> KNOWN = Set.of("hidden_size", "direction", "activations",
      "activation_alpha", "activation_beta", "clip", "input_forget", "layout");
  private static final String[] INPUTS =
      {"X", "W", "R", "B", "sequence_lens", "initial_h", "initial_c", "P"};

  /** Checks the node and reads its weights. */
  static OnnxLstmNode read(NodeProto node, OnnxGraph graph) {
    String where = OnnxGraph.describe(node);
    if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
      throw new UnsupportedModelException(where, "domain '" + node.getDomain() + "'",
          "only the standard ONNX LSTM operator is read");
    }
    int layout = 0;
    int hidden = -1;
    for (AttributeProto a : node.getAttributeList()) {
      if (!KNOWN.contains(a.getName())) {
        throw new UnsupportedModelException(where, "attribute '" + a.getName() + "'",
            "it is not an attribute of the ONNX LSTM operator this reader knows");
      }
      switch (a.getName()) {
        case "direction" -> {
          String d = a.getS().toStringUtf8();
          if (!d.equals("forward")) {
            throw new UnsupportedModelException(where, "direction=" + d, "the canonical LSTM"
                + " reads its sequence forward only, in one direction");
          }
        }
        case "activations" -> {
          List<String> acts = a.getStringsList().stream().map(s -> s.toStringUtf8())
              .collect(Collectors.toList());
          if (!acts.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toList())
              .equals(DEFAULT_ACTIVATIONS)) {
            throw new UnsupportedModelException(where, "activations=" + acts, "the canonical"
                + " LSTM uses the exact sigmoid for its gates and tanh for the cell input and"
                + " output ([Sigmoid, Tanh, Tanh])");
          }
        }
        case "clip" -> throw new UnsupportedModelException(where, "clip=" + a.getF(),
            "the canonical LSTM does not clip the inputs of its activations");
        case "input_forget" -> {
          if (a.getI() != 0) {
            throw new UnsupportedModelException(where, "input_forget=" + a.getI(), "the"
                + " canonical LSTM has independent input and forget gates");
          }
        }
        case "layout" -> {
          if (a.getI() != 0 && a.getI() != 1) {
            throw new InvalidInputException(where + ": layout=" + a.getI() + " is not 0 or 1");
          }
          layout = (int) a.getI();
        }
        case "hidden_size" -> hidden = (int) a.getI();
        default -> { } // activation_alpha/beta: unused by the default activations
      }
    }
    if (node.getInputCount() > INPUTS.length) {
      throw new InvalidInputException(where + " has " + node.getInputCount()
          + " inputs; the LSTM operator has at most " + INPUTS.length);
    }
    OnnxTensor w = graph.requireConstant(input(node, 1), "W", node);
    OnnxTensor r = graph.requireConstant(input(node, 2), "R", node);
    int h = r.rank() == 3 ? (int) r.dims()[2] : -1;
    if (w.rank() != 3 || r.rank() != 3 || w.dims()[0] != 1 || r.dims()[0] != 1
        || r.dims()[1] != 4L * h || w.dims()[1] != 4L * h) {
      if ((w.rank() == 3 && w.dims()[0] == 2) || (r.rank() == 3 && r.dims()[0] == 2)) {
        throw new UnsupportedModelException(where, "two directions in W " + w.shape(), "the"
            + " canonical LSTM reads its sequence forward only, in one direction");
      }
      throw new InvalidInputException(where + ": W has shape " + w.shape() + " and R "
          + r.shape() + "; expected [1, 4H, I] and [1, 4H, H]");
    }
    if (hidden >= 0 && hidden != h) {
      throw new InvalidInputException(where + ": hidden_size=" + hidden + " but R has shape "
          + r.shape());
    }
    int in = (int) w.dims()[2];
    double[] b = new double[8 * h];
    String bName = input(node, 3);
    if (!bName.isEmpty()) {
      OnnxTensor bt = graph.requireConstant(bName, "B", node);
      if (bt.size() != 8 * h || bt.dims()[0] != 1) {
        throw new InvalidInputException(where + ": B has shape " + bt.shape() + "; expected [1, "
            + 8 * h + "] ([1, 8H]: Wb then Rb)");
      }
      b = bt.values();
    }
    checkPeepholes(node, graph, where, h);
    OnnxLayout.Layer layer = new OnnxLayout.Layer(Matrix.ofRowMajor(4 * h, in, w.values()),
        Matrix.ofRowMajor(4 * h, h, r.values()), b);
    return new OnnxLstmNode(node, layout, OnnxLayout.toCanonical(layer));
  }

  private static void checkPeepholes(NodeProto node, OnnxGraph graph, String where, int h) {
    String p = input(node, 7);
    if (p.isEmpty()) {
      return;
    }
    OnnxTensor pt = graph.constant(p).orElseThrow(() -> new UnsupportedModelException(where,
        "peepholes P from " + graph.describeValue(p), "the canonical LSTM has no peepholes, and"
            + " only a constant all-zero P can be read as none"));
    if (!pt.allZero()) {
      throw new UnsupportedModelException(where, "peepholes P (non-zero, shape " + pt.shape()
          + ")", "the canonical LSTM has no peephole connections");
    }
    if (pt.size() != 3 * h) {
      throw new InvalidInputException(where + ": P has shape " + pt.shape() + "; expected [1, "
          + 3 * h + "]");
    }
  }

  /** The node's {@code k}-th input name, "" when absent. */
  static String input(NodeProto node, int k) {
    return k < node.getInputCount() ? node.getInput(k) : "";
  }

  /** The node's {@code k}-th output name (Y, Y_h, Y_c), "" when absent. */
  String output(int k) {
    return k < node.getOutputCount() ? node.getOutput(k) : "";
  }

  String x() {
    return node.getInput(0);
  }

  String where() {
    return OnnxGraph.describe(node);
  }

  int hiddenSize() {
    return weights.hiddenSize();
  }
}
