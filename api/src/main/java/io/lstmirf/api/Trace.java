package io.lstmirf.api;

/**
 * Extra per-step quantities a forward pass can record besides the hidden states and head outputs.
 * Backends compute them in the engine; asking for none keeps the fast path.
 */
public enum Trace {
  /** The top layer's cell state {@code c_t} at every step, {@code [B][T][H]}: the memory itself. */
  CELL_STATES,
  /**
   * Every layer's forget-gate activation {@code f_t = sigmoid(W_f x_t + U_f h_{t-1} + b_f)},
   * {@code [L][B][T][H]}: what sets each unit's memory time.
   */
  FORGET_GATES
}
