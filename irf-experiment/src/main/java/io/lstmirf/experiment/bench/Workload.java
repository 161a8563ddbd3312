package io.lstmirf.experiment.bench;

import java.util.function.Supplier;

/**
 * Something the bench times on one backend, prepared beforehand so that a round times only the
 * work: each run returns its own {@link Timing} per timed unit, which leaves preparation (fresh
 * weights for a training epoch, a fresh session) outside the clock.
 *
 * @param name what it is reported under
 * @param shape its shape, for people
 * @param flops floating-point operations per timed unit
 * @param run runs it once and returns its timing per timed unit
 */
record Workload(String name, String shape, double flops, Supplier<Timing> run) {

  /** Runs it once; its timing per timed unit. */
  Timing time() {
    return run.get();
  }
}
