package io.lstmirf.irf.data;

import io.lstmirf.api.InvalidInputException;

/**
 * Min-max scaling {@code x' = (x - min) / (max - min)}, fitted on one part of a series (the
 * training part) and applied to all of it, so that nothing about later data leaks into the scale.
 * Values outside the fitted range map outside {@code [0, 1]}.
 *
 * @param min the smallest fitted value
 * @param max the largest fitted value, greater than {@code min}
 */
public record MinMaxScaler(double min, double max) {

  public MinMaxScaler {
    if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
      throw new InvalidInputException(
          "min-max scaling needs finite min < max, got min " + min + ", max " + max);
    }
  }

  /** Fits {@code values[from..to)}; they must be finite and not all equal. */
  public static MinMaxScaler fit(double[] values, int from, int to) {
    if (from < 0 || to > values.length || to <= from) {
      throw new InvalidInputException(
          "cannot fit a scaler on values ["
              + from
              + ", "
              + to
              + ") of a series of "
              + values.length);
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      if (!Double.isFinite(values[i])) {
        throw new InvalidInputException(
            "value " + i + " of the series is " + values[i] + "; the series must be finite");
      }
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
    if (hi == lo) {
      throw new InvalidInputException(
          "the "
              + (to - from)
              + " values the scaler is fitted on"
              + " are all "
              + lo
              + "; a constant series has no range to scale to [0, 1]");
    }
    return new MinMaxScaler(lo, hi);
  }

  /** The scaled value. */
  public double transform(double x) {
    return (x - min) / (max - min);
  }

  /** Every value scaled, in a new array. */
  public double[] transform(double[] xs) {
    double[] out = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = transform(xs[i]);
    }
    return out;
  }

  /** The value on the original scale. */
  public double inverse(double scaled) {
    return min + scaled * (max - min);
  }
}
