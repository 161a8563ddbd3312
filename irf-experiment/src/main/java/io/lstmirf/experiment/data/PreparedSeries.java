package io.lstmirf.experiment.data;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.train.Dataset;
import java.util.Objects;

/**
 * A univariate series made ready for many-to-one forecasting: split chronologically, min-max
 * scaled with a scaler fitted on the training part only, and cut into {@link Windowing windows}.
 *
 * <p>The split is made on the series, at {@code trainEnd = round(n * trainFraction)}: a window
 * trains if its target lies before {@code trainEnd}, and validates otherwise. So no training
 * window sees a value at or after {@code trainEnd}, the scaler sees only {@code s[0..trainEnd)},
 * and every point of the validation part is the target of exactly one validation window.
 * Validation windows may read inputs from before {@code trainEnd}: those are history a forecaster
 * would have, not leaked future.
 */
public final class PreparedSeries {
  private final double[] raw;
  private final double[] scaled;
  private final MinMaxScaler scaler;
  private final Windowing windowing;
  private final int trainEnd;
  private final Dataset train;
  private final Dataset validation;

  private PreparedSeries(double[] raw, MinMaxScaler scaler, Windowing windowing, int trainEnd) {
    this.raw = raw;
    this.scaler = scaler;
    this.scaled = scaler.transform(raw);
    this.windowing = windowing;
    this.trainEnd = trainEnd;
    int trainWindows = windowing.count(trainEnd);
    this.train = windowing.windows(scaled, 0, trainWindows);
    this.validation = windowing.windows(scaled, trainWindows,
        windowing.count(raw.length) - trainWindows);
  }

  /**
   * Splits, scales and windows {@code series}.
   *
   * @param trainFraction the share of the series' points in the training part, in (0, 1)
   * @throws InvalidInputException if the series is not finite, the training part is constant,
   *     or either part is too short for one window
   */
  public static PreparedSeries of(double[] series, Windowing windowing, double trainFraction) {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(windowing, "windowing");
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new InvalidInputException("train fraction must be in (0, 1), got " + trainFraction);
    }
    int n = series.length;
    int trainEnd = (int) Math.round(n * trainFraction);
    int span = windowing.lookback() + windowing.offset() + 1;
    if (windowing.count(trainEnd) < 1 || trainEnd >= n) {
      throw new InvalidInputException("a series of " + n + " points is too short: with lookback "
          + windowing.lookback() + " and offset " + windowing.offset() + " a window spans "
          + span + " points, and the training part (" + trainEnd + " points) needs at least "
          + (span + 1) + " and the validation part (" + (n - trainEnd) + ") at least 1; use a"
          + " longer series or a shorter lookback/offset");
    }
    MinMaxScaler scaler = MinMaxScaler.fit(series, 0, trainEnd);
    return new PreparedSeries(series.clone(), scaler, windowing, trainEnd);
  }

  /** The series as given. */
  public double[] raw() {
    return raw.clone();
  }

  /** The whole series scaled by {@link #scaler()}. */
  public double[] scaled() {
    return scaled.clone();
  }

  public MinMaxScaler scaler() {
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
   * window's first input to the end, {@code [T][1]}: where histories for a generalized IRF on
   * held-out data come from.
   */
  public double[][] validationStretch() {
    int from = windowing.count(trainEnd);
    double[][] out = new double[scaled.length - from][1];
    for (int t = 0; t < out.length; t++) {
      out[t][0] = scaled[from + t];
    }
    return out;
  }

  @Override
  public String toString() {
    return "PreparedSeries[n=" + raw.length + ", trainEnd=" + trainEnd + ", " + windowing
        + ", train=" + train.size() + ", validation=" + validation.size() + ", scaler="
        + scaler + "]";
  }
}
