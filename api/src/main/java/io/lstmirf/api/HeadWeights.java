package io.lstmirf.api;

import java.util.Arrays;
import java.util.Objects;

/** The dense head {@code y = W h + b}: {@code W [O x H]}, {@code b [O]}. Immutable. */
public final class HeadWeights {
  private final Matrix weight;
  private final double[] bias;

  /**
   * @throws InvalidInputException if {@code bias} does not have one entry per row of W
   */
  public HeadWeights(Matrix weight, double[] bias) {
    if (weight == null || bias == null) {
      throw new InvalidInputException(
          "head " + (weight == null ? "weight" : "bias") + " is missing");
    }
    if (weight.rows() < 1 || weight.cols() < 1) {
      throw new InvalidInputException(
          "head.weight has shape " + weight.shape() + "; expected O x H with O, H >= 1");
    }
    if (bias.length != weight.rows()) {
      throw new InvalidInputException(
          "head.bias has length "
              + bias.length
              + "; expected "
              + weight.rows()
              + " (O, the rows of head.weight)");
    }
    this.weight = weight;
    this.bias = bias.clone();
  }

  public static HeadWeights of(double[][] weight, double[] bias) {
    return new HeadWeights(Matrix.of("head.weight", weight), Objects.requireNonNull(bias));
  }

  /** {@code W [O x H]}. */
  public Matrix weight() {
    return weight;
  }

  /** A copy of {@code b [O]}. */
  public double[] bias() {
    return bias.clone();
  }

  public int outputSize() {
    return weight.rows();
  }

  public int hiddenSize() {
    return weight.cols();
  }

  String firstNonFinite() {
    return firstNotHeldIn(Precision.FLOAT64);
  }

  /**
   * Where the first value {@code precision} cannot hold is: {@code "head.weight[r][c]"}, or null.
   */
  String firstNotHeldIn(Precision precision) {
    int i = weight.firstNotHeldIn(precision);
    if (i >= 0) {
      return "head.weight[" + i / weight.cols() + "][" + i % weight.cols() + "]";
    }
    for (int k = 0; k < bias.length; k++) {
      if (!precision.holds(bias[k])) {
        return "head.bias[" + k + "]";
      }
    }
    return null;
  }

  /** The value at a path {@link #firstNotHeldIn} returned. */
  double valueAt(String path) {
    int[] at = LayerWeights.indices(path);
    return path.startsWith("head.bias") ? bias[at[0]] : weight.get(at[0], at[1]);
  }

  public double maxAbsDifference(HeadWeights other) {
    double m = weight.maxAbsDifference(other.weight);
    for (int k = 0; k < bias.length; k++) {
      m = Math.max(m, Math.abs(bias[k] - other.bias[k]));
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeadWeights h && h.weight.equals(weight) && Arrays.equals(h.bias, bias);
  }

  @Override
  public int hashCode() {
    return Objects.hash(weight, Arrays.hashCode(bias));
  }
}
