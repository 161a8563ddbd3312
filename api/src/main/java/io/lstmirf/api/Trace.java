package io.lstmirf.api;

/**
 * Extra per-step quantities a forward pass can record besides the hidden states and head outputs.
 * Backends compute them in the engine; asking for none keeps the fast path. A bidirectional layer
 * records both directions, concatenated forward then backward ({@code [2H]} per step).
 */
public enum Trace {
  /**
   * The top layer's memory at every step, {@code [B][T][directions * H]}: an LSTM's cell state
   * {@code c_t}; for a GRU, whose memory is its hidden state, {@code h_t}.
   */
  CELL_STATES,
  /**
   * Every layer's memory-gate activation, {@code [L][B][T][directions * H]}: an LSTM's forget gate
   * {@code f_t = sigmoid(W_f x_t + U_f h_{t-1} + b_f)} (with peepholes {@code + p_f c_{t-1}}), a
   * GRU's update gate {@code z_t = sigmoid(W_z x_t + U_z h_{t-1} + b_z)}: the share of the memory
   * each unit keeps, what sets its memory time ({@link CellKind}).
   */
  FORGET_GATES
}
