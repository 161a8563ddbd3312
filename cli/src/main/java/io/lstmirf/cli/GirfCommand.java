package io.lstmirf.cli;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.Trace;
import io.lstmirf.api.json.InputJson;
import io.lstmirf.api.memory.ArraySizes;
import io.lstmirf.api.memory.MemoryCheck;
import io.lstmirf.irf.GeneralizedImpulseResponse;
import io.lstmirf.irf.GeneralizedImpulseResponses;
import io.lstmirf.irf.GirfSpec;
import io.lstmirf.irf.ImpulseResponses;
import io.lstmirf.irf.json.IrfJson;
import io.lstmirf.irf.plot.ResponseChart;
import io.lstmirf.irf.plot.ResponseCharts;
import io.lstmirf.irf.var.CsvSeries;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lstm-irf girf}: the generalized impulse response (Koop, Pesaran and Potter 1996) over
 * histories drawn from a data file, with quantile bands across histories.
 */
@Command(
    name = "girf",
    mixinStandardHelpOptions = true,
    description =
        "Generalized impulse response: the response to one shock averaged over"
            + " histories drawn from data (each T0 steps of real data before the shock and its actual"
            + " continuation after it), with quantile bands across histories, as JSON.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf girf --model docs/examples/lstm-1x8.json"
          + " --data docs/examples/series.csv --horizon 30 --shock-time 20",
      "  lstm-irf girf --model m.json --data prices.csv --delimiter \";\" --horizon 50"
          + " --shock-time 40 --histories 500 --seed 7 --plot girf.png"
    })
final class GirfCommand implements Runnable {
  private final ModelLoader loader;
  private final Console console;

  @Mixin ModelRunOptions modelRun;

  @Mixin ShockOptions shockOptions;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Mixin ResultFileOption out;

  @Option(
      names = {"-d", "--data"},
      required = true,
      paramLabel = "FILE",
      description =
          "Data the histories are drawn from: a .csv with a header row and one column"
              + " per input channel (any file with --delimiter), or an input file {\"inputs\":"
              + " [B][T][I]} of B separate series.")
  Path data;

  @Mixin CsvOptions csv;

  @Mixin HistoryOptions draw;

  @Option(
      names = "--quantiles",
      split = ",",
      paramLabel = "Q",
      defaultValue = "0.05,0.5,0.95",
      description = "Quantile levels across histories (default ${DEFAULT-VALUE}).")
  List<Double> quantiles;

  @Option(
      names = "--plot",
      paramLabel = "FILE",
      description =
          "Also draw the mean responses over their outer quantile band to FILE (.png"
              + " or .svg).")
  Path plot;

  @Inject
  GirfCommand(ModelLoader loader, Console console) {
    this.loader = loader;
    this.console = console;
  }

  @Override
  public void run() {
    int steps = shockOptions.validate();
    Ranges.atLeast(command, "--histories", draw.histories(), 1);
    out.check();
    if (plot != null) {
      ResponseChart.Format.of(plot);
      OutputFiles.requireWritableFile("--plot", plot);
    }
    List<double[][]> series = readSeries(data, csv);
    GirfSpec spec =
        new GirfSpec(
            shockOptions.shock(), shockOptions.horizon(), draw.histories(), draw.seed(), quantiles);
    try (LstmModel m = loader.load(modelRun)) {
      requireMemory(m, series, steps);
      GeneralizedImpulseResponse g =
          new GeneralizedImpulseResponses(m).compute(series, spec, shockOptions.mode());
      console.printJson(IrfJson.girf(m.backendName(), shockOptions.mode(), g), out.file());
      if (plot != null) {
        ResponseCharts.girf(
                g,
                ResponseCharts.responseNames(m),
                "Generalized impulse response (" + m.backendName() + ")")
            .save(plot);
        console.err().println("lstm-irf: wrote " + plot);
      }
    }
  }

  /**
   * Refuses a GIRF whose forward calls (histories and their shocked copies, at most {@link
   * ImpulseResponses#DEFAULT_MAX_ROWS} rows per call) or whose per-history responses do not fit,
   * before the work starts.
   */
  private void requireMemory(LstmModel m, List<double[][]> series, int steps) {
    long available = 0;
    for (double[][] s : series) {
      available += Math.max(0, s.length - steps + 1);
    }
    int used = (int) Math.max(1, Math.min(draw.histories(), available));
    int rows = (int) Math.min(ImpulseResponses.DEFAULT_MAX_ROWS, 2L * used);
    String what =
        "a generalized impulse response over " + used + " histories of " + steps + " steps";
    String fix = "use fewer --histories or a shorter --horizon";
    MemoryCheck.ForwardPlan plan =
        MemoryCheck.forward(m, rows, steps, Set.of(Trace.CELL_STATES), true, what, fix);
    LstmSpec spec = m.spec();
    int width = Math.max(spec.responseSize(), spec.hiddenSize());
    long responses = ArraySizes.doubles(used, shockOptions.horizon(), width);
    long[] parts = new long[3 + quantiles.size()];
    java.util.Arrays.fill(parts, responses); // the responses, their mean, and one per quantile
    parts[0] = plan.heapBytes();
    parts[1] = ArraySizes.doubles(rows, steps, spec.inputSize());
    MemoryCheck.requireHeap(ArraySizes.plus(parts), what, fix);
  }

  private static List<double[][]> readSeries(Path file, CsvOptions csv) {
    if (csv.given() || file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return List.<double[][]>of(CsvSeries.read(file, csv.delimiter()).values());
    }
    InputJson.Input in = InputJson.read(file, "data file");
    if (in.initialState() != null) {
      throw new InvalidInputException(
          "data file "
              + file
              + ": histories start from the zero"
              + " state; remove \"initialState\"");
    }
    return Arrays.asList(in.inputs());
  }
}
