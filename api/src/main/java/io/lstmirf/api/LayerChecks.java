package io.lstmirf.api;

import java.util.Map;

/**
 * The checks and comparisons of {@link LayerWeights}, tensor by tensor, with messages that name the
 * field and the shape expected.
 */
final class LayerChecks {
  private LayerChecks() {}

  /** Throws unless one direction's tensors fit {@code cell} and each other. */
  static void shapes(
      CellKind cell,
      Matrix weightIh,
      Matrix weightHh,
      double[] bias,
      double[] recurrentBias,
      double[] peephole) {
    if (weightIh == null || weightHh == null || bias == null) {
      throw new InvalidInputException(
          (weightIh == null ? "weightIh" : weightHh == null ? "weightHh" : "bias") + " is missing");
    }
    int g = cell.gates();
    String rows = g + "H";
    String blocks = cell == CellKind.LSTM ? "i,f,g,o" : "r,z,n";
    int h = weightHh.cols();
    if (h < 1 || weightHh.rows() != g * h) {
      throw new InvalidInputException(
          "weightHh has shape "
              + weightHh.shape()
              + "; expected "
              + rows
              + " x H (gate rows "
              + blocks
              + "), e.g. "
              + g * 50
              + "x50 for H = 50");
    }
    if (weightIh.rows() != g * h || weightIh.cols() < 1) {
      throw new InvalidInputException(
          "weightIh has shape "
              + weightIh.shape()
              + "; expected "
              + g * h
              + "x<inputs> ("
              + rows
              + " x inputs, H = "
              + h
              + " from weightHh)");
    }
    requireLength("bias", bias, g * h, rows + ", H = " + h);
    if (cell == CellKind.GRU) {
      if (recurrentBias == null) {
        throw new InvalidInputException("recurrentBias is missing: a GRU layer needs b_hn [H]");
      }
      requireLength("recurrentBias", recurrentBias, h, "H: b_hn of the n gate");
    } else if (recurrentBias != null) {
      throw new InvalidInputException("recurrentBias is a GRU tensor; an LSTM layer has one bias");
    }
    if (peephole != null) {
      if (cell != CellKind.LSTM) {
        throw new InvalidInputException("peephole is an LSTM tensor; a GRU layer has none");
      }
      requireLength("peephole", peephole, 3 * h, "3H: p_i, p_f, p_o");
    }
  }

  /** Where the first value of the named tensors that {@code precision} cannot hold is, or null. */
  static String firstNotHeldIn(
      Map<String, double[]> tensors, int inputSize, int hiddenSize, Precision precision) {
    for (Map.Entry<String, double[]> e : tensors.entrySet()) {
      double[] v = e.getValue();
      for (int k = 0; k < v.length; k++) {
        if (!precision.holds(v[k])) {
          String name = e.getKey();
          int cols = columns(name, inputSize, hiddenSize);
          return cols == 0 ? name + "[" + k + "]" : name + "[" + k / cols + "][" + k % cols + "]";
        }
      }
    }
    return null;
  }

  /** The value at a path {@link #firstNotHeldIn} returned. */
  static double valueAt(Map<String, double[]> tensors, String path, int inputSize, int hiddenSize) {
    String name = path.substring(0, path.indexOf('['));
    int[] at = LayerWeights.indices(path);
    int cols = columns(name, inputSize, hiddenSize);
    return tensors.get(name)[at.length == 2 ? at[0] * cols + at[1] : at[0]];
  }

  /** Columns of a matrix tensor (W_ih: inputs, W_hh: H), 0 for a vector. */
  private static int columns(String name, int inputSize, int hiddenSize) {
    return name.endsWith("weightIh") ? inputSize : name.endsWith("weightHh") ? hiddenSize : 0;
  }

  /** The largest absolute difference between tensors of the same names and shapes. */
  static double maxAbsDifference(Map<String, double[]> mine, Map<String, double[]> theirs) {
    double m = 0;
    for (Map.Entry<String, double[]> e : mine.entrySet()) {
      double[] a = e.getValue();
      double[] b = theirs.get(e.getKey());
      if (b == null || b.length != a.length) {
        throw new InvalidInputException(e.getKey() + " shapes differ");
      }
      for (int k = 0; k < a.length; k++) {
        m = Math.max(m, Math.abs(a[k] - b[k]));
      }
    }
    return m;
  }

  private static void requireLength(String name, double[] v, int expected, String meaning) {
    if (v.length != expected) {
      throw new InvalidInputException(
          name + " has length " + v.length + "; expected " + expected + " (" + meaning + ")");
    }
  }
}
