package io.lstmirf.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.interop.UnsupportedModelException;
import io.lstmirf.testing.FrameworkCase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the canonical layers cannot represent is refused with one line naming the file, the node and
 * the construct: files PyTorch wrote and bare nodes made with onnx.helper
 * (src/test/python/make_onnx_files.py). GRUs with linear_before_reset=1, bidirectional layers and
 * peepholes are read now (OnnxVariantFilesTest).
 */
class OnnxRefusalTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "torch_head_sigmoid      | Sigmoid node '/Sigmoid'           | a Sigmoid reading the"
            + " head's outputs at every step [T,B,O]",
        "bare_clip               | LSTM node 'bare_clip_node'        | clip=3.0",
        "bare_reverse            | LSTM node 'bare_reverse_node'     | direction=reverse",
        "bare_hard_sigmoid       | LSTM node 'bare_hard_sigmoid_node' | activations=[HardSigmoid,"
            + " Tanh, Tanh]",
        "bare_input_forget       | LSTM node 'bare_input_forget_node' | input_forget=1",
        "bare_gru                | GRU node 'bare_gru_node'          | linear_before_reset=0 (the"
            + " reset gate applied to h before the recurrent weights, as Keras' reset_after=False)",
        "bare_sequence_lens_short | LSTM node 'bare_sequence_lens_short_node' | sequence_lens"
            + " [5, 3] for T = 5",
        "bare_sequence_lens_dynamic | LSTM node 'bare_sequence_lens_dynamic_node' |"
            + " sequence_lens [5, 5] with a sequence length the file leaves open"
      })
  void unsupportedConstructsAreRefusedNamingNodeAndConstruct(
      String name, String where, String construct) {
    Path file = FrameworkCase.resource("onnx", name + ".onnx");

    UnsupportedModelException e =
        assertThrows(UnsupportedModelException.class, () -> OnnxReader.read(file));

    assertTrue(
        e.getMessage().startsWith(file + ": " + where + ": " + construct + " cannot be imported: "),
        e.getMessage());
    assertEquals(construct, e.construct());
    assertEquals(where, e.where());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aFileThatIsNotOnnxIsRejectedAsSuch(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("junk.onnx"), "not a model");

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> OnnxReader.read(file));

    assertTrue(e.getMessage().startsWith(file + " is not an ONNX model"), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    Path file = dir.resolve("none.onnx");

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> OnnxReader.read(file));

    assertEquals("model file " + file + " does not exist", e.getMessage());
  }
}
