package io.lstmirf.experiment.report;

import io.lstmirf.api.CellKind;
import io.lstmirf.experiment.sweep.AdaptiveForgetBias;
import io.lstmirf.experiment.sweep.BiasSetting;
import io.lstmirf.experiment.sweep.DataSource;
import io.lstmirf.experiment.sweep.ExperimentSpec;
import io.lstmirf.experiment.sweep.InitMode;
import io.lstmirf.experiment.sweep.SweepConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * report.html: one self-contained page (styles inline, images as data URIs) with the claims of the
 * original article beside the measurements, the tables, the plots, the adaptive rule, the
 * cross-backend agreement and the cost.
 */
final class HtmlReport {
  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;max-width:1180px;"
          + "margin:2em auto;padding:0 1em;color:#222;line-height:1.45}"
          + "table{border-collapse:collapse;margin:1em 0;font-size:0.88em}"
          + "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
          + "th{background:#f2f2f2}tr:nth-child(even) td{background:#fafafa}"
          + "figure{margin:1.5em 0}img{max-width:100%;border:1px solid #ddd}"
          + "figcaption{font-size:0.9em;color:#555}code{background:#f4f4f4;padding:1px 4px}"
          + ".caveat{background:#fff4d6;border-left:4px solid #e0a800;padding:8px 12px}";

  /**
   * Everything the page shows.
   *
   * @param tooSmall why the run is too small to judge the claims by; empty when it is not
   * @param pytorch PyTorch's time for the same training, when the directory holds one
   */
  record Content(
      SweepConfig config,
      List<SummaryRow> rows,
      List<ClaimCheck> claims,
      List<String> tooSmall,
      List<AdaptiveComparison> adaptive,
      List<AgreementRow> agreement,
      List<BackendTiming> timings,
      Optional<PyTorchTiming> pytorch,
      byte[] halfLifeChart,
      Map<String, byte[]> irfCharts,
      String generated,
      String machine) {}

  private HtmlReport() {}

  static String render(Content c) {
    Html h = new Html();
    CellKind cell = c.config().experiment().cellKind();
    h.raw(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>lstm-irf "
            + cell.memoryBiasName()
            + " sweep</title><style>"
            + STYLE
            + "</style></head><body>\n");
    h.heading(
        1,
        "What the "
            + cell.memoryBiasName()
            + " does: a sweep"
            + (cell == CellKind.LSTM ? "" : " of " + cell.id().toUpperCase(Locale.ROOT) + "s"));
    if (cell != CellKind.LSTM) {
      h.paragraph(
          "The memory gate here is the "
              + cell.memoryGate()
              + " and its bias "
              + cell.memoryBias()
              + "; the tables keep the LSTM's column names (b_f, mean f),"
              + " which read as "
              + cell.memoryBias()
              + " and mean z. The original article's claims"
              + " concern LSTMs and are not checked against this sweep.");
    }
    caveat(h, c);
    setup(h, c);
    if (cell == CellKind.LSTM) {
      claims(h, c);
    }
    h.heading(2, "Results by backend and bias (mean ± sd over seeds)");
    h.paragraph(
        "Half-lives in steps after the impulse; \"k/n\" counts the seeds whose response"
            + " fell below half of its start (or of its peak) within the horizon; the others are left"
            + " out of the mean. Validation MSE on the scaled series. Mean f is the memory gate ("
            + cell.memoryGate()
            + ") over the validation windows, tau = -1/ln f its time constant"
            + " and ln 0.5/ln f its half-life.");
    for (String backend : c.config().backends()) {
      summaryTable(h, backend, c.rows());
    }
    h.heading(2, "Plots");
    h.png(
        c.halfLifeChart(),
        "half-life-vs-bias.png: measured IRF half-life against "
            + cell.memoryBias()
            + " per backend, the half-life implied by the mean memory gate,"
            + (cell == CellKind.LSTM ? " the claims," : "")
            + " and an input-free cell.");
    c.irfCharts()
        .forEach(
            (backend, png) ->
                h.png(
                    png,
                    "irf-"
                        + backend
                        + ".png: the"
                        + " conditional impulse response per bias, mean over seeds, band from the lowest to the"
                        + " highest seed."));
    adaptive(h, c);
    agreement(h, c);
    timing(h, c);
    notes(h, c);
    h.raw("</body></html>\n");
    return h.toString();
  }

