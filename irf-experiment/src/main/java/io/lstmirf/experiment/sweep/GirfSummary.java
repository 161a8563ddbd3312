package io.lstmirf.experiment.sweep;

import java.util.Arrays;
import java.util.Objects;

/**
 * A generalized IRF over held-out histories, reduced to what a sweep reports: the mean response
 * with its metrics, and the outer quantile band across histories.
 *
 * @param mean the mean response and its metrics
 * @param lower the lower quantile, lag by lag
 * @param upper the upper quantile, lag by lag
 * @param lowerLevel the lower quantile's level (0.05)
 * @param upperLevel the upper quantile's level (0.95)
 * @param histories how many histories were averaged
 */
public record GirfSummary(
    ResponseCurve mean,
    double[] lower,
    double[] upper,
    double lowerLevel,
    double upperLevel,
    int histories) {

  public GirfSummary {
    Objects.requireNonNull(mean, "mean");
    lower = lower.clone();
    upper = upper.clone();
  }

  @Override
  public double[] lower() {
    return lower.clone();
  }

  @Override
  public double[] upper() {
    return upper.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GirfSummary g
        && g.mean.equals(mean)
        && Arrays.equals(g.lower, lower)
        && Arrays.equals(g.upper, upper)
        && g.lowerLevel == lowerLevel
        && g.upperLevel == upperLevel
        && g.histories == histories;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        mean, Arrays.hashCode(lower), Arrays.hashCode(upper), lowerLevel, upperLevel, histories);
  }

  @Override
  public String toString() {
    return "GirfSummary[" + histories + " histories, " + mean + "]";
  }
}
