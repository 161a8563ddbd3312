package io.lstmirf.irf.data;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.train.Dataset;

/**
 * Supervised windows cut from a series {@code s [T][K]}, as the original experiment cut them:
 * window {@code i} has inputs {@code x = s[i .. i+lookback-1]} ({@code [lookback][K]}) and target
 * {@code y = s[i + lookback + offset]} ({@code [K]}), so the target lies {@code offset + 1} steps
 * after the last input ({@code offset = 0} is one-step-ahead forecasting). Targets are last-step
 * targets, {@code [N][1][K]}, for a many-to-one loss; a univariate series is {@code K = 1}.
 *
 * @param lookback inputs per window, at least 1
 * @param offset steps skipped between the window and its target, at least 0
 */
public record Windowing(int lookback, int offset) {

  public Windowing {
    if (lookback < 1) {
      throw new InvalidInputException("lookback must be at least 1 step, got " + lookback);
    }
    if (offset < 0) {
      throw new InvalidInputException("offset must be >= 0, got " + offset);
    }
  }

  /** The index of window {@code i}'s target in the series. */
  public int targetIndex(int window) {
    return window + lookback + offset;
  }

  /** The number of windows a series of {@code length} points holds (0 if none fits). */
  public int count(int length) {
    return Math.max(0, length - lookback - offset);
  }

  /** Windows {@code first .. first+count-1} of a univariate {@code series}. */
  public Dataset windows(double[] series, int first, int count) {
    double[][] column = new double[series.length][];
    for (int t = 0; t < series.length; t++) {
      column[t] = new double[] {series[t]};
    }
    return windows(column, first, count);
  }

  /** Windows {@code first .. first+count-1} of {@code series} {@code [T][K]}. */
  public Dataset windows(double[][] series, int first, int count) {
    if (count < 1 || first < 0 || targetIndex(first + count - 1) >= series.length) {
      throw new InvalidInputException(
          "windows "
              + first
              + " to "
              + (first + count - 1)
              + " do not fit a series of "
              + series.length
              + " points with lookback "
              + lookback
              + " and offset "
              + offset);
    }
    double[][][] x = new double[count][lookback][];
    double[][][] y = new double[count][1][];
    for (int n = 0; n < count; n++) {
      int i = first + n;
      for (int t = 0; t < lookback; t++) {
        x[n][t] = series[i + t]; // Dataset copies
      }
      y[n][0] = series[targetIndex(i)];
    }
    return new Dataset(x, y);
  }
}
