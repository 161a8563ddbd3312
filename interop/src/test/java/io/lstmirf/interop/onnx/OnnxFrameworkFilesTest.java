package io.lstmirf.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.interop.FrameworkCase;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ONNX files PyTorch wrote (torch.onnx.export) and bare LSTM nodes with initial states, imported
 * and run on the reference backend, against the outputs and final states PyTorch computed
 * (src/test/python/make_onnx_files.py). The bound is 1e-5; float32 rounding in PyTorch
 * leaves about 1e-7.
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
        Arguments.of("bare_initial_state", LstmSpec.of(3, 4, 1), "[T,B,I]"),
        Arguments.of("bare_layout1", LstmSpec.of(3, 4, 1), "[B,T,I]"),
        Arguments.of("bare_default_activations", LstmSpec.of(3, 4, 1), "[T,B,I]"),
        Arguments.of("bare_sequence_lens_full", LstmSpec.of(3, 4, 1), "[T,B,I]"),
        Arguments.of("bare_peephole_zero", LstmSpec.of(3, 4, 1), "[T,B,I]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void importedModelReproducesTheFrameworksOutputs(String name, LstmSpec spec, String layout) {
    FrameworkCase expected = FrameworkCase.load("onnx", name);
    ImportedModel m = OnnxReader.read(FrameworkCase.resource("onnx", name + ".onnx"));

    assertEquals(ModelFormat.ONNX, m.format());
    assertEquals(spec, m.weights().spec());
    assertTrue(m.notes().get(0).contains(layout), m.notes().toString());
    double diff = expected.maxDifference(m);
    System.out.printf("ONNX %-26s max |reference - framework| = %.2e (%s)%n", name, diff,
        expected.source());
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
    ImportedModel m = OnnxReader.read(FrameworkCase.resource("onnx",
        "torch_l2_state_inputs.onnx"));

    assertTrue(m.notes().stream().anyMatch(n -> n.contains("'h0' (h) and 'c0' (c), [L,B,H]")),
        m.notes().toString());
  }

  @Test
  void lastStepGraphsSayTheyOutputTheLastStepOnly() {
    ImportedModel m = OnnxReader.read(FrameworkCase.resource("onnx",
        "torch_l2_hn_gemm.onnx"));

    assertTrue(m.notes().contains("output 'y' is the head's outputs at the last step [B,O]"),
        m.notes().toString());
    assertTrue(m.notes().contains("output 'h_n' is the final hidden states of layers 0..1"
        + " [L,B,H]"), m.notes().toString());
  }
}
