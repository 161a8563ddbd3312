package io.lstmirf.api;

import java.util.Optional;

/**
 * What a whole-sequence forward pass returns. The arrays are fresh and belong to the caller.
 *
 * @param hidden the top layer's hidden states {@code [B][T][H]}
 * @param output the head's outputs {@code [B][T][O]}, present only when the model has a head
 * @param finalState {@code (h, c)} of every layer after the last time step
 */
public record ForwardResult(double[][][] hidden, Optional<double[][][]> output,
    LstmState finalState) {

  /** The series an impulse response is measured on: head outputs if any, else hidden states. */
  public double[][][] responses() {
    return output.orElse(hidden);
  }
}
