package io.lstmirf.backend.reference;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import java.util.Arrays;

/**
 * The state of a stepped batch and one step through every layer, for sessions: states are {@code
 * [layer][batch * H]} (a session's model is causal, so a layer has one slot), the scratch is
 * allocated once, never per step, and the weights are read live, so that trainer steps and a
 * changed memory-gate bias show at the next step.
 */
final class ReferenceRunner {
  private final ReferenceParameters params;
  private final int inputSize;
  private final int hidden;
  private final int numLayers;
  final int batch;
  final double[][] h;
  final double[][] c;
  private final double[] zx;
  private final double[] zh;
  private final double[] act;

  ReferenceRunner(ReferenceParameters params, int batch) {
    this.params = params;
    LstmSpec spec = params.spec;
    this.inputSize = spec.inputSize();
    this.hidden = spec.hiddenSize();
    this.numLayers = spec.numLayers();
    this.batch = batch;
    int rows = 4 * hidden; // the most any cell has: an LSTM's 4 gate blocks
    this.zx = new double[rows];
    this.zh = new double[rows];
    this.act = new double[ReferenceGates.ACTIVATIONS_PER_UNIT * hidden];
    h = new double[numLayers][batch * hidden];
    c = new double[numLayers][batch * hidden];
  }

  void load(LstmState state) {
    double[][][] hs = state.h();
    double[][][] cs = state.c();
    for (int l = 0; l < numLayers; l++) {
      for (int b = 0; b < batch; b++) {
        System.arraycopy(hs[l][b], 0, h[l], b * hidden, hidden);
        System.arraycopy(cs[l][b], 0, c[l], b * hidden, hidden);
      }
    }
  }

  void clear() {
    for (int l = 0; l < numLayers; l++) {
      Arrays.fill(h[l], 0);
      Arrays.fill(c[l], 0);
    }
  }

  /** Advances every layer one step on {@code x[b]} (the inputs of batch row b at this step). */
  void step(double[][] x) {
    for (int l = 0; l < numLayers; l++) {
      ReferenceParameters.Slot w = params.slots[l];
      ReferenceGates gates = ReferenceGates.of(w.kind.cell());
      double[] zRec = gates.separateRecurrent() ? zh : zx;
      for (int b = 0; b < batch; b++) {
        int off = b * hidden;
        double[] in = l == 0 ? x[b] : h[l - 1];
        int inOffset = l == 0 ? 0 : off;
        int inSize = l == 0 ? inputSize : hidden;
        ReferenceCell.preActivations(
            w.weightIh, w.weightHh, w.bias, in, inOffset, inSize, h[l], off, hidden, zx, zRec);
        gates.forward(w, zx, zRec, h[l], c[l], off, act, 0);
      }
    }
  }

  void topHidden(int b, double[] out) {
    System.arraycopy(h[numLayers - 1], b * hidden, out, 0, hidden);
  }

  void headOutput(int b, double[] out) {
    ReferenceCell.dense(
        params.headWeight, params.headBias, h[numLayers - 1], b * hidden, hidden, out, 0);
  }

  LstmState state() {
    return stateOf(h, c, batch, hidden);
  }

  /** The state held in per-slot rows {@code [S][B*H]}. */
  static LstmState stateOf(double[][] h, double[][] c, int batch, int hidden) {
    return LstmState.ofFlat(h.length, batch, hidden, flat(h), flat(c));
  }

  private static double[] flat(double[][] slots) {
    int n = slots[0].length;
    double[] out = new double[slots.length * n];
    for (int s = 0; s < slots.length; s++) {
      System.arraycopy(slots[s], 0, out, s * n, n);
    }
    return out;
  }
}
