package io.lstmirf.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.Backends;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.irf.json.MultiJson;
import io.lstmirf.irf.multi.Comparison;
import io.lstmirf.irf.multi.ComparisonReport;
import io.lstmirf.irf.multi.EnsembleFiles;
import io.lstmirf.irf.multi.FitSpec;
import io.lstmirf.irf.plot.ChartGrid;
import io.lstmirf.irf.plot.ResponseChart;
import io.lstmirf.irf.plot.VarCharts;
import io.lstmirf.irf.var.CsvSeries;
import io.lstmirf.irf.var.TimeSeries;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lstm-irf compare}: a VAR and an LSTM ensemble fitted on the same data, their K x K
 * orthogonalised impulse responses side by side with bands, the distance per cell and both models'
 * out-of-sample one-step errors, as compare.json and a self-contained report.html.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Fit a VAR(P) and LSTM forecasters (as lstm-irf fit) on the training part of"
          + " the same data and compare their orthogonalised impulse responses (Cholesky, in the"
          + " column order given): the VAR's with asymptotic bands, the LSTMs' generalized ones"
          + " with quantiles across models and histories; per cell the distance D (RMS of the"
          + " difference over the VAR's band half-width) and both models' one-step errors on"
          + " the held-out part.",
      "Writes into --out: compare.json, report.html (self-contained), grid.png and the"
          + " LSTMs under lstm/ (as lstm-irf fit writes them, for lstm-irf mirf)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf compare --data docs/examples/us-macro-logdiff.csv"
          + " --columns realgdp,realcons,realinv --lags 2 --horizon 10 --out runs/macro",
      "  lstm-irf compare --data series.csv --columns a,b --lags 4 --horizon 20 --lookback 12"
          + " --seeds 10 --epochs 200 --backend djl --out runs/ab"
    })
final class CompareCommand implements Runnable {
  static final String JSON = "compare.json";
  static final String REPORT = "report.html";
  static final String GRID = "grid.png";
  static final String FIT_DIR = "lstm";

  private final Backends backends;
  private final Console console;

  @Spec CommandSpec spec;

  @Option(
      names = {"-d", "--data"},
      required = true,
      paramLabel = "F.csv",
      description = "CSV with a header row and one row per observation, oldest first.")
  Path data;

  @Mixin CsvOptions csv;

  @Option(
      names = "--columns",
      required = true,
      split = ",",
      paramLabel = "NAMES",
      description = "The variables, in the order that identifies the orthogonalised shocks.")
  List<String> columns;

  @Option(
      names = {"-p", "--lags"},
      required = true,
      paramLabel = "P",
      description = "The VAR's lag order.")
  int lags;

  @Option(
      names = {"-n", "--horizon"},
      required = true,
      paramLabel = "N",
      description = "Steps after the shock: responses at steps 0..N.")
  int horizon;

  @Option(
      names = "--lookback",
      paramLabel = "L",
      description = "Observations each LSTM prediction reads (default: 2P, at least 4).")
  Integer lookback;

  @Mixin TrainingOptions training;

  @Mixin HistoryOptions draw;

  @Option(
      names = "--signif",
      defaultValue = "0.05",
      paramLabel = "S",
      description =
          "Significance of the bands: the VAR's at 1 - S, the LSTMs' quantiles S/2"
              + " and 1 - S/2 (default ${DEFAULT-VALUE}).")
  double signif;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "DIR",
      description = "Output directory: new, empty, or holding an earlier comparison.")
  Path out;

  @Inject
  CompareCommand(Backends backends, Console console) {
    this.backends = backends;
    this.console = console;
  }

  @Override
  public void run() {
    if (lags < 1 || horizon < 1) {
      throw usage("--lags and --horizon must be at least 1, got " + lags + " and " + horizon);
    }
    if (!(signif > 0 && signif < 1)) {
      throw usage("--signif must be between 0 and 1 (0.05 for 95% bands), got " + signif);
    }
    FitSpec fitSpec = training.spec(lookback != null ? lookback : Math.max(4, 2 * lags), spec);
    FitCommand.requireUsable(out, JSON, spec);
    TimeSeries series = CsvSeries.read(data, csv.delimiter()).select(columns);
    long start = System.nanoTime();
    Comparison c =
        Comparison.run(
            training.builder(backends),
            series,
            lags,
            horizon,
            fitSpec,
            draw.histories(),
            draw.seed(),
            signif,
            FitCommand.progress(console, "compare", fitSpec.seeds()));
    List<Path> files =
        new ArrayList<>(EnsembleFiles.write(out.resolve(FIT_DIR), c.fit(), data.toString()));
    byte[] png = grid(c).encode(ResponseChart.Format.PNG);
    JsonFiles.writeAtomically(out.resolve(GRID), png);
    JsonFiles.writeAtomically(out.resolve(JSON), MultiJson.comparison(c).toString() + "\n");
    ComparisonReport.write(out.resolve(REPORT), c, png, data.getFileName().toString());
    files.addAll(List.of(out.resolve(GRID), out.resolve(JSON), out.resolve(REPORT)));
    console.err().printf("compare: wrote %s%n", out.resolve(REPORT));
    ObjectNode json = JsonFiles.MAPPER.createObjectNode();
    json.put("out", out.toAbsolutePath().toString());
    ArrayNode list = json.putArray("files");
    files.forEach(f -> list.add(out.toAbsolutePath().relativize(f.toAbsolutePath()).toString()));
    json.set("distance", JsonArrays.toJson(c.distance()));
    json.set("varOneStepRmse", JsonArrays.toJson(c.varErrors().rmse()));
    json.set("lstmOneStepRmse", JsonArrays.toJson(c.lstmErrors().rmse()));
    json.put("seconds", (System.nanoTime() - start) / 1e9);
    console.printJson(json);
  }

  /** The K x K grid: the VAR in blue, the LSTMs in orange, each panel titled with its D. */
  static ChartGrid grid(Comparison c) {
    int k = c.names().size();
    double[][] d = c.distance();
    String[][] notes = new String[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        notes[i][j] =
            Double.isFinite(d[i][j]) ? String.format(Locale.ROOT, "D = %.2f", d[i][j]) : "";
      }
    }
    int level = (int) Math.round(100 * (1 - c.varBands().signif()));
    return VarCharts.comparison(
        c.varIrf(),
        c.varBands().orthIrf(),
        "VAR(" + c.var().lags() + ")",
        c.lstm().mean(),
        c.lstm().outerBand().orElse(null),
        "LSTM",
        c.names(),
        notes,
        String.format(
            Locale.ROOT,
            "Orthogonalised impulse responses: VAR(%d) with %d%% bands,"
                + " LSTM ensemble (%d models) with %s quantiles",
            c.var().lags(),
            level,
            c.lstm().seeds().size(),
            c.lstm().outerBandLabel()));
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
