package io.lstmirf.interop;

import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a framework file holds, in canonical form.
 *
 * @param weights the canonical weights, exactly as stored (float32 values widened exactly)
 * @param initialState the initial state the file fixes ({@code [L][B][H]}, for the batch size the
 *     file was saved with), empty when it starts from zeros or takes the state as an input
 * @param format the format that was read
 * @param notes facts a user should know about the file that the weights do not say, e.g. the
 *     graph's input layout or that it outputs only the last time step; one line each
 */
public record ImportedModel(
    LstmWeights weights, Optional<LstmState> initialState, ModelFormat format, List<String> notes) {

  public ImportedModel {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(format, "format");
    initialState = initialState == null ? Optional.empty() : initialState;
    notes = List.copyOf(notes);
  }

  /** A model that starts from zeros, with no notes. */
  public static ImportedModel of(LstmWeights weights, ModelFormat format) {
    return new ImportedModel(weights, Optional.empty(), format, List.of());
  }
}
