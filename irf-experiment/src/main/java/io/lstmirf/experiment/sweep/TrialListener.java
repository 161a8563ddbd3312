package io.lstmirf.experiment.sweep;

import io.lstmirf.api.train.EpochReport;

/**
 * What a {@link TrialExecutor} tells the sweep while trials run. Implementations are thread-safe:
 * trials report from several threads at once.
 */
public interface TrialListener {

  /** A trial started (again, if an earlier attempt was lost). */
  void started(TrialKey key);

  /** A running trial finished an epoch; executors that cannot watch training never call it. */
  void epoch(TrialKey key, EpochReport report);

  /** A trial's result and model came back; both are recorded durably when this returns. */
  void finished(TrialOutcome outcome);

  /** A trial could not be finished (after any retries the executor makes). */
  void failed(TrialKey key, Throwable cause);
}
