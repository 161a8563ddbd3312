package io.lstmirf.api;

/**
 * The four LSTM gates in canonical order. Row block {@code k} of {@code W_ih}, {@code W_hh} and the
 * bias holds gate {@code values()[k]}: rows {@code [k*H, (k+1)*H)}.
 */
public enum Gate {
  /** i: input gate (sigmoid). */
  INPUT,
  /** f: forget gate (sigmoid). Its bias sets how long the cell remembers. */
  FORGET,
  /** g: cell candidate (tanh). */
  CELL,
  /** o: output gate (sigmoid). */
  OUTPUT;

  /** First row of this gate's block for hidden size {@code hiddenSize}. */
  public int offset(int hiddenSize) {
    return ordinal() * hiddenSize;
  }
}
