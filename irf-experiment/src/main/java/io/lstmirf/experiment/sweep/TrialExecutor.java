package io.lstmirf.experiment.sweep;

import java.util.List;

/**
 * Where a sweep's trials run: the built-in {@link ThreadPoolTrialExecutor} in this process, or an
 * executor a {@link TrialExecutorProvider} on the class path opens (a Spark cluster, say). The
 * {@link Sweep} keeps the output directory, so an executor only runs trials and hands each result
 * back; whatever runs a trial must give the numbers the thread pool gives for the same key.
 */
public interface TrialExecutor extends AutoCloseable {

  /** How many trials run at once, for the progress bar's estimate; at least 1. */
  int parallelism();

  /** Where trials run, for the first progress line: {@code 2 threads}, {@code Spark local[2]}. */
  String describe();

  /**
   * Runs {@code trials} of {@code batch} and returns when each has finished or failed. Every result
   * goes to {@link TrialListener#finished} as it comes back, and every trial that cannot be
   * finished to {@link TrialListener#failed}; a trial is never dropped without one of the two. The
   * listener may be called from several threads at once.
   */
  void run(TrialBatch batch, List<TrialKey> trials, TrialListener listener);

  /** Releases what the executor holds (threads, a cluster connection); idempotent. */
  @Override
  void close();
}
