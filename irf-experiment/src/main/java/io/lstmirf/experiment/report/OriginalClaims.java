package io.lstmirf.experiment.report;

import io.lstmirf.experiment.report.ClaimCheck.Verdict;
import io.lstmirf.experiment.sweep.ExperimentSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The original article's published results, and how a sweep's measurements compare with each. The
 * tests are deliberately simple and stated in the verdict text: a claimed number holds when the
 * measured mean lies within two standard deviations across seeds or 15% of the claim, whichever is
 * wider; a claimed range holds for a backend when every fixed arm's mean lies in it.
 */
public final class OriginalClaims {
  /** The article's half-lives, steps, by forget bias. */
  public static final Map<Double, Double> HALF_LIVES =
      Map.of(0.5, 45.0, 1.0, 32.0, 1.5, 28.0, 2.0, 22.0);

  /** The article's range of contribution ratios. */
  public static final double CONTRIBUTION_LOW = 0.123;

  public static final double CONTRIBUTION_HIGH = 0.389;

  /** The article's range of oscillation frequencies. */
  public static final double OSCILLATION_LOW = 0.08;

  public static final double OSCILLATION_HIGH = 0.22;

  /** The article's best forget bias. */
  public static final double OPTIMUM = 1.0;

  /** The article's error reduction from the adaptive rule, percent. */
  public static final double ADAPTIVE_LOW = 12;

  public static final double ADAPTIVE_HIGH = 18;

  /** How far a measured number may lie from a claimed one and still count as agreeing. */
  static final double RELATIVE_TOLERANCE = 0.15;

  /**
   * The fewest seeds per arm to judge a claim by: with fewer, the spread the tests lean on is
   * undefined (one seed) or rests on a single difference (two).
   */
  public static final int MIN_SEEDS = 3;

  /**
   * The fewest epochs to judge a claim by, as a share of the original's: models trained much less
   * than the article's have not settled into what the article measured.
   */
  public static final double MIN_EPOCH_SHARE = 0.5;

  private OriginalClaims() {}

  /**
   * Every claim, checked against the summary rows and adaptive comparisons of a sweep whose models
   * trained {@code epochs} epochs; every verdict is {@link Verdict#INCONCLUSIVE} when {@link
   * #tooSmall} finds the run too small to judge by.
   */
  public static List<ClaimCheck> check(
      List<SummaryRow> rows, List<AdaptiveComparison> adaptive, int horizon, int epochs) {
    List<ClaimCheck> checks = measure(rows, adaptive, horizon);
    return tooSmall(fewestSeeds(rows), epochs).isEmpty()
        ? checks
        : checks.stream().map(ClaimCheck::inconclusive).toList();
  }

  /**
   * Why a run of {@code seeds} seeds per arm (the fewest of any arm) and {@code epochs} epochs is
   * too small to judge the claims by: fewer than {@link #MIN_SEEDS} seeds, or fewer epochs than
   * {@link #MIN_EPOCH_SHARE} of the original experiment's. Empty when it is large enough.
   */
  public static List<String> tooSmall(int seeds, int epochs) {
    int original = ExperimentSpec.original().epochs();
    int least = (int) Math.ceil(MIN_EPOCH_SHARE * original);
    List<String> out = new ArrayList<>();
    if (seeds < MIN_SEEDS) {
      out.add(
          seeds
              + (seeds == 1 ? " seed" : " seeds")
              + " per arm, fewer than "
              + MIN_SEEDS
              + ": too few for a spread to judge a difference by");
    }
    if (epochs < least) {
      out.add(
          epochs
              + (epochs == 1 ? " epoch" : " epochs")
              + ", fewer than "
              + least
              + " (half the original's "
              + original
              + "): the models are not trained as the"
              + " article's were");
    }
    return out;
  }

  /**
   * The fewest seeds of any arm recorded, the adaptive arm included; {@link #MIN_SEEDS} when there
   * is none.
   */
  public static int fewestSeeds(List<SummaryRow> rows) {
    return rows.stream().mapToInt(SummaryRow::seeds).min().orElse(MIN_SEEDS);
  }

  /** Every claim as the numbers have it, however small the run. */
  static List<ClaimCheck> measure(
      List<SummaryRow> rows, List<AdaptiveComparison> adaptive, int horizon) {
    Map<String, List<SummaryRow>> fixed = fixedArms(rows);
    List<ClaimCheck> out = new ArrayList<>();
    out.add(halfLives(fixed));
    out.add(direction(fixed, horizon));
    out.add(
        range(
            "Contribution ratios (energy in the last 20 lags) between 12.3% and 38.9%",
            fixed, CONTRIBUTION_LOW, CONTRIBUTION_HIGH, true, SummaryRow::contributionRatio));
    out.add(
        range(
            "Oscillation frequencies between 0.08 and 0.22",
            fixed,
            OSCILLATION_LOW,
            OSCILLATION_HIGH,
            false,
            SummaryRow::oscillation));
    out.add(optimum(fixed));
    out.add(adaptive(adaptive));
    return out;
  }

