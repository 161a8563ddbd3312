package io.lstmirf.api.check;

/**
 * Compares results with the reference's under one {@link Tolerance} and keeps what a report needs:
 * how many values were compared, how many were out of tolerance, the largest absolute difference,
 * and where the worst one (relative to what was allowed there) is. Mutable: one per comparison.
 */
public final class Deviation {
  private final Tolerance tolerance;
  private long compared;
  private long violations;
  private double maxAbsDifference;
  private double worstRatio = -1;
  private String worst = "";

  public Deviation(Tolerance tolerance) {
    this.tolerance = tolerance;
  }

  /** Arrays {@code [a][b][c]}; a shape mismatch is a violation. */
  public Deviation add(String what, double[][][] expected, double[][][] actual) {
    if (sameLength(what, expected.length, actual.length)) {
      for (int i = 0; i < expected.length; i++) {
        add(what + "[" + i + "]", expected[i], actual[i]);
      }
    }
    return this;
  }

  /** Arrays {@code [a][b]}. */
  public Deviation add(String what, double[][] expected, double[][] actual) {
    if (sameLength(what, expected.length, actual.length)) {
      for (int i = 0; i < expected.length; i++) {
        add(what + "[" + i + "]", expected[i], actual[i]);
      }
    }
    return this;
  }

  /** A vector, each entry held to {@link Tolerance#allowed(double)}. */
  public Deviation add(String what, double[] expected, double[] actual) {
    if (sameLength(what, expected.length, actual.length)) {
      for (int k = 0; k < expected.length; k++) {
        value(what + "[" + k + "]", expected[k], actual[k], tolerance.allowed(expected[k]));
      }
    }
    return this;
  }

  /**
   * A vector held to the tolerance relative to its own largest reference entry, {@code value *
   * max_k |expected_k|} (gradients: a float32 backprop loses a few ulps relative to the terms it
   * sums, so its error follows the tensor's scale, not 1).
   */
  public Deviation addScaled(String what, double[] expected, double[] actual) {
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    double allowed = tolerance.value() * scale;
    if (sameLength(what, expected.length, actual.length)) {
      for (int k = 0; k < expected.length; k++) {
        value(what + "[" + k + "]", expected[k], actual[k], allowed);
      }
    }
    return this;
  }

  /** One value, held to {@link Tolerance#allowed(double)}. */
  public Deviation add(String what, double expected, double actual) {
    return value(what, expected, actual, tolerance.allowed(expected));
  }

  /** One value against an explicit bound. */
  public Deviation value(String what, double expected, double actual, double allowed) {
    compared++;
    double diff = Math.abs(actual - expected);
    if (Double.isNaN(diff)) {
      diff = Double.POSITIVE_INFINITY;
    }
    maxAbsDifference = Math.max(maxAbsDifference, diff);
    if (diff > allowed) {
      violations++;
      double ratio = allowed > 0 ? diff / allowed : Double.POSITIVE_INFINITY;
      if (ratio > worstRatio) {
        worstRatio = ratio;
        worst =
            String.format(
                "%s: %.9g instead of %.9g (|difference| %.3g, allowed %.3g)",
                what, actual, expected, diff, allowed);
      }
    }
    return this;
  }

  /** Whether every value compared was within tolerance. */
  public boolean withinTolerance() {
    return violations == 0;
  }

  public long compared() {
    return compared;
  }

  public long violations() {
    return violations;
  }

  /** The largest |actual - expected| seen (infinite for a NaN). */
  public double maxAbsDifference() {
    return maxAbsDifference;
  }

  /** The worst violation, described; empty when there is none. */
  public String worst() {
    return worst;
  }

  private boolean sameLength(String what, int expected, int actual) {
    if (expected == actual) {
      return true;
    }
    compared++;
    violations++;
    maxAbsDifference = Double.POSITIVE_INFINITY;
    if (worstRatio < Double.POSITIVE_INFINITY) {
      worstRatio = Double.POSITIVE_INFINITY;
      worst = what + " has " + actual + " entries instead of " + expected;
    }
    return false;
  }
}
