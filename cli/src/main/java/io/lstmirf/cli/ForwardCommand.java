package io.lstmirf.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.json.InputJson;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.JsonFiles;
import jakarta.inject.Inject;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lstm-irf forward}: runs a model file on an input file and prints every output. */
@Command(name = "forward", mixinStandardHelpOptions = true,
    description = "Run a model on inputs and print hidden states, head outputs and the final"
        + " state as JSON.")
final class ForwardCommand implements Runnable {

  /** How the sequence is fed to the model. */
  enum Mode { SEQUENCE, STEP }

  private final ModelLoader loader;
  private final Console console;

  @Mixin
  ModelRunOptions modelRun;

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "X.json",
      description = "Input file: {\"inputs\": [B][T][I], \"initialState\": {\"h\", \"c\"}}.")
  Path input;

  @Option(names = "--mode", defaultValue = "sequence", paramLabel = "MODE",
      description = "sequence (one whole-sequence call) or step (a stateful session, one step"
          + " per call). Default: ${DEFAULT-VALUE}.")
  Mode mode;

  @Inject
  ForwardCommand(ModelLoader loader, Console console) {
    this.loader = loader;
    this.console = console;
  }

  @Override
  public void run() {
    InputJson.Input in = InputJson.read(input);
    try (LstmModel m = loader.load(modelRun)) {
      InputJson.requireFits(in, m.spec(), "input file " + input);
      ForwardResult r = mode == Mode.SEQUENCE ? m.forward(in.inputs(), in.initialState())
          : m.forwardStepwise(in.inputs(), in.initialState());
      ObjectNode root = JsonFiles.MAPPER.createObjectNode();
      root.put("backend", m.backendName());
      root.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
      root.put("precision", m.options().precision().id());
      root.set("hidden", JsonArrays.toJson(r.hidden()));
      r.output().ifPresent(o -> root.set("output", JsonArrays.toJson(o)));
      ObjectNode state = root.putObject("finalState");
      state.set("h", JsonArrays.toJson(r.finalState().h()));
      state.set("c", JsonArrays.toJson(r.finalState().c()));
      console.printJson(root);
    }
  }
}
