package io.lstmirf.experiment.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * One timed run, per timed unit: wall-clock seconds, and the CPU seconds of the thread that ran it.
 * On a shared machine the wall clock also counts the time other processes held the core; the
 * thread's CPU time does not, so the two side by side tell the work from the wait. With one engine
 * thread (the default) every engine here computes on the calling thread; with more, the CPU time
 * misses the engine's pool threads.
 *
 * @param seconds wall-clock seconds per unit
 * @param cpuSeconds the calling thread's CPU seconds per unit; NaN where the JVM cannot tell
 */
record Timing(double seconds, double cpuSeconds) {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Starts both clocks. */
  static Stopwatch start() {
    return new Stopwatch(System.nanoTime(), threadCpuNanos());
  }

  private static long threadCpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
  }

  /** Both clocks' readings at a start. */
  record Stopwatch(long wallNanos, long cpuNanos) {
    /** The time since the start, divided by {@code units}. */
    Timing stop(long units) {
      long cpu = threadCpuNanos();
      double wall = (System.nanoTime() - wallNanos) / 1e9 / units;
      return new Timing(
          wall, cpu < 0 || cpuNanos < 0 ? Double.NaN : (cpu - cpuNanos) / 1e9 / units);
    }
  }
}
