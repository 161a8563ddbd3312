package io.lstmirf.interop.onnx;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.layout.OnnxLayout;
import io.lstmirf.interop.UnsupportedModelException;
import io.lstmirf.interop.onnx.proto.AttributeProto;
import io.lstmirf.interop.onnx.proto.NodeProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One ONNX {@code LSTM} or {@code GRU} node checked against the canonical layers: forward or
 * bidirectional, the default activations, no clip; an LSTM without a coupled input-forget gate,
 * with or without peepholes P; a GRU with {@code linear_before_reset=1} (PyTorch's GRU). Anything
 * else is refused with the attribute named. Its W, R, B (and P) become one canonical layer, both
 * directions for a bidirectional node ({@link OnnxLayout}).
 *
 * @param node the node
 * @param layout 0: X is [T,B,I] and states [D,B,H]; 1: X is [B,T,I] and states [B,D,H]
 * @param weights the canonical layer
 */
record OnnxRecurrentNode(NodeProto node, int layout, LayerWeights weights) {
  private static final List<String> LSTM_ACTIVATIONS = List.of("sigmoid", "tanh", "tanh");
  private static final List<String> GRU_ACTIVATIONS = List.of("sigmoid", "tanh");
  private static final Set<String> KNOWN =
      Set.of(
          "hidden_size",
          "direction",
          "activations",
          "activation_alpha",
          "activation_beta",
          "clip",
          "input_forget",
          "layout",
          "linear_before_reset");

  /** Checks the node and reads its weights. */
  static OnnxRecurrentNode read(NodeProto node, OnnxGraph graph) {
    String where = OnnxGraph.describe(node);
    if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
      throw new UnsupportedModelException(
          where,
          "domain '" + node.getDomain() + "'",
          "only the standard ONNX LSTM and GRU operators are read");
    }
    boolean gru = node.getOpType().equals("GRU");
    Attributes a = attributes(node, gru, where);
    int maxInputs = gru ? 6 : 8;
    if (node.getInputCount() > maxInputs) {
      throw new InvalidInputException(
          where
              + " has "
              + node.getInputCount()
              + " inputs; the "
              + node.getOpType()
              + " operator has at most "
              + maxInputs);
    }
    int g = gru ? 3 : 4;
    OnnxTensor w = graph.requireConstant(input(node, 1), "W", node);
    OnnxTensor r = graph.requireConstant(input(node, 2), "R", node);
    int h = r.rank() == 3 ? (int) r.dims()[2] : -1;
    if (w.rank() != 3
        || r.rank() != 3
        || w.dims()[0] != a.directions
        || r.dims()[0] != a.directions
        || r.dims()[1] != (long) g * h
        || w.dims()[1] != (long) g * h) {
      throw new InvalidInputException(
          where
              + ": W has shape "
              + w.shape()
              + " and R "
              + r.shape()
              + "; expected ["
              + a.directions
              + ", "
              + g
              + "H, I] and ["
              + a.directions
              + ", "
              + g
              + "H, H]");
    }
    if (a.hidden >= 0 && a.hidden != h) {
      throw new InvalidInputException(
          where + ": hidden_size=" + a.hidden + " but R has shape " + r.shape());
    }
    int in = (int) w.dims()[2];
    int rows = g * h;
    double[] b = new double[a.directions * 2 * rows];
    String bName = input(node, 3);
    if (!bName.isEmpty()) {
      OnnxTensor bt = graph.requireConstant(bName, "B", node);
      if (bt.size() != b.length || bt.dims()[0] != a.directions) {
        throw new InvalidInputException(
            where
                + ": B has shape "
                + bt.shape()
                + "; expected ["
                + a.directions
                + ", "
                + 2 * rows
                + "] (Wb then Rb)");
      }
      b = bt.values();
    }
    double[] p = gru ? null : peepholes(node, graph, where, a.directions * 3 * h);
    LayerWeights layer = null;
    for (int d = 0; d < a.directions; d++) {
      LayerWeights one =
          OnnxLayout.toCanonical(
              new OnnxLayout.Layer(
                  Matrix.ofRowMajor(rows, in, slice(w.values(), d, rows * in)),
                  Matrix.ofRowMajor(rows, h, slice(r.values(), d, rows * h)),
                  slice(b, d, 2 * rows),
                  p == null ? null : slice(p, d, 3 * h)));
      layer = d == 0 ? one : layer.bidirectional(one);
    }
    return new OnnxRecurrentNode(node, a.layout, layer);
  }

  /** The attributes that matter, once checked. */
  private record Attributes(int directions, int layout, int hidden) {}

  private static Attributes attributes(NodeProto node, boolean gru, String where) {
    int directions = 1;
    int layout = 0;
    int hidden = -1;
    boolean linearBeforeReset = false;
    List<String> activations = null;
    for (AttributeProto a : node.getAttributeList()) {
      if (!KNOWN.contains(a.getName())
          || (gru && a.getName().equals("input_forget"))
          || (!gru && a.getName().equals("linear_before_reset"))) {
        throw new UnsupportedModelException(
            where,
            "attribute '" + a.getName() + "'",
            "it is not an attribute of the ONNX "
                + node.getOpType()
                + " operator this reader"
                + " knows");
      }
      switch (a.getName()) {
        case "direction" -> directions = direction(a.getS().toStringUtf8(), where);
        case "activations" ->
            activations = a.getStringsList().stream().map(s -> s.toStringUtf8()).toList();
        case "clip" ->
            throw new UnsupportedModelException(
                where,
                "clip=" + a.getF(),
                "the canonical cells do not clip the inputs of their activations");
        case "input_forget" -> {
          if (a.getI() != 0) {
            throw new UnsupportedModelException(
                where,
                "input_forget=" + a.getI(),
                "the" + " canonical LSTM has independent input and forget gates");
          }
        }
        case "linear_before_reset" -> linearBeforeReset = a.getI() != 0;
        case "layout" -> {
          if (a.getI() != 0 && a.getI() != 1) {
            throw new InvalidInputException(where + ": layout=" + a.getI() + " is not 0 or 1");
          }
          layout = (int) a.getI();
        }
        case "hidden_size" -> hidden = (int) a.getI();
        default -> {} // activation_alpha/beta: unused by the default activations
      }
    }
    if (gru && !linearBeforeReset) {
      throw new UnsupportedModelException(
          where,
          "linear_before_reset=0 (the reset gate applied"
              + " to h before the recurrent weights, as Keras' reset_after=False)",
          "the canonical"
              + " GRU is PyTorch's, whose reset gate scales W_hn h + b_hn (linear_before_reset=1)");
    }
    List<String> defaults = new ArrayList<>();
    for (int d = 0; d < directions; d++) {
      defaults.addAll(gru ? GRU_ACTIVATIONS : LSTM_ACTIVATIONS);
    }
    if (activations != null
        && !activations.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList().equals(defaults)) {
      throw new UnsupportedModelException(
          where,
          "activations=" + activations,
          "the canonical"
              + " cells use the exact sigmoid for their gates and tanh otherwise ("
              + String.join(
                  ", ",
                  Collections.nCopies(
                      directions, gru ? "[Sigmoid, Tanh]" : "[Sigmoid, Tanh, Tanh]"))
              + ")");
    }
    return new Attributes(directions, layout, hidden);
  }

  private static int direction(String d, String where) {
    return switch (d) {
      case "forward" -> 1;
      case "bidirectional" -> 2;
      default ->
          throw new UnsupportedModelException(
              where,
              "direction=" + d,
              "a canonical"
                  + " layer reads its sequence forward, or both ways (bidirectional); a layer that only"
                  + " reads it backwards is neither");
    };
  }

  /** P as one array over the directions, or null when absent or all zero (no peepholes). */
  private static double[] peepholes(NodeProto node, OnnxGraph graph, String where, int size) {
    String p = input(node, 7);
    if (p.isEmpty()) {
      return null;
    }
    OnnxTensor pt =
        graph
            .constant(p)
            .orElseThrow(
                () ->
                    new UnsupportedModelException(
                        where,
                        "peepholes P from " + graph.describeValue(p),
                        "the reader takes P from initializers or" + " Constant nodes"));
    if (pt.size() != size) {
      throw new InvalidInputException(
          where
              + ": P has shape "
              + pt.shape()
              + "; expected [D, 3H]"
              + " with "
              + size
              + " values");
    }
    return pt.allZero() ? null : pt.values();
  }

  private static double[] slice(double[] values, int d, int size) {
    return java.util.Arrays.copyOfRange(values, d * size, (d + 1) * size);
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

  /** Directions: 1, or 2 for a bidirectional node. */
  int directions() {
    return weights.kind().directions();
  }

  CellKind cell() {
    return weights.cell();
  }
}
