package io.lstmirf.api;

/**
 * The three GRU gates in canonical (PyTorch) order. Row block {@code k} of a GRU layer's {@code
 * W_ih}, {@code W_hh} and bias holds gate {@code values()[k]}: rows {@code [k*H, (k+1)*H)}.
 *
 * <pre>
 *   r  = sigmoid(W_ih[r] x + W_hh[r] h + b[r])
 *   z  = sigmoid(W_ih[z] x + W_hh[z] h + b[z])
 *   n  = tanh   (W_ih[n] x + b[n] + r * (W_hh[n] h + b_hn))
 *   h' = (1 - z) * n + z * h
 * </pre>
 *
 * {@code b[r]} and {@code b[z]} are the sums of PyTorch's {@code b_ih} and {@code b_hh} blocks
 * (only the sum matters); {@code b[n]} is PyTorch's {@code b_in}, and {@code b_hn}, which r scales,
 * is the layer's separate recurrent bias.
 */
public enum GruGate {
  /** r: reset gate (sigmoid); scales the recurrent part of the candidate. */
  RESET,
  /** z: update gate (sigmoid), the memory gate: the share of {@code h} kept. */
  UPDATE,
  /** n: candidate (tanh). */
  NEW;

  /** First row of this gate's block for hidden size {@code hiddenSize}. */
  public int offset(int hiddenSize) {
    return ordinal() * hiddenSize;
  }
}
