package io.lstmirf.experiment.bench;

import io.lstmirf.irf.Quantiles;

/**
 * One timed workload of one backend: the seconds of every round and the arithmetic it does.
 *
 * @param name what was timed ({@code step}, {@code sequence}, {@code gemm-step}, ...)
 * @param shape its shape, for people
 * @param flops floating-point operations per timed unit (a step, a pass, a product), counting the
 *     LSTM's matrix products only (the gates' elementwise work is small beside them)
 * @param seconds wall-clock seconds per timed unit, one per round, in round order
 * @param cpuSeconds the measuring thread's CPU seconds per timed unit, one per round (see {@link
 *     Timing}); NaN where the JVM cannot tell
 */
public record Measurement(
    String name, String shape, double flops, double[] seconds, double[] cpuSeconds) {

  public Measurement {
    seconds = seconds.clone();
    cpuSeconds = cpuSeconds.clone();
  }

  /** The median CPU seconds over rounds. */
  public double medianCpu() {
    return Quantiles.of(cpuSeconds, 0.5);
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

  @Override
  public double[] cpuSeconds() {
    return cpuSeconds.clone();
  }
}
