package io.lstmirf.experiment.sweep;

import io.lstmirf.irf.metrics.ResponseMetrics;
import java.util.Arrays;
import java.util.Objects;

/**
 * One response series, the model's single output over the horizon, with its memory metrics.
 *
 * @param values {@code [N]}
 * @param metrics the metrics of {@code values}
 */
public record ResponseCurve(double[] values, ResponseMetrics metrics) {

  public ResponseCurve {
    values = values.clone();
    Objects.requireNonNull(metrics, "metrics");
  }

  /** The curve of {@code values} with freshly computed metrics. */
  public static ResponseCurve of(double[] values) {
    return new ResponseCurve(values, ResponseMetrics.of(0, values));
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResponseCurve c
        && Arrays.equals(c.values, values)
        && c.metrics.equals(metrics);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(values) + metrics.hashCode();
  }

  @Override
  public String toString() {
    return "ResponseCurve[N=" + values.length + ", " + metrics + "]";
  }
}
