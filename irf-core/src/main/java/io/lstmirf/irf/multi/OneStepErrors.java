package io.lstmirf.irf.multi;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import java.util.Arrays;

/**
 * How far one-step forecasts fell from what happened, per variable, in the data's units.
 *
 * @param count the number of forecasts
 * @param rmse the root mean squared error of each variable, {@code [K]}
 */
public record OneStepErrors(int count, double[] rmse) {

  public OneStepErrors {
    if (count < 1) {
      throw new InvalidInputException("errors of no forecasts are undefined");
    }
    rmse = rmse.clone();
  }

  /** The errors of {@code predicted} against {@code actual}, both {@code [n][K]}. */
  public static OneStepErrors of(double[][] predicted, double[][] actual) {
    int n = actual.length;
    if (n == 0 || predicted.length != n) {
      throw new InvalidInputException(predicted.length + " forecasts for " + n + " observations");
    }
    int k = actual[0].length;
    FlatArrays.requireBox("forecasts", predicted, n, k);
    double[] sum = new double[k];
    for (int t = 0; t < n; t++) {
      for (int v = 0; v < k; v++) {
        double e = actual[t][v] - predicted[t][v];
        sum[v] += e * e;
      }
    }
    for (int v = 0; v < k; v++) {
      sum[v] = Math.sqrt(sum[v] / n);
    }
    return new OneStepErrors(n, sum);
  }

  @Override
  public double[] rmse() {
    return rmse.clone();
  }

  /** The RMSE of variable {@code k} relative to {@code other}'s: below 1 is better. */
  public double ratioTo(OneStepErrors other, int k) {
    return rmse[k] / other.rmse[k];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OneStepErrors e && e.count == count && Arrays.equals(e.rmse, rmse);
  }

  @Override
  public int hashCode() {
    return 31 * count + Arrays.hashCode(rmse);
  }

  @Override
  public String toString() {
    return "OneStepErrors[n=" + count + ", rmse=" + Arrays.toString(rmse) + "]";
  }
}
