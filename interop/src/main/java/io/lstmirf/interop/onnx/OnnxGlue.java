package io.lstmirf.interop.onnx;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.interop.UnsupportedModelException;
import io.lstmirf.interop.onnx.OnnxFlow.Axis;
import io.lstmirf.interop.onnx.proto.AttributeProto;
import io.lstmirf.interop.onnx.proto.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The nodes exporters put between recurrent nodes and around the head, which only move axes: what
 * each does to an {@link OnnxFlow}. torch.onnx.export writes Squeeze (the num_directions axis),
 * Transpose (batch_first), Transpose and Reshape (a bidirectional node's two directions side by
 * side), Gather (y[:, -1], h_n[-1]) and Concat (h_n of every layer); tf2onnx writes Transpose,
 * Squeeze and Slice (the last step). Anything else on the data path is refused.
 */
final class OnnxGlue {
  /** Slice ends at or beyond this run to the end of the axis (exporters write INT64_MAX). */
  private static final long TO_THE_END = Integer.MAX_VALUE;

  private OnnxGlue() {}

  /** Whether this op is glue this class follows. */
  static boolean follows(String op) {
    return switch (op) {
      case "Identity", "Transpose", "Squeeze", "Gather", "Slice", "Concat", "Reshape" -> true;
      default -> false;
    };
  }

  /** The flow out of a one-input glue node (not Concat). */
  static OnnxFlow apply(NodeProto n, OnnxFlow in, OnnxGraph g) {
    String where = OnnxGraph.describe(n);
    return switch (n.getOpType()) {
      case "Identity" -> in;
      case "Transpose" -> transpose(n, in, where);
      case "Squeeze" -> squeeze(n, in, g, where);
      case "Gather" -> gather(n, in, g, where);
      case "Slice" -> slice(n, in, g, where);
      case "Reshape" -> reshape(n, in, g, where);
      default -> throw new IllegalArgumentException(n.getOpType());
    };
  }

  /**
   * Concat of the final states of layers 0..k-1 along their direction axis: the state slots, one
   * per layer and direction.
   */
  static OnnxFlow concat(NodeProto n, List<OnnxFlow> ins, OnnxGraph g) {
    String where = OnnxGraph.describe(n);
    OnnxFlow first = ins.get(0);
    int axis =
        normalise(
            intAttr(n, "axis")
                .orElseThrow(() -> new InvalidInputException(where + " has no axis attribute")),
            first.axes().size(),
            where);
    for (int l = 0; l < ins.size(); l++) {
      OnnxFlow f = ins.get(l);
      if (f.kind() != first.kind()
          || f.layer() != l
          || f.everyStep()
          || f.axes().size() != first.axes().size()
          || f.directionAxis() != axis
          || !f.replace(axis, Axis.LAYERS).axes().equals(first.replace(axis, Axis.LAYERS).axes())) {
        throw unsupported(
            where,
            "Concat of " + f.describe() + " (input " + l + ")",
            "the"
                + " reader follows a Concat only of the final states of layers 0, 1, ... in order");
      }
    }
    return new OnnxFlow(first.kind(), ins.size() - 1, first.axes()).replace(axis, Axis.LAYERS);
  }

  /**
   * torch.onnx.export's Reshape of a bidirectional node's output {@code [T,B,2,H]} to {@code
   * [T,B,2H]}: shape {@code [0, 0, -1]} (0 keeps an axis), which puts each step's forward units
   * before its backward units, the canonical order.
   */
  private static OnnxFlow reshape(NodeProto n, OnnxFlow in, OnnxGraph g, String where) {
    long[] shape = g.requireConstant(n.getInput(1), "shape", n).longs();
    int rank = in.axes().size();
    boolean keepsLeading = shape.length == rank - 1;
    for (int k = 0; keepsLeading && k + 1 < shape.length; k++) {
      keepsLeading = shape[k] == 0;
    }
    if (!keepsLeading
        || shape[shape.length - 1] != -1
        || intAttr(n, "allowzero").orElse(0L) != 0
        || rank < 2
        || in.axes().get(rank - 2) != Axis.DIRECTIONS
        || in.axes().get(rank - 1) != Axis.FEATURE) {
      throw unsupported(
          where,
          "Reshape to " + Arrays.toString(shape) + " of " + in.describe(),
          "the reader follows a Reshape only of a bidirectional layer's [.., 2, H] to [.., 2H]"
              + " with shape [0, .., 0, -1]");
    }
    return in.replace(rank - 2, null);
  }