  /** The original article's claims beside this sweep's numbers (LSTM sweeps). */
  private static void claims(Html h, Content c) {
    h.heading(2, "The original article's claims against these measurements");
    int least =
        (int) Math.ceil(OriginalClaims.MIN_EPOCH_SHARE * ExperimentSpec.original().epochs());
    h.paragraph(
        "Each claim beside what this sweep measured, with a verdict computed from the"
            + " numbers: a claimed number holds when the measured mean lies within two standard"
            + " deviations across seeds or 15% of it, whichever is wider; a claimed range holds for"
            + " a backend when every fixed bias's mean lies inside it. A run with fewer than "
            + OriginalClaims.MIN_SEEDS
            + " seeds in any arm, or fewer than "
            + least
            + " epochs"
            + " (half the original's "
            + ExperimentSpec.original().epochs()
            + "), is too small to"
            + " judge by: its verdicts are \"inconclusive\", with the verdict its numbers point to"
            + " in brackets.");
    List<List<String>> t = new ArrayList<>();
    t.add(List.of("claim", "measured", "verdict"));
    c.claims().forEach(k -> t.add(List.of(k.claim(), k.measured(), k.label())));
    h.table(t);
    halfLifeTable(h, c);
  }

  /** The warning that the run is too small to judge the article by, when it is. */
  private static void caveat(Html h, Content c) {
    if (!c.tooSmall().isEmpty()) {
      h.caveat(
          "Too small to judge the article's claims: "
              + String.join("; ", c.tooSmall())
              + ". The numbers below describe this run only; every verdict is inconclusive.");
    }
  }

  private static void setup(Html h, Content c) {
    SweepConfig cfg = c.config();
    ExperimentSpec e = cfg.experiment();
    h.paragraph("Generated " + c.generated() + " on " + c.machine() + ".");
    h.raw("<p>Options: <code>" + Html.escape(cfg.options()) + "</code></p>\n");
    List<List<String>> t = new ArrayList<>();
    t.add(List.of("what", "setting"));
    t.add(List.of("data", cfg.data().describe()));
    t.add(
        List.of(
            "split and scaling",
            Math.round(100 * e.trainFraction())
                + "/"
                + Math.round(100 * (1 - e.trainFraction()))
                + " chronological split of the series;"
                + " min-max scaling fitted on the training part only"));
    t.add(
        List.of(
            "windows",
            "x = s[i .. i+"
                + (e.lookback() - 1)
                + "], y = s[i+"
                + (e.lookback() + e.offset())
                + "] (lookback "
                + e.lookback()
                + ", offset "
                + e.offset()
                + ")"));
    CellKind cell = e.cellKind();
    t.add(
        List.of(
            "model",
            cell.id().toUpperCase(Locale.ROOT)
                + "("
                + e.units()
                + ") + Dense(1),"
                + " Xavier weights; "
                + switch (cfg.init()) {
                  case FORGET ->
                      cell.memoryBiasName()
                          + " "
                          + cell.memoryBias()
                          + " as set, every other"
                          + " bias 0 (the "
                          + cell.memoryGate()
                          + " isolated)";
                  case ORIGINAL ->
                      "every bias of every gate set to b, as the original code did (its"
                          + " bug, reproduced deliberately: b also opens the input and output gates and"
                          + " shifts the candidate)";
                  case CHRONO ->
                      "chrono: "
                          + cell.memoryBias()
                          + " ~ log U[1, T-1]"
                          + (cell == CellKind.LSTM ? ", b_i = -b_f" : "")
                          + ", other biases 0, T = "
                          + e.dependencyRange();
                }));
    t.add(
        List.of(
            "training",
            "Adam (lr "
                + e.learningRate()
                + ", 0.9, 0.999, 1e-8), MSE on the"
                + " last step, batch "
                + e.batchSize()
                + ", "
                + e.epochs()
                + " epochs, batches shuffled"
                + " by the seed; each backend's own autograd and optimiser"));
    t.add(
        List.of(
            "seeds",
            cfg.seedList().toString()
                + ": a seed fixes the initial weights and"
                + " the batch order, identical on every backend and for every bias"));
    t.add(
        List.of(
            "impulse response",
            "unit impulse (size "
                + e.shockSize()
                + ") at t = "
                + e.shock().time()
                + " on a zero baseline from the zero state, "
                + e.horizon()
                + " lags; generalized IRF: the same impulse averaged over up to "
                + e.girfHistories()
                + " histories from the validation part"));
    h.table(t);
  }

