package io.lstmirf.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.json.InputJson;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.memory.ArraySizes;
import io.lstmirf.api.memory.MemoryCheck;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lstm-irf forward}: runs a model file on an input file and prints every output. The hidden
 * states, the bulk of the document, are streamed out piece by piece as the engine computes them
 * (pieces of as many sequences as one engine call may take, see {@link MemoryCheck}), so the memory
 * it needs does not grow with the batch; the head outputs and the final state, which come after
 * them in the document, are kept until the end.
 */
@Command(
    name = "forward",
    mixinStandardHelpOptions = true,
    description =
        "Run a model on inputs and print hidden states, head outputs and the final"
            + " state as JSON.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf forward --model docs/examples/lstm-1x8.json"
          + " --input docs/examples/input.json",
      "  lstm-irf forward --model docs/examples/lstm-1x8.json --input docs/examples/input.json"
          + " --backend djl --mode step",
      "  lstm-irf forward --model my_lstm.onnx --input x.json --precision float64 --out y.json"
    })
final class ForwardCommand implements Runnable {

  /** How the sequence is fed to the model. */
  enum Mode {
    SEQUENCE,
    STEP
  }

  private final ModelLoader loader;
  private final Console console;

  @Mixin ModelRunOptions modelRun;

  @Mixin ResultFileOption out;

  @Option(
      names = {"-i", "--input"},
      required = true,
      paramLabel = "X.json",
      description = "Input file: {\"inputs\": [B][T][I], \"initialState\": {\"h\", \"c\"}}.")
  Path input;

  @Option(
      names = "--mode",
      defaultValue = "sequence",
      paramLabel = "MODE",
      description =
          "sequence (one whole-sequence call) or step (a stateful session, one step"
              + " per call). Default: ${DEFAULT-VALUE}.")
  Mode mode;

  @Inject
  ForwardCommand(ModelLoader loader, Console console) {
    this.loader = loader;
    this.console = console;
  }

  @Override
  public void run() {
    out.check();
    InputJson.Input in = InputJson.read(input);
    try (LstmModel m = loader.load(modelRun)) {
      InputJson.requireFits(in, m, "input file " + input);
      LstmSpec spec = m.spec();
      int batch = in.inputs().length;
      int steps = in.inputs()[0].length;
      String what =
          "forward of "
              + batch
              + " sequence(s) x "
              + steps
              + " steps through "
              + spec.numLayers()
              + " layer(s) of "
              + spec.hiddenSize()
              + " units";
      String fix = "split the input into files of fewer or shorter sequences";
      MemoryCheck.ForwardPlan plan =
          MemoryCheck.forward(m, batch, steps, Set.of(), false, what, fix);
      long kept = spec.hasHead() ? ArraySizes.doubles(batch, steps, spec.responseSize()) : 0;
      MemoryCheck.requireHeap(ArraySizes.plus(plan.heapBytes(), kept), what, fix);
      console.writeJson(out.file(), g -> write(g, m, in, plan.rowsPerCall()));
    }
  }

  private void write(JsonGenerator g, LstmModel m, InputJson.Input in, int rows)
      throws IOException {
    double[][][] x = in.inputs();
    int batch = x.length;
    int layers = m.spec().numLayers();
    double[][][] outputs = m.spec().hasHead() ? new double[batch][][] : null;
    double[][][] h = new double[layers][batch][];
    double[][][] c = new double[layers][batch][];
    g.writeStartObject();
    g.writeStringField("backend", m.backendName());
    g.writeStringField("mode", mode.name().toLowerCase(Locale.ROOT));
    g.writeStringField("precision", m.options().precision().id());
    g.writeFieldName("hidden");
    g.writeStartArray();
    for (int from = 0; from < batch; from += rows) {
      int to = Math.min(batch, from + rows);
      double[][][] piece = Arrays.copyOfRange(x, from, to);
      LstmState state = in.initialState() == null ? null : in.initialState().rows(from, to);
      ForwardResult r =
          mode == Mode.SEQUENCE ? m.forward(piece, state) : m.forwardStepwise(piece, state);
      for (double[][] sequence : r.hidden()) {
        JsonArrays.write(g, sequence);
      }
      if (outputs != null) {
        System.arraycopy(r.output().orElseThrow(), 0, outputs, from, to - from);
      }
      double[][][] rh = r.finalState().h();
      double[][][] rc = r.finalState().c();
      for (int l = 0; l < layers; l++) {
        System.arraycopy(rh[l], 0, h[l], from, to - from);
        System.arraycopy(rc[l], 0, c[l], from, to - from);
      }
    }
    g.writeEndArray();
    if (outputs != null) {
      g.writeFieldName("output");
      JsonArrays.write(g, outputs);
    }
    g.writeObjectFieldStart("finalState");
    g.writeFieldName("h");
    JsonArrays.write(g, h);
    g.writeFieldName("c");
    JsonArrays.write(g, c);
    g.writeEndObject();
    g.writeEndObject();
  }
}
