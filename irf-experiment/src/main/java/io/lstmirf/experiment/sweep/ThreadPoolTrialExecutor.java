package io.lstmirf.experiment.sweep;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmIrfException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The built-in {@link TrialExecutor}: trials on a fixed number of threads in this process, each
 * with its own model. After a failure it starts no more trials (here a failure is most likely the
 * engine's, and would repeat) but lets the running ones finish and be recorded.
 */
public final class ThreadPoolTrialExecutor implements TrialExecutor {
  private final int threads;

  /**
   * @param threads trials at once, at least 1
   * @throws InvalidInputException if {@code threads} is less than 1
   */
  public ThreadPoolTrialExecutor(int threads) {
    if (threads < 1) {
      throw new InvalidInputException("--parallel must be at least 1, got " + threads);
    }
    this.threads = threads;
  }

  @Override
  public int parallelism() {
    return threads;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "%d thread%s", threads, threads == 1 ? "" : "s");
  }

  @Override
  public void run(TrialBatch batch, List<TrialKey> trials, TrialListener listener) {
    AtomicBoolean failed = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(threads, trialThreads());
    try {
      for (TrialKey key : trials) {
        pool.execute(
            () -> {
              if (failed.get()) {
                return; // a trial failed: start no more, let the running ones finish and record
              }
              try {
                listener.started(key);
                listener.finished(
                    batch
                        .work()
                        .run(
                            batch.backend(key),
                            key,
                            (report, model) -> listener.epoch(key, report)));
              } catch (RuntimeException | Error e) {
                failed.set(true);
                listener.failed(key, e);
              }
            });
      }
    } finally {
      pool.shutdown();
      awaitQuietly(pool);
    }
  }

  @Override
  public void close() {
    // each run's threads end with it
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
        // trials can take long; keep waiting
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
      throw new LstmIrfException("sweep interrupted; finished trials are recorded", e);
    }
  }

  private static ThreadFactory trialThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "sweep-trial-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
