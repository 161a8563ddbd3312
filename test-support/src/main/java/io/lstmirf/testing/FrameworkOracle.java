package io.lstmirf.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.api.json.ModelJson;
import io.lstmirf.api.train.LossTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a framework computed for one recurrent-variant model, written by {@code
 * src/main/python/make_torch_variant_oracles.py} (PyTorch's nn.GRU, bidirectional nn.LSTM / nn.GRU,
 * stacks with a Linear head, and a peephole LSTM composed from torch ops by ONNX's definition): an
 * oracle independent of every backend, the reference included. float64.
 *
 * @param name the resource's name
 * @param source who computed the numbers
 * @param weights the model, in the canonical layout
 * @param inputs {@code [B][T][I]}
 * @param initialState the state {@link #hidden} and {@link #finalState} start from
 * @param hidden the top layer's outputs from {@code initialState}
 * @param responses the head's outputs from {@code initialState}, when there is a head
 * @param finalState the state after the sequence
 * @param lossTarget the loss the gradients are of
 * @param targets the loss' targets
 * @param loss the loss from a zero state, as {@code LstmModel.gradients} defines it
 * @param gradients d loss / d every canonical tensor
 * @param training plain SGD steps on the canonical tensors and the weights after them
 */
public record FrameworkOracle(
    String name,
    String source,
    LstmWeights weights,
    double[][][] inputs,
    LstmState initialState,
    double[][][] hidden,
    Optional<double[][][]> responses,
    LstmState finalState,
    LossTarget lossTarget,
    double[][][] targets,
    double loss,
    LstmWeights gradients,
    Training training) {

  /** The oracle files, by name. */
  public static final List<String> NAMES =
      List.of(
          "torch_gru_l2_head",
          "torch_bilstm_l2_head",
          "torch_bigru_l1",
          "torch_bigru_under_lstm_head",
          "composed_peephole_l2_head",
          "composed_peephole_l2_last");

  /**
   * SGD steps from {@link #weights}, each on its own batch from a zero state.
   *
   * @param learningRate SGD's rate
   * @param steps each step's batch and its loss before the update
   * @param weights the weights after the last step
   */
  public record Training(double learningRate, List<Step> steps, LstmWeights weights) {}

  /** One SGD step's batch and the loss before its update. */
  public record Step(double[][][] inputs, double[][][] targets, double loss) {}

  /** Every oracle. */
  public static List<FrameworkOracle> all() {
    return NAMES.stream().map(FrameworkOracle::load).toList();
  }

  /** The oracle {@code name} (one of {@link #NAMES}). */
  public static FrameworkOracle load(String name) {
    String resource = "oracles/" + name + ".json";
    JsonNode root;
    try (InputStream in = FrameworkOracle.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no oracle " + resource + " next to " + FrameworkOracle.class.getName());
      }
      root = JsonFiles.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Optional<double[][][]> responses =
        root.has("responses") ? Optional.of(tensor(root, "responses")) : Optional.empty();
    JsonNode t = root.get("training");
    List<Step> steps = new ArrayList<>();
    for (JsonNode s : t.get("steps")) {
      steps.add(
          new Step(
              tensor(s, "inputs"), tensor(s, "targets"), JsonArrays.number(s.get("loss"), "loss")));
    }
    return new FrameworkOracle(
        name,
        root.get("source").asText(),
        ModelJson.fromJson(root.get("model"), resource + " model"),
        tensor(root, "inputs"),
        state(root.get("initialState")),
        tensor(root, "hidden"),
        responses,
        state(root.get("finalState")),
        LossTarget.valueOf(root.get("lossTarget").asText()),
        tensor(root, "targets"),
        JsonArrays.number(root.get("loss"), "loss"),
        ModelJson.fromJson(root.get("gradients"), resource + " gradients"),
        new Training(
            JsonArrays.number(t.get("learningRate"), "learningRate"),
            steps,
            ModelJson.fromJson(t.get("weights"), resource + " trained weights")));
  }

  private static LstmState state(JsonNode n) {
    return new LstmState(tensor(n, "h"), tensor(n, "c"));
  }

  private static double[][][] tensor(JsonNode n, String field) {
    return JsonArrays.tensor3(n.get(field), field);
  }

  @Override
  public String toString() {
    return name;
  }
}
