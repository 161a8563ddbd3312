package io.lstmirf.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.json.InputJson;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.irf.Shock;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lstm-irf cross-check}: the user's own model on every backend, precision and mode, each
 * against the float64 reference ({@link CrossCheck}); exit 1 when one disagrees.
 */
@Command(
    name = "cross-check",
    mixinStandardHelpOptions = true,
    description =
        "Run a model (any format) on every available backend and precision, in"
            + " sequence and step mode, and print the largest difference from the float64 reference"
            + " for outputs, final states, the impulse response and its metrics; exit 1 when any"
            + " is beyond the conformance tolerance (2e-5 float32, 1e-10 float64, relative above 1)."
            + " Without --input: 2 sequences of 40 steps, x[b][t][i] = sin(0.3 (t+1) + b + 0.7 i).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf cross-check --model docs/examples/lstm-1x8.json",
      "  lstm-irf cross-check --model my_lstm.onnx --input x.json --horizon 50 --shock-time 20",
      "  lstm-irf cross-check --model model.pt --json"
    })
final class CrossCheckCommand implements Runnable {
  private final ModelLoader loader;
  private final Backends backends;
  private final Console console;

  @Mixin ModelFileOptions file;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "X.json",
      description = "Inputs {\"inputs\": [B][T][I], \"initialState\": ...} (default above).")
  Path input;

  @Option(
      names = {"-n", "--horizon"},
      defaultValue = "30",
      paramLabel = "N",
      description = "IRF lags (default ${DEFAULT-VALUE}).")
  int horizon;

  @Option(
      names = "--shock-time",
      defaultValue = "10",
      paramLabel = "T0",
      description =
          "IRF shock time, a unit shock on input 0 on a zero baseline (default"
              + " ${DEFAULT-VALUE}).")
  int shockTime;

  @Option(names = "--json", description = "Print the table as JSON.")
  boolean json;

  @Inject
  CrossCheckCommand(ModelLoader loader, Backends backends, Console console) {
    this.loader = loader;
    this.backends = backends;
    this.console = console;
  }

  @Override
  public void run() {
    ModelSource m = loader.read(file);
    double[][][] x;
    LstmState state;
    if (input != null) {
      InputJson.Input in = InputJson.read(input);
      InputJson.requireFits(in, m.weights().spec(), "input file " + input);
      x = in.inputs();
      state = in.initialState();
    } else {
      state = m.initialState().orElse(null);
      x =
          CrossCheck.defaultInputs(
              state == null ? 2 : state.batchSize(), m.weights().spec().inputSize());
    }
    LstmBackend reference =
        backends
            .oracle()
            .orElseThrow(
                () ->
                    new LstmIrfException(
                        "cross-check needs the reference backend (lstm-irf-backend-reference) on the class"
                            + " path"));
    List<CrossCheck.Row> rows =
        new CrossCheck(m.weights(), x, state, new Shock(shockTime, 0, 1.0), horizon)
            .run(reference, backends.available());
    print(rows);
    long off = rows.stream().filter(r -> !r.agrees()).count();
    if (off > 0) {
      throw new LstmIrfException(
          off
              + " of "
              + rows.size()
              + " backend runs disagree with the"
              + " reference beyond the conformance tolerance (see the table); analyse this model"
              + " on the reference or a backend that agrees");
    }
  }

  private void print(List<CrossCheck.Row> rows) {
    if (json) {
      ObjectNode root = JsonFiles.MAPPER.createObjectNode();
      ArrayNode list = root.putArray("rows");
      for (CrossCheck.Row r : rows) {
        ObjectNode n = list.addObject();
        n.put("backend", r.backend());
        n.put("precision", r.precision().id());
        n.put("mode", mode(r));
        n.put("outputs", r.outputs().maxAbsDifference());
        n.put("finalState", r.finalState().maxAbsDifference());
        n.put("irf", r.irf().maxAbsDifference());
        n.put("metrics", r.metrics().maxAbsDifference());
        n.put("agrees", r.agrees());
        if (!r.agrees()) {
          n.put("worst", r.worst());
        }
        r.discrete().forEach(n.putArray("discreteMetricsDiffering")::add);
      }
      console.printJson(root);
      return;
    }
    String format = "%-10s %-9s %-9s %10s %12s %10s %10s  %s%n";
    console
        .out()
        .printf(
            format,
            "BACKEND",
            "PRECISION",
            "MODE",
            "OUTPUTS",
            "FINAL STATE",
            "IRF",
            "METRICS",
            "RESULT");
    for (CrossCheck.Row r : rows) {
      String result = r.agrees() ? "ok" : "OFF: " + r.worst();
      if (!r.discrete().isEmpty()) {
        result += " (differs: " + String.join(", ", r.discrete()) + ")";
      }
      console
          .out()
          .printf(
              format,
              r.backend(),
              r.precision().id(),
              mode(r),
              e(r.outputs().maxAbsDifference()),
              e(r.finalState().maxAbsDifference()),
              e(r.irf().maxAbsDifference()),
              e(r.metrics().maxAbsDifference()),
              result);
    }
    console.out().flush();
  }

  private static String mode(CrossCheck.Row r) {
    return r.mode().name().toLowerCase(Locale.ROOT);
  }

  private static String e(double v) {
    return String.format(Locale.ROOT, "%.2e", v);
  }
}
