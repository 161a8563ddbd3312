package io.lstmirf.experiment.report;

import io.lstmirf.api.Backends;
import io.lstmirf.experiment.sweep.SweepConfig;
import io.lstmirf.experiment.sweep.TrialKey;
import io.lstmirf.experiment.sweep.TrialResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-backend agreement: every backend's trials against the same trials on a baseline backend.
 * Trials of one setting and seed start from identical weights and see identical batches, so any
 * difference is the engines' arithmetic (float32 against float64, summation order) amplified by
 * training, not a difference in the experiment.
 */
public final class Agreement {
  private Agreement() {}

  /** The reference if the sweep ran it, else its first backend. */
  public static String baseline(SweepConfig config) {
    return config.backends().contains(Backends.REFERENCE)
        ? Backends.REFERENCE
        : config.backends().get(0);
  }

  /** One row per trial of another backend whose baseline trial exists. */
  public static List<AgreementRow> rows(SweepConfig config, List<TrialResult> results) {
    String base = baseline(config);
    Map<TrialKey, TrialResult> byKey = new LinkedHashMap<>();
    results.forEach(r -> byKey.put(r.key(), r));
    List<AgreementRow> rows = new ArrayList<>();
    for (TrialResult r : results) {
      TrialKey k = r.key();
      TrialResult b = byKey.get(new TrialKey(base, k.setting(), k.seed()));
      if (k.backend().equals(base) || b == null) {
        continue;
      }
      double[] x = r.irf().values();
      double[] y = b.irf().values();
      double diff = 0;
      double scale = 0;
      for (int j = 0; j < Math.min(x.length, y.length); j++) {
        diff = Math.max(diff, Math.abs(x[j] - y[j]));
        scale = Math.max(scale, Math.abs(y[j]));
      }
      double first =
          Math.abs(
              r.training().epochs().get(0).trainLoss() - b.training().epochs().get(0).trainLoss());
      double finalVal =
          (r.training().finalValidationLoss() - b.training().finalValidationLoss())
              / b.training().finalValidationLoss();
      rows.add(
          new AgreementRow(k.setting(), k.seed(), k.backend(), base, diff, scale, first, finalVal));
    }
    return rows;
  }

  /**
   * Per backend, the worst case over its rows.
   *
   * @param backend the backend compared
   * @param against the baseline
   * @param trials rows summarised
   * @param maxIrfDifference the largest IRF difference
   * @param maxRelativeIrfDifference the largest IRF difference relative to the baseline's peak
   * @param maxFirstEpochLossDifference the largest first-epoch training-loss difference
   * @param maxFinalValidationLossDifference the largest relative final validation-loss difference,
   *     in absolute value
   */
  public record Worst(
      String backend,
      String against,
      int trials,
      double maxIrfDifference,
      double maxRelativeIrfDifference,
      double maxFirstEpochLossDifference,
      double maxFinalValidationLossDifference) {}

  /** The worst case of each backend, in the order the rows name them. */
  public static List<Worst> worst(List<AgreementRow> rows) {
    Map<String, List<AgreementRow>> byBackend = new LinkedHashMap<>();
    rows.forEach(r -> byBackend.computeIfAbsent(r.backend(), b -> new ArrayList<>()).add(r));
    List<Worst> out = new ArrayList<>();
    byBackend.forEach(
        (backend, list) ->
            out.add(
                new Worst(
                    backend,
                    list.get(0).against(),
                    list.size(),
                    list.stream().mapToDouble(AgreementRow::maxIrfDifference).max().orElse(0),
                    list.stream().mapToDouble(AgreementRow::relativeIrfDifference).max().orElse(0),
                    list.stream()
                        .mapToDouble(AgreementRow::firstEpochLossDifference)
                        .max()
                        .orElse(0),
                    list.stream()
                        .mapToDouble(r -> Math.abs(r.finalValidationLossDifference()))
                        .max()
                        .orElse(0))));
    return out;
  }
}
