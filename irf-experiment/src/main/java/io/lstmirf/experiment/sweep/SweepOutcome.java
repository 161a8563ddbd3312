package io.lstmirf.experiment.sweep;

import java.util.List;

/**
 * What a sweep run leaves: every trial of its plan, recorded now or earlier.
 *
 * @param config the sweep
 * @param results one per trial of the plan, in plan order
 * @param trained trials trained by this run
 * @param skipped trials found already recorded
 * @param wallSeconds wall time of this run's training and measuring
 */
public record SweepOutcome(
    SweepConfig config, List<TrialResult> results, int trained, int skipped, double wallSeconds) {

  public SweepOutcome {
    results = List.copyOf(results);
  }
}
