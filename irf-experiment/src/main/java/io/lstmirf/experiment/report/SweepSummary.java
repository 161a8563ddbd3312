package io.lstmirf.experiment.report;

import io.lstmirf.experiment.sweep.BiasSetting;
import io.lstmirf.experiment.sweep.SweepConfig;
import io.lstmirf.experiment.sweep.TrialResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.ToDoubleFunction;

/**
 * The per-backend, per-setting table of a sweep ({@link SummaryRow}), and summary.csv: one row per
 * backend and setting, a mean and standard-deviation column per quantity, empty cells where a value
 * does not exist (a standard deviation of one seed, a half-life no seed reached).
 */
public final class SweepSummary {
  private SweepSummary() {}

  /** One row per backend and setting of {@code config} that has results, in config order. */
  public static List<SummaryRow> rows(SweepConfig config, List<TrialResult> results) {
    List<SummaryRow> rows = new ArrayList<>();
    for (String backend : config.backends()) {
      for (BiasSetting setting : config.settings()) {
        List<TrialResult> arm =
            results.stream()
                .filter(r -> r.key().backend().equals(backend) && r.key().setting().equals(setting))
                .toList();
        if (!arm.isEmpty()) {
          rows.add(row(backend, setting, arm));
        }
      }
    }
    return rows;
  }

  static SummaryRow row(String backend, BiasSetting setting, List<TrialResult> arm) {
    return new SummaryRow(
        backend,
        setting,
        arm.size(),
        spread(arm, r -> lags(r.irf().metrics().halfLife())),
        spread(arm, r -> lags(r.irf().metrics().halfLifeFromPeak())),
        spread(arm, r -> r.irf().metrics().contributionRatio()),
        spread(arm, r -> r.irf().metrics().oscillationFrequency()),
        spread(arm, r -> lags(r.girf().mean().metrics().halfLifeFromPeak())),
        spread(arm, r -> r.training().finalValidationLoss()),
        spread(arm, r -> r.gates().meanForget()),
        spread(arm, r -> r.gates().timeConstant()),
        spread(arm, r -> r.gates().halfLife()),
        spread(arm, r -> r.gates().trainedForgetBias()),
        spread(arm, r -> r.training().seconds()),
        spread(arm, r -> r.training().cpuSeconds()));
  }

  /** A lag count, or NaN when not reached (left out of means). */
  static double lags(OptionalInt v) {
    return v.isPresent() ? v.getAsInt() : Double.NaN;
  }

  private static Spread spread(List<TrialResult> arm, ToDoubleFunction<TrialResult> f) {
    return Spread.of(arm.stream().mapToDouble(f).toArray());
  }

  /** The CSV header and one line per row. */
  public static String csv(List<SummaryRow> rows) {
    StringBuilder s =
        new StringBuilder(
            "backend,setting,bias,seeds,"
                + "half_life_mean,half_life_sd,half_life_reached,"
                + "half_life_from_peak_mean,half_life_from_peak_sd,half_life_from_peak_reached,"
                + "contribution_ratio_mean,contribution_ratio_sd,oscillation_mean,oscillation_sd,"
                + "girf_half_life_from_peak_mean,girf_half_life_from_peak_sd,girf_half_life_reached,"
                + "validation_loss_mean,validation_loss_sd,mean_forget_mean,mean_forget_sd,"
                + "tau_mean,tau_sd,gate_half_life_mean,gate_half_life_sd,"
                + "trained_forget_bias_mean,trained_forget_bias_sd,"
                + "training_seconds_mean,training_seconds_sd,"
                + "training_cpu_seconds_mean,training_cpu_seconds_sd\n");
    for (SummaryRow r : rows) {
      s.append(r.backend())
          .append(',')
          .append(r.setting().label())
          .append(',')
          .append(
              r.setting().sweptValue().isPresent()
                  ? number(r.setting().sweptValue().getAsDouble())
                  : "")
          .append(',')
          .append(r.seeds());
      reached(s, r.halfLife());
      reached(s, r.halfLifeFromPeak());
      pair(s, r.contributionRatio());
      pair(s, r.oscillation());
      reached(s, r.girfHalfLife());
      pair(s, r.validationLoss());
      pair(s, r.meanForget());
      pair(s, r.timeConstant());
      pair(s, r.gateHalfLife());
      pair(s, r.trainedForgetBias());
      pair(s, r.trainingSeconds());
      pair(s, r.trainingCpuSeconds());
      s.append('\n');
    }
    return s.toString();
  }

  private static void pair(StringBuilder s, Spread v) {
    s.append(',').append(number(v.mean())).append(',').append(number(v.sd()));
  }

  private static void reached(StringBuilder s, Spread v) {
    pair(s, v);
    s.append(',').append(v.n());
  }

  /** Six significant digits; empty for NaN or infinity. */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return "";
    }
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