  private static void halfLifeTable(Html h, Content c) {
    var fixed = OriginalClaims.fixedArms(c.rows());
    if (fixed.isEmpty()) {
      return;
    }
    h.heading(3, "Half-life by bias: claimed and measured");
    List<List<String>> t = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of("b_f", "claimed"));
    head.addAll(fixed.keySet());
    t.add(head);
    List<Double> biases = c.config().biases().stream().sorted().toList();
    for (double b : biases) {
      List<String> row = new ArrayList<>();
      row.add(OriginalClaims.num(b));
      Double claimed = OriginalClaims.HALF_LIVES.get(b);
      row.add(claimed == null ? "-" : String.format(Locale.ROOT, "%.0f", claimed));
      for (List<SummaryRow> arms : fixed.values()) {
        row.add(
            arms.stream()
                .filter(r -> OriginalClaims.bias(r) == b)
                .findFirst()
                .map(OriginalClaims::halfLife)
                .orElse("-"));
      }
      t.add(row);
    }
    h.table(t);
  }

  private static void summaryTable(Html h, String backend, List<SummaryRow> rows) {
    List<SummaryRow> mine = rows.stream().filter(r -> r.backend().equals(backend)).toList();
    if (mine.isEmpty()) {
      return;
    }
    h.heading(3, backend);
    List<List<String>> t = new ArrayList<>();
    t.add(
        List.of(
            "b_f",
            "seeds",
            "half-life",
            "from peak",
            "contribution ratio",
            "oscillation",
            "GIRF half-life (from peak)",
            "validation MSE",
            "mean f",
            "tau",
            "ln 0.5/ln f",
            "trained mean b_f",
            "training s"));
    for (SummaryRow r : mine) {
      t.add(
          List.of(
              r.setting().label(),
              String.valueOf(r.seeds()),
              reached(r.halfLife(), r),
              reached(r.halfLifeFromPeak(), r),
              r.contributionRatio().format("%.3f"),
              r.oscillation().format("%.3f"),
              reached(r.girfHalfLife(), r),
              r.validationLoss().format("%.3g"),
              r.meanForget().format("%.3f"),
              r.timeConstant().format("%.2f"),
              r.gateHalfLife().format("%.2f"),
              r.trainedForgetBias().format("%.2f"),
              r.trainingSeconds().format("%.1f")));
    }
    h.table(t);
  }

  private static String reached(Spread s, SummaryRow r) {
    return s.format("%.1f") + " (" + s.n() + "/" + r.seeds() + ")";
  }

  private static void adaptive(Html h, Content c) {
    if (c.adaptive().isEmpty()) {
      return;
    }
    h.heading(2, "The adaptive forget-bias rule");
    h.paragraph(
        "Once per epoch, gap = validation loss - training loss; gap > "
            + OriginalClaims.num(AdaptiveForgetBias.GAP)
            + " raises b_f by "
            + OriginalClaims.num(AdaptiveForgetBias.STEP)
            + " (at most "
            + OriginalClaims.num(AdaptiveForgetBias.MAX)
            + "), gap < -"
            + OriginalClaims.num(AdaptiveForgetBias.GAP)
            + " lowers it by "
            + OriginalClaims.num(AdaptiveForgetBias.STEP)
            + " (at least "
            + OriginalClaims.num(AdaptiveForgetBias.MIN)
            + "), through the live"
            + " model's setForgetBias. The adaptive arm starts from b_f = "
            + OriginalClaims.num(c.config().adaptiveStart())
            + " and the same weights as the fixed"
            + " arm at that value, so the two are compared seed by seed. Reductions are positive"
            + " when the rule lowered the validation error.");
    List<List<String>> t = new ArrayList<>();
    t.add(
        List.of(
            "backend",
            "adaptive validation MSE",
            "fixed at start",
            "reduction vs start" + " (paired)",
            "best fixed arm",
            "its MSE",
            "reduction vs best",
            "epochs the rule moved" + " b_f"));
    for (AdaptiveComparison a : c.adaptive()) {
      t.add(
          List.of(
              a.backend(),
              a.adaptiveLoss().format("%.3g"),
              a.startLoss().format("%.3g"),
              a.reductionVsStart().format("%.1f%%"),
              a.bestFixed().map(BiasSetting::label).orElse("-"),
              a.bestFixedLoss().format("%.3g"),
              String.format(Locale.ROOT, "%.1f%%", a.reductionVsBest()),
              String.valueOf(a.moves())));
    }
    h.table(t);
  }

  private static void agreement(Html h, Content c) {
    h.heading(2, "Cross-backend agreement");
    if (c.agreement().isEmpty()) {
      h.paragraph("Only one backend ran, so there is nothing to compare.");
      return;
    }
    String against = c.agreement().get(0).against();
    h.paragraph(
        "Every backend's trial against the same trial on "
            + against
            + ": identical"
            + " initial weights, identical batches in identical order. The first epoch's loss shows"
            + " whether the engines compute the same training step; the end of training shows how"
            + " far the engines drift apart over "
            + c.config().experiment().epochs()
            + " epochs ("
            + precisions(c)
            + "), which is expected of different precisions and summation orders"
            + " and is not an error of either engine.");
    List<List<String>> t = new ArrayList<>();
    t.add(
        List.of(
            "backend",
            "against",
            "trials",
            "largest |IRF difference|",
            "relative to the" + " IRF's peak",
            "largest first-epoch |loss difference|",
            "largest final validation" + " MSE difference"));
    for (Agreement.Worst w : Agreement.worst(c.agreement())) {
      t.add(
          List.of(
              w.backend(),
              w.against(),
              String.valueOf(w.trials()),
              sci(w.maxIrfDifference()),
              pct(w.maxRelativeIrfDifference()),
              sci(w.maxFirstEpochLossDifference()),
              pct(w.maxFinalValidationLossDifference())));
    }
    h.table(t);
    List<List<String>> d = new ArrayList<>();
    d.add(
        List.of(
            "b_f",
            "seed",
            "backend",
            "max |IRF difference|",
            "peak |IRF| of " + c.agreement().get(0).against(),
            "first-epoch |loss difference|",
            "final validation MSE difference"));
    for (AgreementRow r : c.agreement()) {
      d.add(
          List.of(
              r.setting().label(),
              String.valueOf(r.seed()),
              r.backend(),
              sci(r.maxIrfDifference()),
              sci(r.irfScale()),
              sci(r.firstEpochLossDifference()),
              String.format(Locale.ROOT, "%+.2f%%", 100 * r.finalValidationLossDifference())));
    }
    h.raw("<details><summary>Every trial</summary>\n");
    h.table(d);
    h.raw("</details>\n");
  }

  private static void timing(Html h, Content c) {
    h.heading(2, "Cost");
    h.paragraph(
        "Training time per model ("
            + c.config().experiment().epochs()
            + " epochs,"
            + " validation included) and each backend's total share of the sweep (training and"
            + " measuring, trials one after another). CPU time is the whole process's while a"
            + " model trained: it does not grow when other programs share the machine, but it is"
            + " one trial's alone only when trials run one at a time.");
    List<List<String>> t = new ArrayList<>();
    t.add(
        List.of(
            "backend",
            "precision",
            "trials",
            "training s per model (wall)",
            "training CPU s per model",
            "sweep wall time"));
    for (BackendTiming b : c.timings()) {
      t.add(
          List.of(
              b.backend(),
              b.precision(),
              String.valueOf(b.trials()),
              b.trainingSeconds().format("%.1f"),
              b.trainingCpuSeconds().format("%.1f"),
              String.format(Locale.ROOT, "%.0f s", b.wallSeconds())));
    }
    c.pytorch()
        .ifPresent(
            p ->
                t.add(
                    List.of(
                        "PyTorch " + p.torch() + " from Python (" + PyTorchTiming.FILE + ")",
                        "float32",
                        p.runs().size() + " run(s)",
                        p.wallSeconds().format("%.1f"),
                        p.cpuSeconds().format("%.1f"),
                        "-")));
    h.table(t);
    h.paragraph(
        c.pytorch()
            .map(p -> pytorch(p, c))
            .orElse(
                "No PyTorch"
                    + " timing in this directory, so no comparison with PyTorch. To add one, run"
                    + " OMP_NUM_THREADS=1 python3 docs/bench/pytorch-train-timing.py --json DIR/"
                    + PyTorchTiming.FILE
                    + " (DIR this sweep's directory; each run adds one timing) and"
                    + " then this sweep command again: it trains nothing and rewrites the reports."));
  }

  /** Where the PyTorch row comes from, and how its training compares with this sweep's. */
  private static String pytorch(PyTorchTiming p, Content c) {
    ExperimentSpec e = c.config().experiment();
    List<String> differences = p.differencesFrom(e);
    List<String> here =
        c.timings().stream()
            .map(
                b ->
                    String.format(
                        Locale.ROOT,
                        "%s %.2f s",
                        b.backend(),
                        b.trainingSeconds().mean() / e.epochs()))
            .toList();
    String perEpoch =
        differences.isEmpty()
            ? ""
            : String.format(
                Locale.ROOT,
                " Its training"
                    + " differs from this sweep's (%s), so compare per epoch: PyTorch %.2f s per epoch;"
                    + " here %s.",
                String.join(", ", differences),
                p.wallSeconds().mean() / p.epochs(),
                String.join(", ", here));
    return "The PyTorch row: "
        + PyTorchTiming.FILE
        + " in this directory, written by "
        + p.script()
        + " on "
        + p.machine()
        + " (last run "
        + p.written()
        + "), PyTorch "
        + p.torch()
        + " on Python "
        + p.python()
        + " with "
        + p.threads()
        + " thread(s):"
        + " LSTM("
        + p.units()
        + ") + Dense(1), "
        + p.trainingWindows()
        + " training windows of "
        + p.lookback()
        + " steps, batch "
        + p.batchSize()
        + ", "
        + p.epochs()
        + " epochs, mean"
        + " ± sd over "
        + p.runs().size()
        + " run(s)."
        + perEpoch;
  }

  /** "float32: djl, tfjava; float64: reference", from the trials' precisions. */
  private static String precisions(Content c) {
    Map<String, List<String>> byPrecision = new TreeMap<>();
    c.timings()
        .forEach(
            b ->
                byPrecision
                    .computeIfAbsent(b.precision(), k -> new ArrayList<>())
                    .add(b.backend()));
    List<String> parts = new ArrayList<>();
    byPrecision.forEach((p, bs) -> parts.add(p + ": " + String.join(", ", bs)));
    return String.join("; ", parts);
  }

  private static void notes(Html h, Content c) {
    h.heading(2, "How this differs from the original analysis");
    List<String> notes =
        new ArrayList<>(
            List.of(
                c.config().init() == InitMode.ORIGINAL
                    ? "This sweep reproduces the original code's initialisation on purpose: all four gates'"
                        + " biases are set to b, so b moves the input and output gates and the candidate too."
                        + " Run it with --init forget to vary the forget bias alone."
                    : "The original code set all four gates' biases to the forget-bias value; here only the"
                        + " forget gate's bias is set (the others are 0), so b_f alone is varied.",
                "The original half-life used numpy's argmax, which returns 0 when the response never"
                    + " falls below half of its first value; here such a half-life is \"not reached\""
                    + " and left out of means, with the count shown.",
                "Every number is a mean over seeds with its standard deviation; the original reported"
                    + " one run.",
                "The generalized IRF averages the response over real histories from the held-out part"
                    + " of the series instead of one zero baseline.",
                "The oscillation frequency is the original's: every sign change counts, including those"
                    + " of rounding noise once a response has decayed to nothing (around 1e-10), which"
                    + " raises it for short memories on float32 backends."));
    if (c.config().data() instanceof DataSource.Synthetic) {
      notes.add(
          "The synthetic series follows the original formula with Java's seeded"
              + " generator; numpy's random stream cannot be replayed in Java, so the noise differs"
              + " draw by draw from the original's while having the same distribution.");
    }
    h.raw("<ul>\n");
    notes.forEach(n -> h.element("li", n));
    h.raw("</ul>\n");
  }

  private static String sci(double v) {
    return String.format(Locale.ROOT, "%.2e", v);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * v);
  }
}
