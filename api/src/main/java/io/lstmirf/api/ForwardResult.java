package io.lstmirf.api;

import java.util.Optional;

/**
 * What a whole-sequence forward pass returns. The arrays are fresh and belong to the caller.
 *
 * @param hidden the top layer's outputs {@code [B][T][directions * H]}: its hidden states, forward
 *     then backward for a bidirectional layer
 * @param output the head's outputs {@code [B][T][O]}, present only when the model has a head
 * @param finalState {@code (h, c)} of every layer and direction after the last time step (a
 *     backward direction's after the first)
 * @param cellStates the top layer's memory {@code [B][T][directions * H]} (c of an LSTM, h of a
 *     GRU), present only when {@link Trace#CELL_STATES} was asked for
 * @param forgetGates every layer's memory-gate activations {@code [L][B][T][directions * H]} (f of
 *     an LSTM, z of a GRU), present only when {@link Trace#FORGET_GATES} was asked for
 */
public record ForwardResult(
    double[][][] hidden,
    Optional<double[][][]> output,
    LstmState finalState,
    Optional<double[][][]> cellStates,
    Optional<double[][][][]> forgetGates) {

  /** A result without traces. */
  public ForwardResult(double[][][] hidden, Optional<double[][][]> output, LstmState finalState) {
    this(hidden, output, finalState, Optional.empty(), Optional.empty());
  }

  /** The series an impulse response is measured on: head outputs if any, else hidden states. */
  public double[][][] responses() {
    return output.orElse(hidden);
  }
}
