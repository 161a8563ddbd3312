package io.lstmirf.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.memory.ArraySizes;
import io.lstmirf.api.memory.MemoryCheck;
import io.lstmirf.irf.json.VarJson;
import io.lstmirf.irf.plot.ResponseChart;
import io.lstmirf.irf.plot.VarCharts;
import io.lstmirf.irf.var.BandMethod;
import io.lstmirf.irf.var.CsvSeries;
import io.lstmirf.irf.var.InformationCriterion;
import io.lstmirf.irf.var.ResponseEstimate;
import io.lstmirf.irf.var.TimeSeries;
import io.lstmirf.irf.var.VarBands;
import io.lstmirf.irf.var.VarIrfAnalysis;
import io.lstmirf.irf.var.VarModel;
import io.lstmirf.irf.var.VarMonteCarlo;
import jakarta.inject.Inject;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lstm-irf var-irf}: the classical baseline, a least-squares VAR(p) with a constant and
 * everything statsmodels' {@code VARResults}, {@code irf(N)} and {@code fevd(N)} give, in its
 * layouts (see {@link VarJson}), with optional bands and statsmodels-style plots.
 */
@Command(
    name = "var-irf",
    mixinStandardHelpOptions = true,
    description =
        "Fit a VAR(p) with a constant by least squares and print, as statsmodels"
            + " computes them: coefs, intercept, sigmaU, informationCriteria, the impulse responses"
            + " and orthogonalised impulse responses, cumulative and long-run effects with their"
            + " asymptotic standard errors ([N+1][K][K], [step][response][impulse]), and the FEVD"
            + " ([K][N][K], [response][step][impulse]).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf var-irf --data docs/examples/us-macro-logdiff.csv --lags 2"
          + " --horizon 10 --bands asymptotic --plot var.png",
      "  lstm-irf var-irf --data series.csv --lags 8 --ic aic --horizon 20 --bands mc"
          + " --repl 1000 --seed 1 --fevd-plot fevd.png"
    })
final class VarIrfCommand implements Runnable {
  private final Console console;

  @Spec CommandSpec spec;

  @Option(
      names = {"-d", "--data"},
      required = true,
      paramLabel = "series.csv",
      description =
          "CSV with a header row of variable names and one row per observation,"
              + " oldest first. A leading index or date column is skipped: one of non-numbers, with"
              + " an empty header, or named t, time, date or index.")
  Path data;

  @Mixin CsvOptions csv;

  @Mixin ResultFileOption out;

  @Option(
      names = {"-p", "--lags"},
      required = true,
      paramLabel = "P",
      description = "Lag order p; with --ic, the largest order tried (statsmodels' maxlags).")
  int lags;

  @Option(
      names = {"-n", "--horizon"},
      required = true,
      paramLabel = "N",
      description =
          "Steps after the shock: N + 1 response matrices, step 0 included; the FEVD"
              + " covers 1 to N steps ahead.")
  int horizon;

  @Option(
      names = "--ic",
      paramLabel = "CRITERION",
      description =
          "Choose the order in 0..P by aic, bic, hqic or fpe, each order fitted on the"
              + " same observations (statsmodels' select_order), then fit it on the whole series.")
  String criterion;

  @Option(
      names = "--bands",
      paramLabel = "asymptotic|mc",
      description =
          "Add confidence bands: asymptotic (irf -/+ z(1 - signif/2) stderr) or mc"
              + " (statsmodels' Monte Carlo: simulate from the fitted VAR, refit, quantiles).")
  String bands;

  @Option(
      names = "--signif",
      paramLabel = "S",
      description = "Significance level of the bands (default 0.05: 95% bands).")
  Double signif;

