package io.lstmirf.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.testing.FrameworkCase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recurrent variants as frameworks write them (src/test/python/make_onnx_variant_files.py):
 * torch.onnx.export of nn.GRU, bidirectional nn.LSTM and nn.GRU, stacked GRUs with a Linear head;
 * bare LSTM nodes with peepholes and a GRU node made with onnx.helper. Imported and run on the
 * reference backend, they reproduce PyTorch's or ONNX's own outputs and final states within 1e-9
 * when the files and numbers are float64 ({@code _f64}) and 1e-5 when they are float32.
 */
class OnnxVariantFilesTest {
  private static final LayerKind BI_LSTM = LayerKind.LSTM.bidirectional();
  private static final LayerKind BI_GRU = LayerKind.GRU.bidirectional();

  static Stream<Arguments> files() {
    return Stream.of(
        Arguments.of("torch_gru_f64", LstmSpec.of(3, 4, 1).withKind(LayerKind.GRU)),
        Arguments.of(
            "torch_gru_l2_head_f64", LstmSpec.withHead(3, 4, 2, 2).withKind(LayerKind.GRU)),
        Arguments.of(
            "torch_gru_l2_head_f32", LstmSpec.withHead(3, 4, 2, 2).withKind(LayerKind.GRU)),
        Arguments.of("torch_bilstm_l2_head_f64", LstmSpec.withHead(3, 4, 2, 2).withKind(BI_LSTM)),
        Arguments.of("torch_bilstm_l2_head_f32", LstmSpec.withHead(3, 4, 2, 2).withKind(BI_LSTM)),
        Arguments.of("torch_bigru_time_major_f64", LstmSpec.of(3, 4, 1).withKind(BI_GRU)),
        Arguments.of("torch_bilstm_l2_state_inputs_f64", LstmSpec.of(3, 4, 2).withKind(BI_LSTM)),
        Arguments.of(
            "bare_peephole_f64", LstmSpec.of(3, 4, 1).withKind(LayerKind.LSTM.withPeepholes())),
        Arguments.of(
            "bare_peephole_bidirectional_f32",
            LstmSpec.of(3, 4, 1).withKind(LayerKind.LSTM.withPeepholes().bidirectional())),
        Arguments.of(
            "bare_gru_linear_before_reset_f64", LstmSpec.of(3, 4, 1).withKind(LayerKind.GRU)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void importedVariantsReproduceTheFrameworksOutputs(String name, LstmSpec spec) {
    FrameworkCase expected = FrameworkCase.load("onnx", name);
    ImportedModel m = OnnxReader.read(FrameworkCase.resource("onnx", name + ".onnx"));

    assertEquals(spec, m.weights().spec());
    double bound = name.endsWith("_f64") ? 1e-9 : 1e-5;
    double diff = expected.maxDifference(m.weights(), m.initialState());
    System.out.printf(
        "ONNX %-34s max |reference - framework| = %.2e (%s)%n", name, diff, expected.source());
    assertTrue(diff <= bound, name + ": " + diff + " > " + bound);
    if (expected.initialState() != null && !expected.stateInputs()) {
      assertEquals(
          expected.initialState(),
          m.initialState().orElseThrow(),
          "the fixed initial state, read exactly");
    }
  }

  @Test
  void aBidirectionalStackFedItsStateNamesTheSlots() {
    ImportedModel m =
        OnnxReader.read(FrameworkCase.resource("onnx", "torch_bilstm_l2_state_inputs_f64.onnx"));

    assertTrue(m.initialState().isEmpty());
    assertTrue(
        m.notes()
            .contains(
                "the initial state is fed at run time: graph input 'h0' (h)"
                    + " and 'c0' (c), [L,B,H] (L counting each direction)"),
        m.notes().toString());
  }

  /** Files the reader refused before it read the variants; they carry no numbers. */
  @Test
  void filesOnceRefusedAreReadAsTheirVariants() {
    List<Object[]> cases =
        List.of(
            new Object[] {"torch_gru", LstmSpec.of(3, 4, 1).withKind(LayerKind.GRU)},
            new Object[] {"torch_bidirectional", LstmSpec.of(3, 4, 1).withKind(BI_LSTM)},
            new Object[] {"bare_bidirectional", LstmSpec.of(3, 4, 1).withKind(BI_LSTM)},
            new Object[] {
              "bare_peephole_nonzero", LstmSpec.of(3, 4, 1).withKind(LayerKind.LSTM.withPeepholes())
            });
    for (Object[] c : cases) {
      ImportedModel m = OnnxReader.read(FrameworkCase.resource("onnx", c[0] + ".onnx"));
      assertEquals(c[1], m.weights().spec(), (String) c[0]);
    }
  }
}
