package io.lstmirf.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.testing.FrameworkCase;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ONNX files PyTorch wrote (torch.onnx.export), bare LSTM nodes with initial states, and the graph
 * tf2onnx makes of a Keras LSTM, imported and run on the reference backend, against the outputs and
 * final states PyTorch or Keras computed (src/test/python). The bound is 1e-5; the
 * frameworks' float32 rounding leaves about 1e-7.
 */
class OnnxFrameworkFilesTest {
  private static final double FRAMEWORK_TOLERANCE = 1e-5;

  static Stream<Arguments> files() {
    return Stream.of(
        Arguments.of("torch_l1_time_major", LstmSpec.withHead(3, 4, 1, 2), "[T,B,I]"),
        Arguments.of("torch_l2_batch_first", LstmSpec.withHead(3, 4, 2, 2), "[B,T,I]"),
        Arguments.of("torch_l2_state_inputs", LstmSpec.of(3, 4, 2), "[T,B,I]"),
        Arguments.of("torch_l2_state_buffers", LstmSpec.withHead(3, 4, 2, 2), "[B,T,I]"),
        Arguments.of("torch_l1_last_step_gemm", LstmSpec.withHead(3, 4, 1, 2), "[B,T,I]"),
        Arguments.of("torch_l2_hn_gemm", LstmSpec.withHead(3, 4, 2, 2), "[B,T,I]"),
        Arguments.of("torch_l2_opset11", LstmSpec.withHead(3, 4, 2, 2), "[B,T,I]"),
        Arguments.of("bare_initial_state", LstmSpec.of(3, 4, 1), "[T,B,I]"),
        Arguments.of("bare_layout1", LstmSpec.of(3, 4, 1), "[B,T,I]"),
        Arguments.of("bare_default_activations", LstmSpec.of(3, 4, 1), "[T,B,I]"),
        Arguments.of("bare_sequence_lens_full", LstmSpec.of(3, 4, 1), "[T,B,I]"),
        Arguments.of("bare_peephole_zero", LstmSpec.of(3, 4, 1), "[T,B,I]"),
        Arguments.of("tf2onnx_keras_sequences", LstmSpec.withHead(3, 4, 1, 2), "[B,T,I]"),
        Arguments.of("tf2onnx_keras_last", LstmSpec.withHead(3, 4, 1, 2), "[B,T,I]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void importedModelReproducesTheFrameworksOutputs(String name, LstmSpec spec, String layout) {
    FrameworkCase expected = FrameworkCase.load("onnx", name);
    ImportedModel m = OnnxReader.read(FrameworkCase.resource("onnx", name + ".onnx"));

    assertEquals(ModelFormat.ONNX, m.format());
    assertEquals(spec, m.weights().spec());
    assertTrue(m.notes().get(0).contains(layout), m.notes().toString());
    double diff = expected.maxDifference(m.weights(), m.initialState());
    System.out.printf(
        "ONNX %-26s max |reference - framework| = %.2e (%s)%n", name, diff, expected.source());
    assertTrue(diff <= FRAMEWORK_TOLERANCE, name + ": " + diff);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void initialStateIsReadFromTheFileExactly(String name, LstmSpec spec, String layout) {
    FrameworkCase expected = FrameworkCase.load("onnx", name);
    ImportedModel m = OnnxReader.read(FrameworkCase.resource("onnx", name + ".onnx"));

    if (expected.initialState() == null || expected.stateInputs()) {
      assertTrue(m.initialState().isEmpty(), name);
    } else {
      assertEquals(expected.initialState(), m.initialState().orElseThrow(), name);
    }
  }

  @Test
  void stateFedAsGraphInputsIsNamedInTheNotes() {
    ImportedModel m = OnnxReader.read(FrameworkCase.resource("onnx", "torch_l2_state_inputs.onnx"));

    assertTrue(
        m.notes().stream().anyMatch(n -> n.contains("'h0' (h) and 'c0' (c), [L,B,H]")),
        m.notes().toString());
  }

  @Test
  void lastStepGraphsSayTheyOutputTheLastStepOnly() {
    ImportedModel m = OnnxReader.read(FrameworkCase.resource("onnx", "torch_l2_hn_gemm.onnx"));

    assertTrue(
        m.notes().contains("output 'y' is the head's outputs at the last step [B,O]"),
        m.notes().toString());
    assertTrue(
        m.notes().contains("output 'h_n' is the final hidden states of layers 0..1" + " [L,B,H]"),
        m.notes().toString());
  }
}
