package io.lstmirf.api;

import java.util.Optional;

/**
 * What one step of a {@link LstmSession} returns. The arrays are fresh and belong to the caller.
 * Sessions exist for causal models only (no bidirectional layer), so the top layer outputs H.
 *
 * @param hidden the top layer's new hidden state {@code [B][H]}
 * @param output the head's output {@code [B][O]}, present only when the model has a head
 */
public record StepResult(double[][] hidden, Optional<double[][]> output) {

  /** Head outputs if any, else hidden states. */
  public double[][] responses() {
    return output.orElse(hidden);
  }
}
