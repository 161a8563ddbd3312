package io.lstmirf.experiment.report;

import java.util.Locale;

/**
 * The mean and sample standard deviation of one quantity across seeds, over the values that exist
 * (a half-life that was never reached is left out, and {@link #n} says how many remained).
 *
 * @param mean the mean; NaN when {@code n = 0}
 * @param sd the sample standard deviation ({@code n - 1} in the denominator); NaN when {@code n <
 *     2}, since one value says nothing about spread
 * @param n how many values
 */
public record Spread(double mean, double sd, int n) {

  /** The spread of the finite values among {@code values}. */
  public static Spread of(double... values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    if (n == 0) {
      return new Spread(Double.NaN, Double.NaN, 0);
    }
    double mean = sum / n;
    if (n == 1) {
      return new Spread(mean, Double.NaN, 1);
    }
    double ss = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        ss += (v - mean) * (v - mean);
      }
    }
    return new Spread(mean, Math.sqrt(ss / (n - 1)), n);
  }

  public boolean isEmpty() {
    return n == 0;
  }

  /** {@code mean ± sd} with {@code format} (e.g. {@code %.3g}); "n/a" when empty. */
  public String format(String format) {
    if (n == 0) {
      return "n/a";
    }
    String m = String.format(Locale.ROOT, format, mean);
    return Double.isNaN(sd) ? m : m + " ± " + String.format(Locale.ROOT, format, sd);
  }
}