  private static OnnxFlow transpose(NodeProto n, OnnxFlow in, String where) {
    int rank = in.axes().size();
    List<Long> perm = attr(n, "perm").map(AttributeProto::getIntsList).orElse(null);
    List<Axis> out = new ArrayList<>();
    for (int k = 0; k < rank; k++) {
      int from = perm == null ? rank - 1 - k : normalise(perm.get(k), rank, where);
      out.add(in.axes().get(from));
    }
    if (perm != null && perm.size() != rank) {
      throw new InvalidInputException(where + ": perm " + perm + " does not fit rank " + rank);
    }
    return in.withAxes(out);
  }

  private static OnnxFlow squeeze(NodeProto n, OnnxFlow in, OnnxGraph g, String where) {
    long[] axes =
        n.getInputCount() > 1 && !n.getInput(1).isEmpty()
            ? g.requireConstant(n.getInput(1), "axes", n).longs()
            : attr(n, "axes")
                .map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray())
                .orElseThrow(
                    () ->
                        unsupported(
                            where,
                            "Squeeze without axes",
                            "which axes go then"
                                + " depends on the batch size; the reader needs them named"));
    int rank = in.axes().size();
    boolean[] drop = new boolean[rank];
    for (long a : axes) {
      int k = normalise(a, rank, where);
      Axis axis = in.axes().get(k);
      if (axis != Axis.DIRECTION && axis != Axis.LAST) {
        throw unsupported(
            where,
            "Squeeze of axis " + a + " of " + in.describe(),
            "only the" + " direction axis or a size-1 last-step axis can be squeezed here");
      }
      drop[k] = true;
    }
    List<Axis> out = new ArrayList<>();
    for (int k = 0; k < rank; k++) {
      if (!drop[k]) {
        out.add(in.axes().get(k));
      }
    }
    return in.withAxes(out);
  }

  private static OnnxFlow gather(NodeProto n, OnnxFlow in, OnnxGraph g, String where) {
    OnnxTensor index = g.requireConstant(n.getInput(1), "indices", n);
    int axis = normalise(intAttr(n, "axis").orElse(0L), in.axes().size(), where);
    Axis what = in.axes().get(axis);
    long i = index.size() == 1 ? index.longs()[0] : Long.MIN_VALUE;
    boolean last =
        index.rank() == 0
            && (i == -1
                || (what == Axis.LAYERS && i == in.layer())
                || (what == Axis.DIRECTION && i == 0));
    if (!last || (what != Axis.TIME && what != Axis.LAYERS && what != Axis.DIRECTION)) {
      throw unsupported(
          where,
          "Gather of index "
              + Arrays.toString(index.longs())
              + " on axis "
              + axis
              + " of "
              + in.describe(),
          "the reader follows a Gather only of the last time"
              + " step, the last layer's final state or the direction (a scalar index -1)");
    }
    return in.replace(axis, null);
  }

  private static OnnxFlow slice(NodeProto n, OnnxFlow in, OnnxGraph g, String where) {
    long[] starts = g.requireConstant(n.getInput(1), "starts", n).longs();
    long[] ends = g.requireConstant(n.getInput(2), "ends", n).longs();
    long[] axes =
        n.getInputCount() > 3 && !n.getInput(3).isEmpty()
            ? g.requireConstant(n.getInput(3), "axes", n).longs()
            : new long[] {0};
    long[] steps =
        n.getInputCount() > 4 && !n.getInput(4).isEmpty()
            ? g.requireConstant(n.getInput(4), "steps", n).longs()
            : new long[] {1};
    int axis =
        starts.length == 1 && axes.length == 1 ? normalise(axes[0], in.axes().size(), where) : -1;
    if (axis < 0
        || in.axes().get(axis) != Axis.TIME
        || starts[0] != -1
        || ends[0] < TO_THE_END
        || steps.length != 1
        || steps[0] != 1) {
      throw unsupported(
          where,
          "Slice "
              + Arrays.toString(starts)
              + ":"
              + Arrays.toString(ends)
              + " on axes "
              + Arrays.toString(axes)
              + " of "
              + in.describe(),
          "the reader follows a" + " Slice only of the last time step ([-1:])");
    }
    return in.replace(axis, Axis.LAST);
  }

  static Optional<AttributeProto> attr(NodeProto n, String name) {
    return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
  }

  static Optional<Long> intAttr(NodeProto n, String name) {
    return attr(n, name).map(AttributeProto::getI);
  }

  static Optional<Float> floatAttr(NodeProto n, String name) {
    return attr(n, name).map(AttributeProto::getF);
  }

  static int normalise(long axis, int rank, String where) {
    long a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw new InvalidInputException(
          where + ": axis " + axis + " is out of range for rank " + rank);
    }
    return (int) a;
  }

  static UnsupportedModelException unsupported(String where, String construct, String reason) {
    return new UnsupportedModelException(where, construct, reason);
  }
}
