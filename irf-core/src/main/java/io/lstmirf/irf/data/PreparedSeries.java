package io.lstmirf.irf.data;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.train.Dataset;
import java.util.Arrays;
import java.util.Objects;

/**
 * A series {@code [T][K]} made ready for many-to-one forecasting: split chronologically, min-max
 * scaled column by column with a {@link SeriesScaler} fitted on the training part only, and cut
 * into {@link Windowing windows}. A univariate series is the case {@code K = 1}.
 *
 * <p>The split is made on the series, at {@code trainEnd = round(n * trainFraction)}: a window
 * trains if its target lies before {@code trainEnd}, and validates otherwise. So no training window
 * sees a value at or after {@code trainEnd}, the scaler sees only {@code s[0..trainEnd)}, and every
 * point of the validation part is the target of exactly one validation window. Validation windows
 * may read inputs from before {@code trainEnd}: those are history a forecaster would have, not
 * leaked future.
 */
public final class PreparedSeries {
  private final double[][] raw;
  private final double[][] scaled;
  private final SeriesScaler scaler;
  private final Windowing windowing;
  private final int trainEnd;
  private final Dataset train;
  private final Dataset validation;

  private PreparedSeries(double[][] raw, SeriesScaler scaler, Windowing windowing, int trainEnd) {
    this.raw = raw;
    this.scaler = scaler;
    this.scaled = scaler.transform(raw);
    this.windowing = windowing;
    this.trainEnd = trainEnd;
    int trainWindows = windowing.count(trainEnd);
    this.train = windowing.windows(scaled, 0, trainWindows);
    this.validation =
        windowing.windows(scaled, trainWindows, windowing.count(raw.length) - trainWindows);
  }

  /**
   * Splits, scales and windows a univariate {@code series}; see {@link #of(double[][], Windowing,
   * double)}.
   */
  public static PreparedSeries of(double[] series, Windowing windowing, double trainFraction) {
    Objects.requireNonNull(series, "series");
    double[][] column = new double[series.length][];
    for (int t = 0; t < series.length; t++) {
      column[t] = new double[] {series[t]};
    }
    return of(column, windowing, trainFraction);
  }

  /**
   * Splits, scales and windows {@code series} {@code [T][K]}.
   *
   * @param trainFraction the share of the series' points in the training part, in (0, 1)
   * @throws InvalidInputException if the series is not finite, a column of the training part is
   *     constant, or either part is too short for one window
   */
  public static PreparedSeries of(double[][] series, Windowing windowing, double trainFraction) {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(windowing, "windowing");
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new InvalidInputException("train fraction must be in (0, 1), got " + trainFraction);
    }
    int n = series.length;
    int trainEnd = (int) Math.round(n * trainFraction);
    int span = windowing.lookback() + windowing.offset() + 1;
    if (windowing.count(trainEnd) < 1 || trainEnd >= n) {
      throw new InvalidInputException(
          "a series of "
              + n
              + " points is too short: with lookback "
              + windowing.lookback()
              + " and offset "
              + windowing.offset()
              + " a window spans "
              + span
              + " points, and the training part ("
              + trainEnd
              + " points) needs at least "
              + (span + 1)
              + " and the validation part ("
              + (n - trainEnd)
              + ") at least 1; use a"
              + " longer series or a shorter lookback/offset");
    }
    FlatArrays.requireBox("series", series, n, series[0].length);
    FlatArrays.requireFinite("series", series);
    SeriesScaler scaler = SeriesScaler.fit(series, 0, trainEnd);
    return new PreparedSeries(FlatArrays.copy(series), scaler, windowing, trainEnd);
  }

  /** The series as given, {@code [T][K]}. */
  public double[][] raw() {
    return FlatArrays.copy(raw);
  }

  /** The whole series scaled by {@link #scaler()}, {@code [T][K]}. */
  public double[][] scaled() {
    return FlatArrays.copy(scaled);
  }

  public SeriesScaler scaler() {
    return scaler;
  }

  public Windowing windowing() {
    return windowing;
  }

  /** The first index of the validation part; the training part is {@code [0, trainEnd)}. */
  public int trainEnd() {
    return trainEnd;
  }

  /** Windows whose targets lie in the training part, in time order. */
  public Dataset train() {
    return train;
  }

  /** Windows whose targets lie in the validation part, in time order. */
  public Dataset validation() {
    return validation;
  }

  /**
   * The scaled stretch of the series the validation windows read, from the first validation
   * window's first input to the end, {@code [T][K]}: where histories for a generalized IRF on
   * held-out data come from.
   */
  public double[][] validationStretch() {
    int from = windowing.count(trainEnd);
    return FlatArrays.copy(Arrays.copyOfRange(scaled, from, scaled.length));
  }

  @Override
  public String toString() {
    return "PreparedSeries[n="
        + raw.length
        + ", K="
        + scaler.dimension()
        + ", trainEnd="
        + trainEnd
        + ", "
        + windowing
        + ", train="
        + train.size()
        + ", validation="
        + validation.size()
        + ", scaler="
        + scaler
        + "]";
  }
}
