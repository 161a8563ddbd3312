package io.lstmirf.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.Precision;
import io.lstmirf.api.check.Tolerance;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormats;
import io.lstmirf.testing.Agreement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Models as frameworks wrote them, with the frameworks' own outputs (interop's test resources):
 * canonical LSTMs from torch.onnx.export at hidden sizes around the CPU kernels' blocking (8, 33,
 * 48; float32 and float64, from a given state), from tf2onnx and Keras; and variant models
 * (torch.onnx.export of nn.GRU, bidirectional nn.LSTM / nn.GRU and stacked GRUs with a Linear head;
 * the same kinds saved by torch.jit.script / torch.jit.trace, read through djl's libtorch; bare
 * ONNX LSTM nodes with peepholes and a GRU node; Keras GRU and Bidirectional models), imported with
 * interop and run on every backend, as whole sequences and, where causal, step by step: they
 * reproduce the framework's own outputs and final states within the float32 bound (2e-5) when the
 * file or the target is float32, and within the float64 bound when both are float64. A backend that
 * does not declare a file's variant is checked to refuse it instead.
 */
@ForEachBackend
class FrameworkFilesConformanceTest {
  private static final Path RESOURCES =
      Path.of("..", "interop", "src", "test", "resources").toAbsolutePath().normalize();

  /** TorchScript files PyTorch saved, kept with the backend that reads them (djl's libtorch). */
  private static final Path TORCHSCRIPT =
      Path.of("..", "backend-djl", "src", "test", "resources").toAbsolutePath().normalize();

  private final ConformanceTarget target;

  FrameworkFilesConformanceTest(ConformanceTarget target) {
    this.target = target;
  }

  static List<String> files() {
    return List.of(
        "onnx/torch_lstm_h8_l2_f32.onnx",
        "onnx/torch_lstm_h8_l2_f64.onnx",
        "onnx/torch_lstm_h33_l1_f32.onnx",
        "onnx/torch_lstm_h33_l1_f64.onnx",
        "onnx/torch_lstm_h48_l1_f32.onnx",
        "onnx/torch_lstm_h48_l1_f64.onnx",
        "onnx/torch_l2_batch_first.onnx",
        "onnx/torch_l2_state_inputs.onnx",
        "onnx/tf2onnx_keras_sequences.onnx",
        "keras/keras_l2_last.h5",
        "keras/keras_l1_dense.keras",
        "onnx/torch_gru_f64.onnx",
        "onnx/torch_gru_l2_head_f64.onnx",
        "onnx/torch_gru_l2_head_f32.onnx",
        "onnx/torch_bilstm_l2_head_f64.onnx",
        "onnx/torch_bilstm_l2_head_f32.onnx",
        "onnx/torch_bigru_time_major_f64.onnx",
        "onnx/torch_bilstm_l2_state_inputs_f64.onnx",
        "onnx/bare_peephole_f64.onnx",
        "onnx/bare_peephole_bidirectional_f32.onnx",
        "onnx/bare_gru_linear_before_reset_f64.onnx",
        "keras/keras_gru_dense.keras",
        "keras/keras_gru_stacked_last.h5",
        "keras/keras_bidirectional_lstm_dense.keras",
        "keras/keras_bidirectional_gru_stacked.h5",
        "keras/keras_bidirectional_lstm_under_gru.keras",
        "torchscript/script_gru_only.pt",
        "torchscript/script_gru_l2_head.pt",
        "torchscript/script_gru_f64.pt",
        "torchscript/script_bilstm_l2_head.pt",
        "torchscript/trace_bigru_time_major.pt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void everyBackendRunsTheFileAsTheFrameworkDid(String file) {
    Path path = (file.startsWith("torchscript/") ? TORCHSCRIPT : RESOURCES).resolve(file);
    ImportedModel imported = ModelFormats.discover().read(path);
    if (!target.implementsOrRefuses(imported.weights(), null)) {
      return;
    }
    String name = path.getFileName().toString();
    JsonNode expected =
        JsonFiles.read(
            path.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".json"),
            "the framework's outputs");
    double[][][] inputs = JsonArrays.tensor3(expected.get("inputs"), "inputs");
    LstmState start =
        expected.path("stateInputs").asBoolean(false)
            ? state(expected.get("initialState"))
            : imported.initialState().orElse(null);
    Agreement agreement =
        name.contains("_f64") ? target.agreement() : Agreement.of(Tolerance.of(Precision.FLOAT32));
    try (LstmModel model = target.create(imported.weights())) {
      assertMatches(file + " (sequence)", agreement, expected, model.forward(inputs, start));
      if (imported.weights().spec().isCausal()) {
        assertMatches(file + " (step)", agreement, expected, model.forwardStepwise(inputs, start));
      }
    }
  }

  /** Every step's responses, or the last step's, and the final state when the file has one. */
  private static void assertMatches(
      String what, Agreement agreement, JsonNode expected, ForwardResult r) {
    double[][][] y = r.responses();
    if (expected.has("outputs")) {
      agreement.assertClose(
          what + " outputs", JsonArrays.tensor3(expected.get("outputs"), "outputs"), y);
    } else {
      double[][] last = new double[y.length][];
      for (int b = 0; b < y.length; b++) {
        last[b] = y[b][y[b].length - 1];
      }
      agreement.assertClose(
          what + " last outputs",
          JsonArrays.matrix(expected.get("lastOutputs"), "lastOutputs"),
          last);
    }
    if (expected.has("finalState")) {
      agreement.assertClose(
          what + " final state", state(expected.get("finalState")), r.finalState());
    }
  }

  private static LstmState state(JsonNode s) {
    return new LstmState(JsonArrays.tensor3(s.get("h"), "h"), JsonArrays.tensor3(s.get("c"), "c"));
  }
}
