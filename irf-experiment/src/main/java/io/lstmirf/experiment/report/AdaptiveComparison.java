package io.lstmirf.experiment.report;

import io.lstmirf.experiment.sweep.BiasSetting;
import io.lstmirf.experiment.sweep.SweepConfig;
import io.lstmirf.experiment.sweep.TrialKey;
import io.lstmirf.experiment.sweep.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The adaptive arm against the fixed arms, per backend: its final validation error beside the fixed
 * arm it started from (paired seed by seed, since both start from identical weights) and beside the
 * best fixed arm.
 *
 * @param backend the backend
 * @param start the adaptive arm's starting bias
 * @param adaptiveLoss the adaptive arm's final validation loss across seeds
 * @param startLoss the fixed arm at {@code start}; empty when the sweep has no such arm
 * @param reductionVsStart per seed, {@code 100 (fixed - adaptive) / fixed}: positive when the rule
 *     lowered the error; empty without the fixed arm at {@code start}
 * @param bestFixed the fixed arm with the lowest mean validation loss, if any
 * @param bestFixedLoss its loss across seeds
 * @param reductionVsBest {@code 100 (best fixed mean - adaptive mean) / best fixed mean}
 * @param moves epochs, summed over seeds, in which the rule moved the bias
 */
public record AdaptiveComparison(
    String backend,
    double start,
    Spread adaptiveLoss,
    Spread startLoss,
    Spread reductionVsStart,
    Optional<BiasSetting> bestFixed,
    Spread bestFixedLoss,
    double reductionVsBest,
    int moves) {

  /** One comparison per backend with adaptive trials, in config order. */
  public static List<AdaptiveComparison> of(SweepConfig config, List<TrialResult> results) {
    List<AdaptiveComparison> out = new ArrayList<>();
    Map<TrialKey, TrialResult> byKey = new HashMap<>();
    results.forEach(r -> byKey.put(r.key(), r));
    for (String backend : config.backends()) {
      List<TrialResult> adaptive =
          results.stream()
              .filter(
                  r ->
                      r.key().backend().equals(backend)
                          && r.key().setting() instanceof BiasSetting.Adaptive)
              .toList();
      if (adaptive.isEmpty()) {
        continue;
      }
      double start = ((BiasSetting.Adaptive) adaptive.get(0).key().setting()).start();
      BiasSetting.Fixed startArm = new BiasSetting.Fixed(start);
      List<Double> a = new ArrayList<>();
      List<Double> f = new ArrayList<>();
      List<Double> reduction = new ArrayList<>();
      int moves = 0;
      for (TrialResult r : adaptive) {
        double loss = r.training().finalValidationLoss();
        a.add(loss);
        moves +=
            r.training().biasChanges()
                + (r.training().biasTrajectory().isEmpty()
                        || r.training().biasTrajectory().get(0) == start
                    ? 0
                    : 1);
        TrialResult fixed = byKey.get(new TrialKey(backend, startArm, r.key().seed()));
        if (fixed != null) {
          double fl = fixed.training().finalValidationLoss();
          f.add(fl);
          reduction.add(100 * (fl - loss) / fl);
        }
      }
      Optional<SummaryRow> best =
          SweepSummary.rows(config, results).stream()
              .filter(
                  row ->
                      row.backend().equals(backend)
                          && row.setting().sweptValue().isPresent()
                          && !row.validationLoss().isEmpty())
              .min(Comparator.comparingDouble(row -> row.validationLoss().mean()));
      Spread adaptiveLoss = spread(a);
      Spread bestLoss = best.map(SummaryRow::validationLoss).orElse(Spread.of());
      out.add(
          new AdaptiveComparison(
              backend,
              start,
              adaptiveLoss,
              spread(f),
              spread(reduction),
              best.map(SummaryRow::setting),
              bestLoss,
              100 * (bestLoss.mean() - adaptiveLoss.mean()) / bestLoss.mean(),
              moves));
    }
    return out;
  }

  private static Spread spread(List<Double> values) {
    return Spread.of(values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
