package io.lstmirf.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.JsonFiles;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A test resource a framework wrote, with the numbers the framework computed (the NAME.json beside
 * NAME.onnx, NAME.keras or NAME.pt; each module's src/test/python says how they were made).
 *
 * @param source who wrote the file and computed the numbers
 * @param inputs {@code [B][T][I]}
 * @param initialState the state the framework started from, or null for zeros
 * @param stateInputs whether the graph takes that state as inputs (else the file holds it)
 * @param outputs the framework's outputs at every step {@code [B][T][*]}, or null
 * @param lastOutputs its outputs at the last step {@code [B][*]}, or null
 * @param finalState its final state, or null
 */
public record FrameworkCase(
    String source,
    double[][][] inputs,
    LstmState initialState,
    boolean stateInputs,
    double[][][] outputs,
    double[][] lastOutputs,
    LstmState finalState) {

  /** The resource {@code dir/name} as a file. */
  public static Path resource(String dir, String name) {
    URL url = FrameworkCase.class.getResource("/" + dir + "/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + dir + "/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads {@code dir/name.json}. */
  public static FrameworkCase load(String dir, String name) {
    JsonNode j = JsonFiles.read(resource(dir, name + ".json"), "expected outputs");
    return new FrameworkCase(
        j.path("source").asText(),
        JsonArrays.tensor3(j.get("inputs"), "inputs"),
        state(j.get("initialState")),
        j.path("stateInputs").asBoolean(false),
        j.has("outputs") ? JsonArrays.tensor3(j.get("outputs"), "outputs") : null,
        j.has("lastOutputs") ? JsonArrays.matrix(j.get("lastOutputs"), "lastOutputs") : null,
        state(j.get("finalState")));
  }

  private static LstmState state(JsonNode s) {
    return s == null
        ? null
        : new LstmState(JsonArrays.tensor3(s.get("h"), "h"), JsonArrays.tensor3(s.get("c"), "c"));
  }

  /**
   * Runs imported weights on the reference backend from the state the file fixes (or the
   * framework's state when the graph takes it as an input) and returns the largest absolute
   * difference to the framework's outputs and final state.
   *
   * @param fileState the initial state the imported file fixes, if any
   */
  public double maxDifference(LstmWeights weights, Optional<LstmState> fileState) {
    LstmState start = stateInputs ? initialState : fileState.orElse(null);
    try (LstmModel model = ReferenceOracle.model(weights)) {
      ForwardResult r = model.forward(inputs, start);
      double[][][] y = r.responses();
      double m = 0;
      for (int b = 0; b < y.length; b++) {
        int last = y[b].length - 1;
        for (int t = 0; t <= last; t++) {
          for (int o = 0; o < y[b][t].length; o++) {
            if (outputs != null) {
              m = Math.max(m, Math.abs(y[b][t][o] - outputs[b][t][o]));
            } else if (t == last) {
              m = Math.max(m, Math.abs(y[b][t][o] - lastOutputs[b][o]));
            }
          }
        }
      }
      return finalState == null ? m : Math.max(m, r.finalState().maxAbsDifference(finalState));
    }
  }
}
