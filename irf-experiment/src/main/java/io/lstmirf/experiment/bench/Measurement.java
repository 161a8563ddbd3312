package io.lstmirf.experiment.bench;

import io.lstmirf.irf.Quantiles;

/**
 * One timed workload of one backend: the seconds of every round and the arithmetic it does.
 *
 * @param name what was timed ({@code step}, {@code sequence}, {@code gemm-step}, ...)
 * @param shape its shape, for people
 * @param flops floating-point operations per timed unit (a step, a pass, a product), counting
 *     the LSTM's matrix products only (the gates' elementwise work is small beside them)
 * @param seconds seconds per timed unit, one per round, in round order
 */
public record Measurement(String name, String shape, double flops, double[] seconds) {

  public Measurement {
    seconds = seconds.clone();
  }

  /** The median over rounds. */
  public double median() {
    return Quantiles.of(seconds, 0.5);
  }

  /** The fastest round. */
  public double min() {
    return Quantiles.of(seconds, 0);
  }

  /** The slowest round. */
  public double max() {
    return Quantiles.of(seconds, 1);
  }

  /** Floating-point operations per second at the median. */
  public double flopsPerSecond() {
    return flops / median();
  }

  @Override
  public double[] seconds() {
    return seconds.clone();
  }
}
