package io.lstmirf.irf.multi;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.irf.ImpulseResponses;
import io.lstmirf.irf.ModelRuns;
import io.lstmirf.irf.data.SeriesScaler;
import io.lstmirf.irf.var.VarModel;
import java.util.Arrays;

/**
 * One-step-ahead forecasts of observations {@code [from, to)} of a series {@code [T][K]}, each from
 * the actual observations before it, in the data's units: by an LSTM forecaster (the window of the
 * {@code lookback} observations before the target, scaled) or by a VAR ({@code c + A_1 y[t-1] + ...
 * + A_p y[t-p]}).
 */
public final class OneStepForecasts {
  private OneStepForecasts() {}

  /**
   * The forecasts of a model run by {@code runs}, {@code [to - from][K]}.
   *
   * @param scaled the series scaled by {@code scaler}, {@code [T][K]}
   */
  public static double[][] lstm(
      ModelRuns runs, SeriesScaler scaler, double[][] scaled, int lookback, int from, int to) {
    check(from, to, lookback, scaled.length);
    double[][][] windows = new double[to - from][][];
    for (int t = from; t < to; t++) {
      windows[t - from] = Arrays.copyOfRange(scaled, t - lookback, t);
    }
    return scaler.inverse(runs.lastResponses(windows, ImpulseResponses.DEFAULT_MAX_ROWS));
  }

  /** The forecasts of {@code var}, {@code [to - from][K]}, from {@code data} {@code [T][K]}. */
  public static double[][] var(VarModel var, double[][] data, int from, int to) {
    int p = var.lags();
    check(from, to, p, data.length);
    double[] c = var.intercept();
    double[][][] a = var.coefficients();
    int k = c.length;
    double[][] out = new double[to - from][];
    for (int t = from; t < to; t++) {
      double[] y = c.clone();
      for (int lag = 1; lag <= p; lag++) {
        double[] x = data[t - lag];
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            y[i] += a[lag - 1][i][j] * x[j];
          }
        }
      }
      out[t - from] = y;
    }
    return out;
  }

  private static void check(int from, int to, int history, int length) {
    if (from < history || to > length || to <= from) {
      throw new InvalidInputException(
          "cannot forecast observations ["
              + from
              + ", "
              + to
              + ") of "
              + length
              + " with "
              + history
              + " before each");
    }
  }
}
