package io.lstmirf.experiment.sweep;

import io.lstmirf.api.train.EpochReport;
import java.util.List;

/**
 * What a running sweep reports. Calls may come from several trial threads at once; implementations
 * must be thread-safe.
 */
public interface SweepProgress {

  /** Before the first trial: {@code done} trials were already recorded, {@code pending} run now. */
  void started(int done, List<TrialKey> pending);

  /** When a trial starts training. */
  void trialStarted(TrialKey key);

  /** After every epoch of a running trial. */
  void epoch(TrialKey key, EpochReport report);

  /** After a trial has been recorded. */
  void finished(TrialResult result);

  /** Reports nothing. */
  static SweepProgress none() {
    return new SweepProgress() {
      @Override
      public void started(int done, List<TrialKey> pending) {}

      @Override
      public void trialStarted(TrialKey key) {}

      @Override
      public void epoch(TrialKey key, EpochReport report) {}

      @Override
      public void finished(TrialResult result) {}
    };
  }
}
