package io.lstmirf.cli;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.json.InputJson;
import io.lstmirf.irf.GeneralizedImpulseResponse;
import io.lstmirf.irf.GeneralizedImpulseResponses;
import io.lstmirf.irf.GirfSpec;
import io.lstmirf.irf.json.IrfJson;
import io.lstmirf.irf.plot.ResponseChart;
import io.lstmirf.irf.plot.ResponseCharts;
import io.lstmirf.irf.var.CsvSeries;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lstm-irf girf}: the generalized impulse response (Koop, Pesaran and Potter 1996) over
 * histories drawn from a data file, with quantile bands across histories.
 */
@Command(name = "girf", mixinStandardHelpOptions = true,
    description = "Generalized impulse response: the response to one shock averaged over"
        + " histories drawn from data (each T0 steps of real data before the shock and its actual"
        + " continuation after it), with quantile bands across histories, as JSON.")
final class GirfCommand implements Runnable {
  private final ModelLoader loader;
  private final Console console;

  @Mixin
  ModelRunOptions modelRun;

  @Mixin
  ShockOptions shockOptions;

  @Option(names = {"-d", "--data"}, required = true, paramLabel = "FILE",
      description = "Data the histories are drawn from: a .csv with a header row and one column"
          + " per input channel (any file with --delimiter), or an input file {\"inputs\":"
          + " [B][T][I]} of B separate series.")
  Path data;

  @Mixin
  CsvOptions csv;

  @Mixin
  HistoryOptions draw;

  @Option(names = "--quantiles", split = ",", paramLabel = "Q",
      defaultValue = "0.05,0.5,0.95",
      description = "Quantile levels across histories (default ${DEFAULT-VALUE}).")
  List<Double> quantiles;

  @Option(names = "--plot", paramLabel = "FILE",
      description = "Also draw the mean responses over their outer quantile band to FILE (.png"
          + " or .svg).")
  Path plot;

  @Inject
  GirfCommand(ModelLoader loader, Console console) {
    this.loader = loader;
    this.console = console;
  }

  @Override
  public void run() {
    List<double[][]> series = readSeries(data, csv);
    GirfSpec spec = new GirfSpec(shockOptions.shock(), shockOptions.horizon(),
        draw.histories(), draw.seed(), quantiles);
    if (plot != null) {
      ResponseChart.Format.of(plot);
    }
    try (LstmModel m = loader.load(modelRun)) {
      GeneralizedImpulseResponse g = new GeneralizedImpulseResponses(m).compute(series, spec,
          shockOptions.mode());
      console.printJson(IrfJson.girf(m.backendName(), shockOptions.mode(), g));
      if (plot != null) {
        ResponseCharts.girf(g, ResponseCharts.responseNames(m), "Generalized impulse response ("
            + m.backendName() + ")")
            .save(plot);
        console.err().println("lstm-irf: wrote " + plot);
      }
    }
  }

  private static List<double[][]> readSeries(Path file, CsvOptions csv) {
    if (csv.given() || file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return List.<double[][]>of(CsvSeries.read(file, csv.delimiter()).values());
    }
    InputJson.Input in = InputJson.read(file);
    if (in.initialState() != null) {
      throw new InvalidInputException("data file " + file + ": histories start from the zero"
          + " state; remove \"initialState\"");
    }
    return Arrays.asList(in.inputs());
  }
}
