package io.lstmirf.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * Runs a forward pass in pieces of whole sequences and joins the pieces: sequences of a batch are
 * independent, so a batch too large for one engine call gives the same result as one call, at the
 * cost of one call per piece. The pieces' arrays become the result's rows; nothing is copied twice.
 */
final class BatchPieces {
  /** One engine call on a piece of the batch. */
  interface Call {
    ForwardResult run(double[][][] inputs, LstmState initialState);
  }

  private BatchPieces() {}

  /** {@code inputs} in pieces of at most {@code rows} sequences. */
  static ForwardResult run(double[][][] inputs, LstmState initialState, int rows, Call call) {
    int batch = inputs.length;
    ForwardResult first = null;
    double[][][] hidden = new double[batch][][];
    double[][][] output = null;
    double[][][] cells = null;
    double[][][][] gates = null;
    double[][][] h = null;
    double[][][] c = null;
    for (int from = 0; from < batch; from += rows) {
      int to = Math.min(batch, from + rows);
      ForwardResult r =
          call.run(
              Arrays.copyOfRange(inputs, from, to),
              initialState == null ? null : initialState.rows(from, to));
      if (first == null) {
        first = r;
        output = r.output().isPresent() ? new double[batch][][] : null;
        cells = r.cellStates().isPresent() ? new double[batch][][] : null;
        gates = r.forgetGates().map(g -> new double[g.length][batch][][]).orElse(null);
        int layers = r.finalState().numLayers();
        h = new double[layers][batch][];
        c = new double[layers][batch][];
      }
      place(r.hidden(), hidden, from);
      if (output != null) {
        place(r.output().orElseThrow(), output, from);
      }
      if (cells != null) {
        place(r.cellStates().orElseThrow(), cells, from);
      }
      if (gates != null) {
        double[][][][] g = r.forgetGates().orElseThrow();
        for (int l = 0; l < gates.length; l++) {
          place(g[l], gates[l], from);
        }
      }
      double[][][] rh = r.finalState().h();
      double[][][] rc = r.finalState().c();
      for (int l = 0; l < h.length; l++) {
        place(rh[l], h[l], from);
        place(rc[l], c[l], from);
      }
    }
    return new ForwardResult(
        hidden,
        Optional.ofNullable(output),
        new LstmState(h, c),
        Optional.ofNullable(cells),
        Optional.ofNullable(gates));
  }

  private static <T> void place(T[] piece, T[] whole, int from) {
    System.arraycopy(piece, 0, whole, from, piece.length);
  }
}
