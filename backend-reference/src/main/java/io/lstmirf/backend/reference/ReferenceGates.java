package io.lstmirf.backend.reference;

import io.lstmirf.api.CellKind;

/**
 * The gate arithmetic of one cell kind for one batch row, forward and backward. Pre-activations
 * come in from {@link ReferenceCell}: {@code zx = b + W_ih x} and {@code zh = W_hh h}. Every kind
 * keeps {@value #ACTIVATIONS_PER_UNIT} activations per unit for its backward pass, block 1 being
 * the memory gate (f, z), which is what {@link io.lstmirf.api.Trace#FORGET_GATES} records.
 *
 * <p>The backward pass of one step splits the error of the pre-activations in two, {@code dzIn}
 * (for {@code W_ih}, {@code b} and the input) and {@code dzRec} (for {@code W_hh} and {@code
 * h_{t-1}}), which differ only in a GRU's n block, and gives the error reaching {@code h_{t-1}}
 * directly rather than through {@code W_hh} (a GRU's {@code z * h} term).
 */
sealed interface ReferenceGates permits ReferenceLstmGates, ReferenceGruGates {
  /** Activations kept per unit and step: i, f, g, o of an LSTM; r, z, n, W_hn h + b_hn of a GRU. */
  int ACTIVATIONS_PER_UNIT = 4;

  /** The arithmetic of {@code cell}. */
  static ReferenceGates of(CellKind cell) {
    return cell == CellKind.GRU ? ReferenceGruGates.INSTANCE : ReferenceLstmGates.INSTANCE;
  }

  /** Whether {@code zh} must be kept apart from {@code zx} (else one array holds their sum). */
  boolean separateRecurrent();

  /**
   * One step: updates {@code h} and {@code c} of the row at {@code off} in place from the
   * pre-activations, storing the row's activations at {@code act[actOff..actOff + 4H)}.
   */
  void forward(
      ReferenceParameters.Slot w,
      double[] zx,
      double[] zh,
      double[] h,
      double[] c,
      int off,
      double[] act,
      int actOff);

  /**
   * The backward pass of one step of the row at {@code off}.
   *
   * @param dh the error reaching {@code h_t}, {@code [H]} from 0
   * @param dc in: the error reaching {@code c_t} from step t+1; out: the error reaching {@code
   *     c_{t-1}} (an LSTM's; untouched for a GRU)
   * @param dhDirect out: the error reaching {@code h_{t-1}} not through {@code W_hh}, {@code [H]}
   * @param grad where the cell's own gradients (peepholes, {@code b_hn}) accumulate
   */
  void backward(
      ReferenceParameters.Slot w,
      ReferenceParameters.Slot grad,
      double[] act,
      int actOff,
      double[] hPrev,
      double[] cPrev,
      double[] cNow,
      int off,
      double[] dh,
      double[] dc,
      double[] dzIn,
      double[] dzRec,
      double[] dhDirect);
}
