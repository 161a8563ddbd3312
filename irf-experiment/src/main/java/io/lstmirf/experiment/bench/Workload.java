package io.lstmirf.experiment.bench;

import java.util.function.DoubleSupplier;

/**
 * Something the bench times on one backend, prepared beforehand so that a round times only the
 * work: each run returns its own seconds per timed unit, which leaves preparation (fresh
 * weights for a training epoch, a fresh session) outside the clock.
 *
 * @param name what it is reported under
 * @param shape its shape, for people
 * @param flops floating-point operations per timed unit
 * @param run runs it once and returns the seconds per timed unit
 */
record Workload(String name, String shape, double flops, DoubleSupplier run) {

  /** Runs it once; seconds per timed unit. */
  double time() {
    return run.getAsDouble();
  }

  /** Seconds since {@code startNanos}. */
  static double since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
