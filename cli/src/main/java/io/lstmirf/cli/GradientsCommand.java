package io.lstmirf.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.InputChecks;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.json.InputJson;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.api.json.ModelJson;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import jakarta.inject.Inject;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lstm-irf gradients}: the MSE of a model's predictions against targets at every step, and
 * its gradient with respect to every canonical weight, computed by the backend's own autograd.
 */
@Command(
    name = "gradients",
    mixinStandardHelpOptions = true,
    description =
        "Print the loss (mean over all B*T*O elements of (prediction - target)^2) and"
            + " its gradients in the canonical layout, as JSON.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf gradients --model docs/examples/lstm-1x8.json"
          + " --input docs/examples/input.json --target docs/examples/targets.json",
      "  lstm-irf gradients --model m.json --input x.json --target y.json --backend tfjava"
          + " --precision float64"
    })
final class GradientsCommand implements Runnable {
  private final ModelLoader loader;
  private final Console console;

  @Mixin ModelRunOptions modelRun;

  @Mixin ResultFileOption out;

  @Option(
      names = {"-i", "--input"},
      required = true,
      paramLabel = "X.json",
      description = "Input file: {\"inputs\": [B][T][I]} (an initialState is not used).")
  Path input;

  @Option(
      names = {"-t", "--target"},
      required = true,
      paramLabel = "Y.json",
      description = "Target file: {\"targets\": [B][T][O]}.")
  Path target;

  @Inject
  GradientsCommand(ModelLoader loader, Console console) {
    this.loader = loader;
    this.console = console;
  }

  @Override
  public void run() {
    out.check();
    InputJson.Input in = InputJson.read(input);
    if (in.initialState() != null) {
      throw new InvalidInputException(
          "input file "
              + input
              + ": gradients start"
              + " from the zero state; remove \"initialState\"");
    }
    double[][][] targets = InputJson.readTargets(target);
    try (LstmModel m = loader.load(modelRun)) {
      InputJson.requireFits(in, m, "input file " + input);
      try {
        InputChecks.targets(
            targets,
            in.inputs().length,
            in.inputs()[0].length,
            m.spec(),
            LossTarget.EVERY_STEP,
            m.options().precision());
      } catch (InvalidInputException e) {
        throw new InvalidInputException("target file " + target + ": " + e.getMessage(), e);
      }
      GradientResult g = m.gradients(in.inputs(), targets, LossTarget.EVERY_STEP);
      ObjectNode root = JsonFiles.MAPPER.createObjectNode();
      root.put("backend", m.backendName());
      root.put("precision", m.options().precision().id());
      root.put("loss", g.loss());
      root.set("gradients", ModelJson.layersAndHead(g.gradients()));
      console.printJson(root, out.file()); // a non-finite loss is written as null, with a warning
    }
  }
}
