package io.lstmirf.interop.onnx;

import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.Matrix;
import io.lstmirf.interop.UnsupportedModelException;
import io.lstmirf.interop.onnx.OnnxFlow.Axis;
import io.lstmirf.interop.onnx.OnnxFlow.Kind;
import io.lstmirf.interop.onnx.proto.NodeProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows the data from the sequence input through every node that reads it: LSTM and GRU nodes
 * (which become the layers, in the order the data reaches them), glue ({@link OnnxGlue}), and a
 * head of MatMul (+ Add) or Gemm. Every reader of the data must be one of these, so nothing the
 * canonical model lacks (an activation after the head, a second branch) can slip through.
 */
final class OnnxTracer {
  private static final List<Axis> TIME_MAJOR = List.of(Axis.TIME, Axis.BATCH, Axis.FEATURE);
  private static final List<Axis> BATCH_MAJOR = List.of(Axis.BATCH, Axis.TIME, Axis.FEATURE);

  private final OnnxGraph graph;
  private final Map<String, OnnxFlow> flows = new LinkedHashMap<>();
  private final Deque<String> work = new ArrayDeque<>();
  private final List<OnnxRecurrentNode> layers = new ArrayList<>();
  private final Map<NodeProto, Boolean> done = new IdentityHashMap<>();
  private List<Axis> inputAxes;
  private Matrix headWeight;
  private double[] headBias;
  private int headLayer = -1;

  OnnxTracer(OnnxGraph graph) {
    this.graph = graph;
  }

  /** Follows everything reading {@code sequenceInput}. */
  OnnxTracer trace(String sequenceInput) {
    put(sequenceInput, OnnxFlow.input());
    while (!work.isEmpty()) {
      String value = work.poll();
      for (NodeProto n : graph.consumers(value)) {
        if (!done.containsKey(n)) {
          visit(n, value);
        }
      }
    }
    for (NodeProto n : graph.nodes()) {
      if (n.getOpType().equals("Concat")
          && !done.containsKey(n)
          && n.getInputList().stream().anyMatch(flows::containsKey)) {
        throw new UnsupportedModelException(
            OnnxGraph.describe(n),
            "a Concat of the data with" + " other values",
            "the reader follows a Concat only of the final states of layers"
                + " 0, 1, ... in order");
      }
    }
    return this;
  }

  /** The recurrent nodes in layer order. */
  List<OnnxRecurrentNode> layers() {
    return layers;
  }

  /** The sequence input's axes, e.g. [BATCH, TIME, FEATURE] for a batch-first graph. */
  List<Axis> inputAxes() {
    return inputAxes;
  }

  /** Every value on the data path and what it holds. */
  Map<String, OnnxFlow> flows() {
    return flows;
  }

  /** The head, or null when the graph has none. */
  HeadWeights head() {
    if (headWeight == null) {
      return null;
    }
    if (headLayer != layers.size() - 1) {
      throw new UnsupportedModelException(
          "the head",
          "a head on layer " + headLayer + " of " + layers.size(),
          "the canonical head reads the top layer");
    }
    return new HeadWeights(headWeight, headBias == null ? new double[headWeight.rows()] : headBias);
  }

  private void visit(NodeProto n, String value) {
    OnnxFlow in = flows.get(value);
    String op = n.getOpType();
    if (op.equals("Shape")) {
      done.put(n, true); // reads the shape only (zero states are built from it)
    } else if (op.equals("LSTM") || op.equals("GRU")) {
      recurrent(n, value, in);
    } else if (op.equals("Concat")) {
      concat(n);
    } else if (n.getInput(0).equals(value)
        && (op.equals("Identity")
            || op.equals("Transpose")
            || OnnxGlue.follows(op) && in.kind() != Kind.INPUT)) {
      finish(n, OnnxGlue.apply(n, in, graph));
    } else if (op.equals("MatMul") && in.kind() == Kind.HIDDEN && headWeight == null) {
      matMul(n, value, in);
    } else if (op.equals("Gemm") && in.kind() == Kind.HIDDEN && headWeight == null) {
      gemm(n, value, in);
    } else if (op.equals("Add") && in.kind() == Kind.HEAD && headBias == null) {
      add(n, value, in);
    } else {
      throw new UnsupportedModelException(
          OnnxGraph.describe(n),
          "a " + op + " reading " + in.describe(),
          "between the input, the LSTM and GRU nodes and the outputs the reader"
              + " follows only Transpose, Squeeze, Identity, Reshape of two directions, Gather/Slice"
              + " of the last step, Concat of final states, and one linear head (MatMul + Add, or"
              + " Gemm) on the top layer");
    }
  }

