package io.lstmirf.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.api.json.ModelJson;
import jakarta.inject.Inject;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lstm-irf import}: a framework's model file to lstm-irf's JSON. A state the file fixes (an
 * ONNX graph's initializer, for the batch size it was saved with) belongs to the input, not the
 * weights, so it goes to an input file ({@code --state-out}) and the model file keeps its format,
 * which every earlier lstm-irf reads.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Read a framework's model file (ONNX, Keras .keras/.h5, TorchScript,"
            + " SavedModel, DL4J zip) and write its weights as lstm-irf JSON. Constructs the"
            + " canonical LSTM cannot represent are refused by name (exit 1).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf import my_lstm.onnx --out my_lstm.json",
      "  lstm-irf import --from torchscript model.pt --rnn decoder --head fc --out m.json",
      "  lstm-irf import with_state.onnx --out m.json --state-out state.json"
    })
final class ImportCommand implements Runnable {
  private final ModelLoader loader;
  private final Console console;

  @picocli.CommandLine.Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The model file (a SavedModel is a directory).")
  Path input;

  @Mixin ModelReadOptions read;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "M.json",
      description = "Where to write the model (lstm-irf-model/1).")
  Path out;

  @Option(
      names = "--state-out",
      paramLabel = "S.json",
      description =
          "Also write the initial state the file fixes as an input file: its"
              + " initialState, and inputs of one zero step per sequence to replace with yours.")
  Path stateOut;

  @Inject
  ImportCommand(ModelLoader loader, Console console) {
    this.loader = loader;
    this.console = console;
  }

  @Override
  public void run() {
    ModelSource m = loader.read(ModelFileOptions.of(input, read));
    ModelJson.write(m.weights(), out);
    LstmSpec s = m.weights().spec();
    console
        .err()
        .println(
            "lstm-irf: read "
                + input
                + " ("
                + m.format()
                + "): "
                + s.inputSize()
                + " input(s), "
                + s.numLayers()
                + " layer(s) of "
                + s.hiddenSize()
                + " units, "
                + (s.hasHead() ? "a head of " + s.responseSize() + " output(s)" : "no head")
                + "; wrote "
                + out);
    m.notes().forEach(n -> console.err().println("lstm-irf: note: " + n));
    if (m.initialState().isPresent()) {
      LstmState state = m.initialState().get();
      if (stateOut != null) {
        JsonFiles.writeAtomically(stateOut, stateFile(state, s));
        console
            .err()
            .println(
                "lstm-irf: wrote the file's initial state (batch "
                    + state.batchSize()
                    + ") to "
                    + stateOut);
      } else {
        console
            .err()
            .println(
                "lstm-irf: note: the file fixes an initial state for batch "
                    + state.batchSize()
                    + "; --state-out S.json writes it as an input file");
      }
    } else if (stateOut != null) {
      console
          .err()
          .println(
              "lstm-irf: note: "
                  + input
                  + " fixes no initial state (zeros, or"
                  + " fed at run time); "
                  + stateOut
                  + " not written");
    }
  }

  private static String stateFile(LstmState state, LstmSpec spec) {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    root.set("inputs", JsonArrays.toJson(new double[state.batchSize()][1][spec.inputSize()]));
    ObjectNode s = root.putObject("initialState");
    s.set("h", JsonArrays.toJson(state.h()));
    s.set("c", JsonArrays.toJson(state.c()));
    return root.toPrettyString() + "\n";
  }
}
