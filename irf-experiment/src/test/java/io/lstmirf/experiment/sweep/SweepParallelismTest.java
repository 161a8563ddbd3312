package io.lstmirf.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The default number of trials at once never oversubscribes the cores or the heap. */
class SweepParallelismTest {
  private static final long GIB = 1L << 30;

  @Test
  void oneTrialPerCoreWithOneEngineThread() {
    assertEquals(2, SweepParallelism.of(2, 1, 2 * GIB));
    assertEquals(16, SweepParallelism.of(16, 1, 64 * GIB));
  }

  @Test
  void engineThreadsShareTheCores() {
    assertEquals(4, SweepParallelism.of(16, 4, 64 * GIB));
    assertEquals(2, SweepParallelism.of(16, 6, 64 * GIB), "16 / 6 rounds down");
  }

  @Test
  void theHeapCapsIt() {
    assertEquals(4, SweepParallelism.of(16, 1, 2 * GIB), "512 MiB per trial");
  }

  @Test
  void neverBelowOne() {
    assertEquals(1, SweepParallelism.of(1, 4, 64 * GIB));
    assertEquals(1, SweepParallelism.of(8, 1, 100L << 20));
    assertTrue(SweepParallelism.current() >= 1);
  }
}