  /** The fixed arms of each backend, in bias order. */
  static Map<String, List<SummaryRow>> fixedArms(List<SummaryRow> rows) {
    Map<String, List<SummaryRow>> out = new LinkedHashMap<>();
    for (SummaryRow r : rows) {
      if (r.setting().sweptValue().isPresent()) {
        out.computeIfAbsent(r.backend(), b -> new ArrayList<>()).add(r);
      }
    }
    out.values().forEach(l -> l.sort((a, b) -> Double.compare(bias(a), bias(b))));
    return out;
  }

  static double bias(SummaryRow r) {
    return r.setting().sweptValue().orElseThrow();
  }

  /** Whether a measured spread supports a claimed number (see the class comment). */
  static boolean matches(Spread measured, double claimed) {
    if (measured.isEmpty()) {
      return false;
    }
    double sd = Double.isNaN(measured.sd()) ? 0 : measured.sd();
    return Math.abs(measured.mean() - claimed) <= Math.max(2 * sd, RELATIVE_TOLERANCE * claimed);
  }

  private static ClaimCheck halfLives(Map<String, List<SummaryRow>> fixed) {
    String claim = "Half-lives of 45, 32, 28 and 22 steps for b_f = 0.5, 1.0, 1.5 and 2.0";
    List<String> parts = new ArrayList<>();
    Set<String> matched = new TreeSet<>();
    Set<String> missed = new TreeSet<>();
    int holding = 0;
    int n = 0;
    for (var e : fixed.entrySet()) {
      List<String> values = new ArrayList<>();
      for (SummaryRow r : e.getValue()) {
        Double claimed = HALF_LIVES.get(bias(r));
        if (claimed == null) {
          continue;
        }
        n++;
        if (matches(r.halfLife(), claimed)) {
          holding++;
          matched.add(num(bias(r)));
        } else {
          missed.add(num(bias(r)));
        }
        values.add(halfLife(r));
      }
      if (!values.isEmpty()) {
        parts.add(e.getKey() + ": " + String.join(", ", values));
      }
    }
    String where =
        matched.isEmpty()
            ? "none"
            : "b_f = "
                + String.join(", ", matched)
                + (missed.isEmpty() ? "" : "; not at b_f = " + String.join(", ", missed));
    return new ClaimCheck(
        claim,
        n == 0
            ? "no arm at b_f = 0.5, 1.0, 1.5 or 2.0"
            : String.join("; ", parts)
                + " ("
                + holding
                + " of "
                + n
                + " within 2 sd or 15% of the"
                + " claim: "
                + where
                + ")",
        Verdict.of(holding, n));
  }

  /** "45 ± 3 (3/3)" style: mean ± sd over the seeds that reached a half-life. */
  static String halfLife(SummaryRow r) {
    Spread h = r.halfLife();
    if (h.isEmpty()) {
      return "not reached";
    }
    return h.format("%.1f")
        + (h.n() < r.seeds() ? " (reached in " + h.n() + " of " + r.seeds() + " seeds)" : "");
  }

  private static ClaimCheck direction(Map<String, List<SummaryRow>> fixed, int horizon) {
    String claim = "Memory shrinks as b_f grows (the half-life falls from 45 to 22 steps)";
    List<String> parts = new ArrayList<>();
    int shrinking = 0;
    int n = 0;
    for (var e : fixed.entrySet()) {
      List<SummaryRow> arms = e.getValue();
      if (arms.size() < 2) {
        continue;
      }
      SummaryRow lo = arms.get(0);
      SummaryRow hi = arms.get(arms.size() - 1);
      double a = censoredHalfLife(lo, horizon);
      double b = censoredHalfLife(hi, horizon);
      String trend = b < a ? "shrinks" : b > a ? "grows" : "does not change";
      n++;
      if (b < a) {
        shrinking++;
      }
      parts.add(
          String.format(
              Locale.ROOT,
              "%s: IRF half-life %s from %.1f at b_f = %s to %.1f"
                  + " at b_f = %s; forget-gate half-life %.2f to %.2f",
              e.getKey(),
              trend,
              a,
              num(bias(lo)),
              b,
              num(bias(hi)),
              lo.gateHalfLife().mean(),
              hi.gateHalfLife().mean()));
    }
    return new ClaimCheck(
        claim,
        n == 0
            ? "fewer than two fixed biases"
            : String.join("; ", parts)
                + " (a half-life not reached counts as "
                + horizon
                + ", the horizon)",
        Verdict.of(shrinking, n));
  }

  /** The mean half-life with seeds that never reached it counted at the horizon. */
  static double censoredHalfLife(SummaryRow r, int horizon) {
    Spread h = r.halfLife();
    double reached = h.isEmpty() ? 0 : h.mean() * h.n();
    return (reached + (double) horizon * (r.seeds() - h.n())) / r.seeds();
  }

