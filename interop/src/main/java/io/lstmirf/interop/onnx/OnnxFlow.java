package io.lstmirf.interop.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a value on the graph's data path holds, followed from the sequence input through the LSTM
 * and GRU nodes to the outputs: its kind, the layer it comes from, and the meaning of each axis.
 * Glue nodes (Transpose, Squeeze, ...) only move axes around, so following them proves that the
 * next LSTM or the head reads exactly what the canonical model feeds it.
 *
 * @param kind the sequence input, a layer's hidden or cell state, or the head's outputs
 * @param layer the LSTM layer it comes from (the top one of a stack), -1 for the input
 * @param axes the meaning of each axis, outermost first
 */
record OnnxFlow(Kind kind, int layer, List<Axis> axes) {

  /** What a value holds. */
  enum Kind {
    INPUT,
    HIDDEN,
    CELL,
    HEAD
  }

  /** What one axis of a value indexes. */
  enum Axis {
    /** Axes of the sequence input before an LSTM node tells which is which. */
    IN0,
    IN1,
    IN2,
    /** Every time step. */
    TIME,
    /** A size-1 time axis holding the last step. */
    LAST,
    BATCH,
    /** Input features, hidden units: the axis a layer or the head multiplies. */
    FEATURE,
    /** ONNX's num_directions axis of a one-direction node (size 1). */
    DIRECTION,
    /** ONNX's num_directions axis of a bidirectional node (size 2: forward, backward). */
    DIRECTIONS,
    /** Final states of every layer and direction, stacked (the state slots). */
    LAYERS,
    /** The head's outputs. */
    OUTPUT;

    String symbol() {
      return switch (this) {
        case IN0, IN1, IN2 -> "?";
        case TIME -> "T";
        case LAST -> "1";
        case BATCH -> "B";
        case FEATURE -> "F";
        case DIRECTION -> "1";
        case DIRECTIONS -> "2";
        case LAYERS -> "L";
        case OUTPUT -> "O";
      };
    }
  }

  OnnxFlow {
    axes = List.copyOf(axes);
  }

  /** The sequence input, whose axes are not known yet. */
  static OnnxFlow input() {
    return new OnnxFlow(Kind.INPUT, -1, List.of(Axis.IN0, Axis.IN1, Axis.IN2));
  }

  OnnxFlow withAxes(List<Axis> newAxes) {
    return new OnnxFlow(kind, layer, newAxes);
  }

  /** This flow with one axis replaced ({@code to} null removes it). */
  OnnxFlow replace(int axis, Axis to) {
    List<Axis> a = new ArrayList<>(axes);
    if (to == null) {
      a.remove(axis);
    } else {
      a.set(axis, to);
    }
    return withAxes(a);
  }

  /** Where the direction axis (either size) is, or -1. */
  int directionAxis() {
    int k = axes.indexOf(Axis.DIRECTION);
    return k >= 0 ? k : axes.indexOf(Axis.DIRECTIONS);
  }

  /** Whether it holds every time step (else only the last, or final states). */
  boolean everyStep() {
    return axes.contains(Axis.TIME);
  }

  /** e.g. {@code [B,T,F]}; F is written as the feature a kind has (I, H or O). */
  String shape() {
    String f = kind == Kind.INPUT ? "I" : "H";
    return axes.stream()
        .map(a -> a == Axis.FEATURE ? f : a.symbol())
        .collect(Collectors.joining(",", "[", "]"));
  }

  /** A user's description, e.g. "the hidden states of layer 1 at every step [T,1,B,H]". */
  String describe() {
    String state = kind == Kind.CELL ? "cell states" : "hidden states";
    if (axes.contains(Axis.LAYERS)) {
      return "the final " + state + " of layers 0.." + layer + " " + shape();
    }
    String when = everyStep() ? "at every step" : "at the last step";
    return switch (kind) {
      case INPUT -> "the sequence input " + shape();
      case HIDDEN, CELL -> "the " + state + " of layer " + layer + " " + when + " " + shape();
      case HEAD -> "the head's outputs " + when + " " + shape();
    };
  }
}
