package io.lstmirf.interop.onnx;

import io.lstmirf.interop.UnsupportedModelException;
import io.lstmirf.interop.onnx.proto.NodeProto;
import java.util.Arrays;

/**
 * Where an LSTM node's initial_h or initial_c comes from. Exporters write zero states in several
 * ways (absent, an all-zero initializer, ConstantOfShape, Expand of a zero computed from the
 * input's shape: torch.onnx.export; Unsqueeze of zeros: tf2onnx), fixed states as initializers, and
 * fed states as graph inputs, sliced per layer when several layers share one [S,B,H] input (a
 * bidirectional layer's slice holds its two directions).
 */
final class OnnxStates {

  /** A state source. */
  sealed interface Source permits Zero, Fixed, Fed {}

  /** Zeros, whatever the batch size. */
  record Zero() implements Source {}

  /** A constant state: {@code values} row-major, {@code [D,B,H]} or {@code [B,D,H]}. */
  record Fixed(double[] values, String from) implements Source {
    Fixed {
      values = values.clone();
    }

    @Override
    public double[] values() {
      return values.clone();
    }
  }

  /**
   * Graph input {@code input}: the whole input ({@code start} -1) or its slots {@code [start, start
   * + count)}.
   */
  record Fed(String input, int start, int count) implements Source {
    /** Whether the node reads the whole input, unsliced. */
    boolean whole() {
      return start < 0;
    }
  }

  private OnnxStates() {}

  /**
   * Classifies {@code value}, an initial state input of {@code lstm}.
   *
   * @param what "initial_h" or "initial_c", for messages
   */
  static Source classify(OnnxGraph g, String value, NodeProto lstm, String what) {
    if (value.isEmpty()) {
      return new Zero();
    }
    var constant = g.constant(value);
    if (constant.isPresent()) {
      OnnxTensor t = constant.get();
      return t.allZero() ? new Zero() : new Fixed(t.values(), value);
    }
    if (g.isInput(value)) {
      return new Fed(value, -1, 0);
    }
    NodeProto p = g.producer(value).orElseThrow(() -> refuse(g, value, lstm, what));
    switch (p.getOpType()) {
      case "Identity", "Cast", "Unsqueeze", "Squeeze", "Reshape" -> {
        // Shape-only ops keep the values in order; a state's shape is checked by its size.
        Source s = classify(g, p.getInput(0), lstm, what);
        if (s instanceof Fed && !p.getOpType().equals("Identity")) {
          throw refuse(g, value, lstm, what);
        }
        return s;
      }
      case "Expand", "Tile" -> {
        return zeroOrRefuse(classify(g, p.getInput(0), lstm, what), g, value, lstm, what);
      }
      case "ConstantOfShape" -> {
        boolean zero =
            OnnxGlue.attr(p, "value")
                .map(a -> OnnxTensor.decode(a.getT(), "value").allZero())
                .orElse(true);
        if (zero) {
          return new Zero();
        }
        throw refuse(g, value, lstm, what);
      }
      case "Slice" -> {
        // torch.onnx.export slices zeros per layer from one ConstantOfShape: still zeros
        return g.isInput(p.getInput(0))
            ? slice(g, p, value, lstm, what)
            : zeroOrRefuse(classify(g, p.getInput(0), lstm, what), g, value, lstm, what);
      }
      default -> throw refuse(g, value, lstm, what);
    }
  }

  private static Source zeroOrRefuse(
      Source s, OnnxGraph g, String value, NodeProto lstm, String what) {
    if (s instanceof Zero) {
      return s;
    }
    throw refuse(g, value, lstm, what);
  }

  /** torch.onnx.export's h0[s:s+D] of a state graph input [S,B,H]. */
  private static Source slice(OnnxGraph g, NodeProto p, String value, NodeProto lstm, String what) {
    if (!g.isInput(p.getInput(0)) || p.getInputCount() < 3) {
      throw refuse(g, value, lstm, what);
    }
    long[] starts = g.requireConstant(p.getInput(1), "starts", p).longs();
    long[] ends = g.requireConstant(p.getInput(2), "ends", p).longs();
    long[] axes =
        p.getInputCount() > 3 && !p.getInput(3).isEmpty()
            ? g.requireConstant(p.getInput(3), "axes", p).longs()
            : new long[] {0};
    long[] steps =
        p.getInputCount() > 4 && !p.getInput(4).isEmpty()
            ? g.requireConstant(p.getInput(4), "steps", p).longs()
            : new long[] {1};
    if (starts.length != 1
        || !Arrays.equals(axes, new long[] {0})
        || starts[0] < 0
        || ends[0] <= starts[0]
        || ends[0] > starts[0] + 2
        || steps[0] != 1) {
      throw refuse(g, value, lstm, what);
    }
    return new Fed(p.getInput(0), (int) starts[0], (int) (ends[0] - starts[0]));
  }

  private static UnsupportedModelException refuse(
      OnnxGraph g, String value, NodeProto lstm, String what) {
    return new UnsupportedModelException(
        OnnxGraph.describe(lstm),
        what + " from " + g.describeValue(value),
        "the reader takes initial states from initializers or Constant"
            + " nodes, zeros (absent, ConstantOfShape, Expand of 0) or graph inputs (whole, or"
            + " sliced per layer along axis 0)");
  }
}