  private static ClaimCheck range(
      String claim,
      Map<String, List<SummaryRow>> fixed,
      double low,
      double high,
      boolean percent,
      java.util.function.Function<SummaryRow, Spread> metric) {
    List<String> parts = new ArrayList<>();
    int holding = 0;
    for (var e : fixed.entrySet()) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      boolean inside = true;
      for (SummaryRow r : e.getValue()) {
        double m = metric.apply(r).mean();
        min = Math.min(min, m);
        max = Math.max(max, m);
        inside &= m >= low && m <= high;
      }
      if (inside) {
        holding++;
      }
      parts.add(
          e.getKey()
              + ": "
              + (percent
                  ? pct(min) + " to " + pct(max)
                  : String.format(Locale.ROOT, "%.3f to %.3f", min, max)));
    }
    return new ClaimCheck(
        claim,
        fixed.isEmpty()
            ? "no fixed arms"
            : "means over seeds, lowest" + " to highest across biases: " + String.join("; ", parts),
        Verdict.of(holding, fixed.size()));
  }

  private static ClaimCheck optimum(Map<String, List<SummaryRow>> fixed) {
    String claim = "The lowest error at b_f = 1.0";
    List<String> parts = new ArrayList<>();
    int holding = 0;
    int n = 0;
    for (var e : fixed.entrySet()) {
      Optional<SummaryRow> at1 = e.getValue().stream().filter(r -> bias(r) == OPTIMUM).findFirst();
      if (at1.isEmpty() || e.getValue().size() < 2) {
        continue;
      }
      n++;
      SummaryRow best =
          e.getValue().stream()
              .min((a, b) -> Double.compare(a.validationLoss().mean(), b.validationLoss().mean()))
              .orElseThrow();
      if (bias(best) == OPTIMUM) {
        holding++;
      }
      Spread b = best.validationLoss();
      Spread one = at1.get().validationLoss();
      double sd = Double.isNaN(b.sd()) ? 0 : b.sd();
      String distinct = Math.abs(one.mean() - b.mean()) > 2 * sd ? "more than" : "within";
      parts.add(
          String.format(
              Locale.ROOT,
              "%s: lowest mean validation MSE %.3g at b_f = %s;"
                  + " at 1.0 %.3g (%s two sd of the best)",
              e.getKey(),
              b.mean(),
              num(bias(best)),
              one.mean(),
              distinct));
    }
    return new ClaimCheck(
        claim,
        n == 0
            ? "b_f = 1.0 and another fixed bias were not both in" + " the sweep"
            : String.join("; ", parts),
        Verdict.of(holding, n));
  }

  private static ClaimCheck adaptive(List<AdaptiveComparison> adaptive) {
    String claim = "The adaptive rule lowers the error by 12-18%";
    if (adaptive.isEmpty()) {
      return new ClaimCheck(claim, "not run (use --adaptive)", Verdict.NOT_MEASURED);
    }
    List<String> parts = new ArrayList<>();
    int holding = 0;
    Set<String> notes = new LinkedHashSet<>();
    for (AdaptiveComparison c : adaptive) {
      double r = c.reductionVsStart().isEmpty() ? c.reductionVsBest() : c.reductionVsStart().mean();
      if (r >= ADAPTIVE_LOW && r <= ADAPTIVE_HIGH) {
        holding++;
      }
      parts.add(
          String.format(
              Locale.ROOT,
              "%s: error %s fixed b_f = %s (reduction paired by"
                  + " seed: %s), %s the best fixed arm%s; the rule moved the bias in %d epoch(s)",
              c.backend(),
              change(r),
              num(c.start()),
              c.reductionVsStart().format("%.1f%%"),
              change(c.reductionVsBest()),
              c.bestFixed().map(s -> " (b_f = " + s.label() + ")").orElse(""),
              c.moves()));
      if (c.moves() == 0) {
        notes.add(
            "the rule never fired: its thresholds (a loss gap of 0.1) are far above the"
                + " losses of a series scaled to [0, 1], so the adaptive arm trained exactly like"
                + " the fixed arm it started from");
      }
    }
    return new ClaimCheck(
        claim,
        String.join("; ", parts) + (notes.isEmpty() ? "" : ". Note: " + String.join("; ", notes)),
        Verdict.of(holding, adaptive.size()));
  }

  /** "12.3% lower than", "4.0% higher than" or "the same as", for a reduction in percent. */
  static String change(double reductionPercent) {
    if (Double.isNaN(reductionPercent)) {
      return "not comparable with";
    }
    if (reductionPercent == 0) {
      return "the same as";
    }
    return String.format(
        Locale.ROOT,
        "%.1f%% %s than",
        Math.abs(reductionPercent),
        reductionPercent > 0 ? "lower" : "higher");
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  static String num(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : String.valueOf(v);
  }
}
