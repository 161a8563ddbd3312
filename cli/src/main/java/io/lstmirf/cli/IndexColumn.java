package io.lstmirf.cli;

import io.lstmirf.irf.var.TimeSeries;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Set;

/**
 * A leading time column of numbers ({@code t = 1, 2, 3, ...}, a year) is an index, not a variable:
 * as a regressor it is exactly collinear with the constant and its own lag, and the fit fails with
 * "regressors are collinear". The CSV reader skips a first column of non-numbers (dates) or with an
 * empty header; this drops one named like an index, and says so.
 */
final class IndexColumn {
  /** First-column names taken as a time index, compared in lower case. */
  static final Set<String> NAMES = Set.of("t", "time", "date", "index");

  private IndexColumn() {}

  /** {@code series} without a first column named as in {@link #NAMES} (if others remain). */
  static TimeSeries drop(TimeSeries series, PrintWriter err) {
    String first = series.names().get(0).trim();
    if (series.dimension() < 2 || !NAMES.contains(first.toLowerCase(Locale.ROOT))) {
      return series;
    }
    double[][] values = series.values();
    double[][] rest = new double[values.length][];
    for (int t = 0; t < values.length; t++) {
      rest[t] = java.util.Arrays.copyOfRange(values[t], 1, values[t].length);
    }
    err.println(
        "lstm-irf: var-irf: the first column '"
            + first
            + "' is taken as the time index"
            + " and left out (rename it to fit it as a variable)");
    return new TimeSeries(series.names().subList(1, series.dimension()), rest);
  }
}
