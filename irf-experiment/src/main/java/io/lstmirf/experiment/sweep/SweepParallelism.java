package io.lstmirf.experiment.sweep;

import io.lstmirf.api.EngineSettings;

/**
 * How many trials a sweep runs at once unless told: as many as the cores hold without
 * oversubscribing them, {@code cores / engine threads} (each trial's engine computes on its
 * intra-op threads, {@link EngineSettings#threads()}, 1 by default), and no more than the Java heap
 * holds at {@link #HEAP_PER_TRIAL} each; at least 1.
 */
public final class SweepParallelism {
  /**
   * Java heap allowed per concurrent trial: a trial of the default sweep keeps its windows, results
   * and the generalized IRF's 500 histories, well under this; engines' native memory comes on top
   * and is not counted against the heap.
   */
  public static final long HEAP_PER_TRIAL = 512L << 20;

  private SweepParallelism() {}

  /** The default for this JVM: its processors, the engines' threads and its maximum heap. */
  public static int current() {
    return of(
        Runtime.getRuntime().availableProcessors(),
        EngineSettings.threads(),
        Runtime.getRuntime().maxMemory());
  }

  /** The rule: {@code max(1, min(cores / engineThreads, maxHeap / HEAP_PER_TRIAL))}. */
  public static int of(int cores, int engineThreads, long maxHeapBytes) {
    long byCores = cores / Math.max(1, engineThreads);
    long byHeap = maxHeapBytes / HEAP_PER_TRIAL;
    return (int) Math.max(1, Math.min(byCores, byHeap));
  }
}
