package io.lstmirf.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * The canonical weights of one LSTM layer: {@code W_ih [4H x in]}, {@code W_hh [4H x H]} and one
 * bias {@code b [4H]}, each in gate row blocks i, f, g, o (see {@link Gate}). Immutable.
 */
public final class LayerWeights {
  private final Matrix weightIh;
  private final Matrix weightHh;
  private final double[] bias;

  /**
   * @throws InvalidInputException naming the field and the expected shape if the shapes disagree
   */
  public LayerWeights(Matrix weightIh, Matrix weightHh, double[] bias) {
    if (weightIh == null || weightHh == null || bias == null) {
      throw new InvalidInputException((weightIh == null ? "weightIh" : weightHh == null
          ? "weightHh" : "bias") + " is missing");
    }
    int h = weightHh.cols();
    if (h < 1 || weightHh.rows() != 4 * h) {
      throw new InvalidInputException("weightHh has shape " + weightHh.shape()
          + "; expected 4H x H (gate rows i,f,g,o), e.g. 200x50 for H = 50");
    }
    if (weightIh.rows() != 4 * h || weightIh.cols() < 1) {
      throw new InvalidInputException("weightIh has shape " + weightIh.shape() + "; expected "
          + 4 * h + "x<inputs> (4H x inputs, H = " + h + " from weightHh)");
    }
    if (bias.length != 4 * h) {
      throw new InvalidInputException("bias has length " + bias.length + "; expected " + 4 * h
          + " (4H, H = " + h + ")");
    }
    this.weightIh = weightIh;
    this.weightHh = weightHh;
    this.bias = bias.clone();
  }

  /** Builds a layer from nested arrays, as they appear in the JSON model format. */
  public static LayerWeights of(double[][] weightIh, double[][] weightHh, double[] bias) {
    return new LayerWeights(Matrix.of("weightIh", weightIh), Matrix.of("weightHh", weightHh),
        Objects.requireNonNull(bias, "bias"));
  }

  public int hiddenSize() {
    return weightHh.cols();
  }

  public int inputSize() {
    return weightIh.cols();
  }

  /** {@code W_ih}, {@code [4H x in]}. */
  public Matrix weightIh() {
    return weightIh;
  }

  /** {@code W_hh}, {@code [4H x H]}. */
  public Matrix weightHh() {
    return weightHh;
  }

  /** A copy of the bias {@code [4H]}. */
  public double[] bias() {
    return bias.clone();
  }

  /** A copy of one gate's bias block {@code [H]}. */
  public double[] gateBias(Gate gate) {
    int h = hiddenSize();
    return Arrays.copyOfRange(bias, gate.offset(h), gate.offset(h) + h);
  }

  /** A copy of the forget-gate bias {@code b[H..2H-1]}. */
  public double[] forgetBias() {
    return gateBias(Gate.FORGET);
  }

  /** This layer with the forget-gate bias replaced; the other gates are unchanged. */
  public LayerWeights withForgetBias(double[] forgetBias) {
    return withGateBias(Gate.FORGET, forgetBias);
  }

  /** This layer with one gate's bias block replaced. */
  public LayerWeights withGateBias(Gate gate, double[] gateBias) {
    int h = hiddenSize();
    if (gateBias == null || gateBias.length != h) {
      throw new InvalidInputException(gate.name().toLowerCase(java.util.Locale.ROOT)
          + "-gate bias has length " + (gateBias == null ? "null" : gateBias.length)
          + "; expected " + h + " (H)");
    }
    double[] b = bias.clone();
    System.arraycopy(gateBias, 0, b, gate.offset(h), h);
    return new LayerWeights(weightIh, weightHh, b);
  }

  /** Where the first non-finite value in W_ih, W_hh, b (in that order) is, or null. */
  String firstNonFinite() {
    return firstNotHeldIn(Precision.FLOAT64);
  }

  /**
   * Where the first value {@code precision} cannot hold is, in W_ih, W_hh, b (in that order):
   * {@code "weightIh[r][c]"}, or null.
   */
  String firstNotHeldIn(Precision precision) {
    int i = weightIh.firstNotHeldIn(precision);
    if (i >= 0) {
      return "weightIh[" + i / weightIh.cols() + "][" + i % weightIh.cols() + "]";
    }
    i = weightHh.firstNotHeldIn(precision);
    if (i >= 0) {
      return "weightHh[" + i / weightHh.cols() + "][" + i % weightHh.cols() + "]";
    }
    for (int k = 0; k < bias.length; k++) {
      if (!precision.holds(bias[k])) {
        return "bias[" + k + "]";
      }
    }
    return null;
  }

  /** The value at a path {@link #firstNotHeldIn} returned. */
  double valueAt(String path) {
    int[] at = indices(path);
    return path.startsWith("bias") ? bias[at[0]]
        : (path.startsWith("weightIh") ? weightIh : weightHh).get(at[0], at[1]);
  }

  static int[] indices(String path) {
    return java.util.regex.Pattern.compile("\\[(\\d+)\\]").matcher(path).results()
        .mapToInt(m -> Integer.parseInt(m.group(1))).toArray();
  }

  /** Largest absolute difference to another layer of the same shape. */
  public double maxAbsDifference(LayerWeights other) {
    double m = Math.max(weightIh.maxAbsDifference(other.weightIh),
        weightHh.maxAbsDifference(other.weightHh));
    for (int k = 0; k < bias.length; k++) {
      m = Math.max(m, Math.abs(bias[k] - other.bias[k]));
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LayerWeights l && l.weightIh.equals(weightIh)
        && l.weightHh.equals(weightHh) && Arrays.equals(l.bias, bias);
  }

  @Override
  public int hashCode() {
    return Objects.hash(weightIh, weightHh, Arrays.hashCode(bias));
  }

  @Override
  public String toString() {
    return "LayerWeights[in=" + inputSize() + ", H=" + hiddenSize() + "]";
  }
}
