package io.lstmirf.irf.data;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Min-max scaling of every column of a series {@code [T][K]}, each column by its own {@link
 * MinMaxScaler} fitted on the training rows only: {@code z[t][k] = (y[t][k] - min_k) / (max_k -
 * min_k)}. Because the map is affine per column, a difference (a shock, a response, a residual)
 * scales by the column's {@link #range(int) range} alone: {@code dz = dy / range_k}.
 *
 * @param columns one scaler per column, {@code [K]}
 */
public record SeriesScaler(List<MinMaxScaler> columns) {

  public SeriesScaler {
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new InvalidInputException("a series scaler needs at least one column");
    }
  }

  /**
   * Fits each column on rows {@code [from, to)} of {@code series} {@code [T][K]}.
   *
   * @throws InvalidInputException if a fitted column is constant or not finite
   */
  public static SeriesScaler fit(double[][] series, int from, int to) {
    int k = series[0].length;
    FlatArrays.requireBox("series", series, series.length, k);
    List<MinMaxScaler> out = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      try {
        out.add(MinMaxScaler.fit(column(series, c), from, to));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("column " + c + ": " + e.getMessage(), e);
      }
    }
    return new SeriesScaler(out);
  }

  /** K. */
  public int dimension() {
    return columns.size();
  }

  /** The scaler of column {@code k}. */
  public MinMaxScaler column(int k) {
    return columns.get(k);
  }

  /** {@code max_k - min_k}: how much one scaled unit of column {@code k} is in its own units. */
  public double range(int k) {
    MinMaxScaler s = columns.get(k);
    return s.max() - s.min();
  }

  /** Every value scaled, {@code [T][K]} in a new array. */
  public double[][] transform(double[][] series) {
    FlatArrays.requireBox("series", series, series.length, dimension());
    double[][] out = new double[series.length][dimension()];
    for (int t = 0; t < series.length; t++) {
      for (int k = 0; k < dimension(); k++) {
        out[t][k] = columns.get(k).transform(series[t][k]);
      }
    }
    return out;
  }

  /** Scaled rows {@code [T][K]} back in the original units, in a new array. */
  public double[][] inverse(double[][] scaled) {
    double[][] out = new double[scaled.length][dimension()];
    for (int t = 0; t < scaled.length; t++) {
      for (int k = 0; k < dimension(); k++) {
        out[t][k] = columns.get(k).inverse(scaled[t][k]);
      }
    }
    return out;
  }

  /** Column {@code k} of {@code series}, {@code [T]}. */
  static double[] column(double[][] series, int k) {
    double[] out = new double[series.length];
    for (int t = 0; t < series.length; t++) {
      out[t] = series[t][k];
    }
    return out;
  }
}
