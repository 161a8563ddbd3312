package io.lstmirf.interop.keras;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.interop.UnsupportedModelException;
import io.lstmirf.testing.FrameworkCase;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keras models the canonical layers cannot represent, written by Keras 3.15.1 (make_keras_files.py)
 * and by Keras 2 (DL4J's test resources), are refused with one line naming the file, the layer and
 * the construct. Keras numbers layer names per session, so the name is matched loosely.
 */
class KerasRefusalTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "keras_bidirectional.keras  | bidirectional\\w* | Bidirectional | return_sequences=False",
        "keras_bidirectional_sum.keras | bidirectional\\w* | Bidirectional | merge_mode='sum'",
        "keras_gru_reset_before.keras | gru\\w*      | GRU           | reset_after=False",
        "keras_hard_sigmoid.keras   | lstm\\w*       | LSTM | recurrent_activation='hard_sigmoid'",
        "keras_relu.keras           | lstm\\w*       | LSTM          | activation='relu'",
        "keras_masking.keras        | masking\\w*    | Masking       | a Masking layer",
        "keras_go_backwards.keras   | lstm\\w*       | LSTM          | go_backwards=True",
        "keras_stateful.keras       | lstm\\w*       | LSTM          | stateful=True",
        "keras_return_state.keras   | lstm\\w*       | LSTM          | return_state=True",
        "keras_dense_softmax.keras  | dense\\w*      | Dense         | activation='softmax'",
        "keras_repeat_vector.keras  | repeat_vector\\w* | RepeatVector | a RepeatVector layer",
        "keras_mixed_units.keras    | lstm\\w*       | LSTM   | units=3 on top of units=4",
        "dl4j/bidirectional_lstm_tensorflow_2.h5 | bidirectional_1 | Bidirectional"
            + " | recurrent_activation='hard_sigmoid'",
        "dl4j/lstm_functional_tf_keras_2.h5 | lstm | LSTM | recurrent_activation='hard_sigmoid'",
        "dl4j/simple_flatten_lstm_tf_keras_2_model.h5 | lstm_1 | LSTM"
            + " | recurrent_activation='hard_sigmoid'"
      })
  void unsupportedModelsAreRefusedNamingLayerAndConstruct(
      String file, String name, String cls, String construct) {
    Path path = FrameworkCase.resource("keras", file);

    UnsupportedModelException e =
        assertThrows(UnsupportedModelException.class, () -> KerasReader.read(path));

    String expected =
        Pattern.quote(path + ": layer '")
            + name
            + Pattern.quote("' (" + cls + "): " + construct + " cannot be imported: ")
            + ".+";
    assertTrue(e.getMessage().matches(expected), e.getMessage());
    assertTrue(e.construct().equals(construct), e.construct());
    assertFalse(e.getMessage().contains("\n"));
  }
}
