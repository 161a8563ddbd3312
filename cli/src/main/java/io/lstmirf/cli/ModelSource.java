package io.lstmirf.cli;

import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.interop.ImportedModel;
import java.util.List;
import java.util.Optional;

/**
 * A model as read from its file by {@link ModelLoader}, whatever the format.
 *
 * @param weights the canonical weights
 * @param initialState the state a framework file fixes, if any
 * @param format what the file was: {@code lstm-irf JSON}, {@code ONNX model}, ...
 * @param notes what the weights do not say about the file, one line each
 */
public record ModelSource(
    LstmWeights weights, Optional<LstmState> initialState, String format, List<String> notes) {

  static ModelSource json(LstmWeights weights) {
    return new ModelSource(weights, Optional.empty(), "lstm-irf JSON", List.of());
  }

  static ModelSource of(ImportedModel m) {
    return new ModelSource(m.weights(), m.initialState(), m.format().description(), m.notes());
  }
}