  private void recurrent(NodeProto n, String value, OnnxFlow in) {
    OnnxRecurrentNode node = OnnxRecurrentNode.read(n, graph);
    String where = node.where();
    if (!node.x().equals(value)) {
      throw new UnsupportedModelException(
          where,
          "data in an input other than X",
          "a recurrent"
              + " node reads the sequence in X; its weights and states must not depend on it");
    }
    List<Axis> wanted = node.layout() == 0 ? TIME_MAJOR : BATCH_MAJOR;
    if (in.kind() == Kind.INPUT && layers.isEmpty()) {
      inputAxes = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        inputAxes.add(wanted.get(in.axes().indexOf(Axis.values()[k])));
      }
    } else if (in.kind() != Kind.HIDDEN
        || in.layer() != layers.size() - 1
        || !in.axes().equals(wanted)) {
      throw new UnsupportedModelException(
          where,
          "X = " + in.describe(),
          "a stacked layer"
              + " must read the outputs of the layer below at every step, "
              + (node.layout() == 0 ? "[T,B,H]" : "[B,T,H]")
              + " (both directions side by side"
              + " above a bidirectional layer)");
    }
    if (!layers.isEmpty() && node.hiddenSize() != layers.get(0).hiddenSize()) {
      throw new UnsupportedModelException(
          where,
          "hidden_size="
              + node.hiddenSize()
              + " on top"
              + " of hidden_size="
              + layers.get(0).hiddenSize(),
          "the canonical model's stacked" + " layers all have the same number of units");
    }
    layers.add(node);
    int l = layers.size() - 1;
    Axis dir = node.directions() == 2 ? Axis.DIRECTIONS : Axis.DIRECTION;
    List<Axis> seq =
        node.layout() == 0
            ? List.of(Axis.TIME, dir, Axis.BATCH, Axis.FEATURE)
            : List.of(Axis.BATCH, Axis.TIME, dir, Axis.FEATURE);
    List<Axis> fin =
        node.layout() == 0
            ? List.of(dir, Axis.BATCH, Axis.FEATURE)
            : List.of(Axis.BATCH, dir, Axis.FEATURE);
    done.put(n, true);
    put(node.output(0), new OnnxFlow(Kind.HIDDEN, l, seq));
    put(node.output(1), new OnnxFlow(Kind.HIDDEN, l, fin));
    put(node.output(2), new OnnxFlow(Kind.CELL, l, fin));
  }

  private void concat(NodeProto n) {
    List<OnnxFlow> ins = new ArrayList<>();
    for (String i : n.getInputList()) {
      if (!flows.containsKey(i)) {
        return; // the other inputs are not reached yet; this node is visited again then
      }
      ins.add(flows.get(i));
    }
    finish(n, OnnxGlue.concat(n, ins, graph));
  }

  private void matMul(NodeProto n, String value, OnnxFlow in) {
    String where = OnnxGraph.describe(n);
    requireHeadInput(n, value, in, where);
    OnnxTensor w = graph.requireConstant(n.getInput(1), "the weight", n);
    if (w.rank() != 2 || w.dims()[0] != layerWidth(in)) {
      throw new InvalidInputException(
          where
              + ": the weight has shape "
              + w.shape()
              + "; a head on "
              + layerWidth(in)
              + " hidden units needs [H, O]");
    }
    headWeight = Matrix.ofRowMajor((int) w.dims()[0], (int) w.dims()[1], w.values()).transpose();
    headLayer = in.layer();
    finish(
        n,
        new OnnxFlow(Kind.HEAD, in.layer(), in.axes()).replace(in.axes().size() - 1, Axis.OUTPUT));
  }

  private void gemm(NodeProto n, String value, OnnxFlow in) {
    String where = OnnxGraph.describe(n);
    requireHeadInput(n, value, in, where);
    if (in.axes().size() != 2
        || OnnxGlue.intAttr(n, "transA").orElse(0L) != 0
        || OnnxGlue.floatAttr(n, "alpha").orElse(1f) != 1f
        || OnnxGlue.floatAttr(n, "beta").orElse(1f) != 1f) {
      throw new UnsupportedModelException(
          where,
          "Gemm on " + in.describe() + " with transA, " + "alpha or beta set",
          "the canonical head is y = W h + b on [B,H]");
    }
    OnnxTensor b = graph.requireConstant(n.getInput(1), "B", n);
    boolean transB = OnnxGlue.intAttr(n, "transB").orElse(0L) != 0;
    Matrix m =
        b.rank() == 2 ? Matrix.ofRowMajor((int) b.dims()[0], (int) b.dims()[1], b.values()) : null;
    headWeight = m == null ? null : transB ? m : m.transpose();
    if (headWeight == null || headWeight.cols() != layerWidth(in)) {
      throw new InvalidInputException(
          where
              + ": B has shape "
              + b.shape()
              + " (transB="
              + transB
              + "); a head on "
              + layerWidth(in)
              + " hidden units needs "
              + (transB ? "[O, H]" : "[H, O]"));
    }
    headLayer = in.layer();
    if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
      headBias = bias(graph.requireConstant(n.getInput(2), "C", n), where);
    }
    finish(n, new OnnxFlow(Kind.HEAD, in.layer(), List.of(Axis.BATCH, Axis.OUTPUT)));
  }

  private void add(NodeProto n, String value, OnnxFlow in) {
    String where = OnnxGraph.describe(n);
    String other = n.getInput(0).equals(value) ? n.getInput(1) : n.getInput(0);
    headBias = bias(graph.requireConstant(other, "the bias", n), where);
    finish(n, in);
  }

  private void requireHeadInput(NodeProto n, String value, OnnxFlow in, String where) {
    if (!n.getInput(0).equals(value)
        || in.axes().get(in.axes().size() - 1) != Axis.FEATURE
        || in.directionAxis() >= 0
        || in.axes().contains(Axis.LAYERS)) {
      throw new UnsupportedModelException(
          where,
          n.getOpType() + " reading " + in.describe(),
          "the canonical head multiplies the top layer's hidden units, [B,T,H] or [B,H]");
    }
  }

  private double[] bias(OnnxTensor c, String where) {
    int o = headWeight.rows();
    long[] d = c.dims();
    for (int k = 0; k + 1 < d.length; k++) {
      if (d[k] != 1) {
        throw new UnsupportedModelException(
            where,
            "a bias of shape " + c.shape(),
            "the" + " canonical head adds one bias per output, [O] = [" + o + "]");
      }
    }
    if (c.size() != o) {
      throw new InvalidInputException(
          where + ": the bias has shape " + c.shape() + "; the head has " + o + " outputs");
    }
    return c.values();
  }

  /** What layer {@code in} comes from outputs per step: H, or 2H for a bidirectional layer. */
  private int layerWidth(OnnxFlow in) {
    return layers.get(in.layer()).weights().outputSize();
  }

  private void finish(NodeProto n, OnnxFlow out) {
    done.put(n, true);
    put(n.getOutput(0), out);
  }

  private void put(String value, OnnxFlow flow) {
    if (!value.isEmpty()) {
      flows.put(value, flow);
      work.add(value);
    }
  }
}
