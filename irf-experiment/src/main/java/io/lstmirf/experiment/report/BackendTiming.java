package io.lstmirf.experiment.report;

import io.lstmirf.experiment.sweep.SweepConfig;
import io.lstmirf.experiment.sweep.TrialResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What one backend's share of a sweep cost.
 *
 * @param backend the backend
 * @param precision the precision it computed in
 * @param trials its trials
 * @param trainingSeconds wall time of training one model, across its trials
 * @param trainingCpuSeconds process CPU time while training one model (see TrainingRecord)
 * @param wallSeconds its trials' training and measuring, summed: the sweep's wall time for this
 *     backend when trials run one at a time
 */
public record BackendTiming(
    String backend,
    String precision,
    int trials,
    Spread trainingSeconds,
    Spread trainingCpuSeconds,
    double wallSeconds) {

  /** One per backend with results, in config order. */
  public static List<BackendTiming> of(SweepConfig config, List<TrialResult> results) {
    List<BackendTiming> out = new ArrayList<>();
    for (String b : config.backends()) {
      List<TrialResult> mine = results.stream().filter(r -> r.key().backend().equals(b)).toList();
      if (mine.isEmpty()) {
        continue;
      }
      out.add(
          new BackendTiming(
              b,
              mine.get(0).precision(),
              mine.size(),
              Spread.of(mine.stream().mapToDouble(r -> r.training().seconds()).toArray()),
              Spread.of(mine.stream().mapToDouble(r -> r.training().cpuSeconds()).toArray()),
              mine.stream().mapToDouble(r -> r.training().seconds() + r.analysisSeconds()).sum()));
    }
    return out;
  }
}