  @Option(
      names = "--repl",
      paramLabel = "R",
      description = "Monte Carlo replications for --bands mc (default 1000).")
  Integer replications;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      description = "Seed of the Monte Carlo draws for --bands mc (default 42).")
  Long seed;

  @Option(
      names = "--orth",
      description =
          "Plot the orthogonalised responses (statsmodels'"
              + " orth=True) in --plot and --cum-plot.")
  boolean orth;

  @Option(
      names = "--plot",
      paramLabel = "FILE",
      description =
          "Draw the K x K grid of impulse responses, with the bands if any, to FILE"
              + " (.png or .svg).")
  Path plot;

  @Option(
      names = "--cum-plot",
      paramLabel = "FILE",
      description = "Draw the K x K grid of cumulative effects with the long-run effects.")
  Path cumPlot;

  @Option(
      names = "--fevd-plot",
      paramLabel = "FILE",
      description = "Draw the FEVD, one panel per variable, the impulses' shares stacked.")
  Path fevdPlot;

  @Inject
  VarIrfCommand(Console console) {
    this.console = console;
  }

  @Override
  public void run() {
    BandMethod method = checkOptions();
    out.check();
    String[] options = {"--plot", "--cum-plot", "--fevd-plot"};
    Path[] files = {plot, cumPlot, fevdPlot};
    for (int i = 0; i < files.length; i++) {
      if (files[i] != null) {
        ResponseChart.Format.of(files[i]);
        OutputFiles.requireWritableFile(options[i], files[i]);
      }
    }
    TimeSeries series = CsvSeries.read(data, csv.delimiter());
    series = IndexColumn.drop(series, console.err());
    requireMemory(series.dimension(), method);
    VarModel var =
        criterion == null
            ? VarModel.fit(series, lags)
            : VarModel.fit(series, lags, InformationCriterion.parse(criterion));
    VarIrfAnalysis analysis = var.irfAnalysis(horizon);
    double level = signif == null ? 0.05 : signif;
    VarBands varBands = null;
    if (method == BandMethod.ASYMPTOTIC) {
      varBands = analysis.asymptoticBands(level);
    } else if (method == BandMethod.MC) {
      int r = replications == null ? 1000 : replications;
      console.err().println("lstm-irf: Monte Carlo bands, " + r + " refits of " + var);
      varBands = VarMonteCarlo.bands(var, horizon, level, r, seed == null ? 42 : seed);
    }
    ObjectNode doc = VarJson.document(var, analysis, var.fevd(horizon), varBands);
    if (method == BandMethod.MC) {
      ((ObjectNode) doc.get("bands")).put("seed", seed == null ? 42 : seed);
    }
    console.printJson(doc, out.file());
    draw(var, analysis, varBands);
  }

  private void draw(VarModel var, VarIrfAnalysis analysis, VarBands varBands) {
    String model = "VAR(" + var.lags() + ")";
    String kind = orth ? " (orthogonalized)" : "";
    String band =
        varBands == null
            ? ""
            : ", " + percent(1 - varBands.signif()) + " " + varBands.method().id() + " bands";
    if (plot != null) {
      ResponseEstimate irf = orth ? analysis.orthIrf() : analysis.irf();
      VarCharts.responses(
              irf.values(),
              varBands == null ? null : orth ? varBands.orthIrf() : varBands.irf(),
              var.names(),
              model + " impulse responses" + kind + band)
          .save(plot);
      console.err().println("lstm-irf: wrote " + plot);
    }
    if (cumPlot != null) {
      ResponseEstimate cum = orth ? analysis.orthCumEffects() : analysis.cumEffects();
      VarCharts.cumulative(
              cum.values(),
              varBands == null ? null : orth ? varBands.orthCumEffects() : varBands.cumEffects(),
              orth ? analysis.orthLongRunEffects() : analysis.longRunEffects(),
              var.names(),
              model + " cumulative responses" + kind + band)
          .save(cumPlot);
      console.err().println("lstm-irf: wrote " + cumPlot);
    }
    if (fevdPlot != null) {
      VarCharts.fevd(
              var.fevd(horizon), var.names(), model + " forecast error variance" + " decomposition")
          .save(fevdPlot);
      console.err().println("lstm-irf: wrote " + fevdPlot);
    }
  }

  /** The band method asked for (null for none); contradictory options are usage errors. */
  private BandMethod checkOptions() {
    if (horizon < 1) {
      throw usage("--horizon must be at least 1 (the FEVD needs one step ahead), got " + horizon);
    }
    if (lags < 0) {
      throw usage("--lags must be >= 0, got " + lags);
    }
    BandMethod method;
    try {
      method = bands == null ? null : BandMethod.parse(bands);
    } catch (InvalidInputException e) {
      throw usage("--bands: " + e.getMessage());
    }
    if (method == null && signif != null) {
      throw usage("--signif sets the level of the bands; add --bands asymptotic or --bands mc");
    }
    if (method != BandMethod.MC && (replications != null || seed != null)) {
      throw usage(
          (replications != null ? "--repl" : "--seed")
              + " applies to Monte Carlo"
              + " bands only; add --bands mc");
    }
    if (signif != null && !(signif > 0 && signif < 1)) {
      throw usage("--signif must be between 0 and 1 (0.05 for 95% bands), got " + signif);
    }
    if (method == BandMethod.MC && replications != null) {
      int minimum = VarMonteCarlo.minimumReplications(signif == null ? 0.05 : signif);
      if (replications < minimum) {
        throw usage(
            "--repl "
                + replications
                + " is too few for --signif "
                + (signif == null ? 0.05 : signif)
                + ": use at least "
                + minimum);
      }
    }
    return method;
  }

  /**
   * Refuses a horizon whose results do not fit the heap, before the fit: per step, the asymptotic
   * covariances keep about 12 matrices of up to K^2 x K^2 (with their companion powers), and the
   * document's trees 16 K x K blocks of nodes (more with bands; Monte Carlo bands keep every
   * replication).
   */
  private void requireMemory(int k, BandMethod method) {
    double perStep =
        12.0 * ArraySizes.doubles((long) k * k * k * Math.max(k, lags)) + 16.0 * 48 * k * k;
    if (method == BandMethod.MC) {
      perStep += (replications == null ? 1000 : replications) * 4.0 * 8 * k * k;
    }
    long bytes = (long) Math.min(Long.MAX_VALUE, (horizon + 1.0) * perStep);
    MemoryCheck.requireHeap(
        bytes,
        "var-irf with --horizon " + horizon + " for " + k + " variables",
        "use a shorter --horizon");
  }

  private static String percent(double level) {
    double p = 100 * level;
    return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
