package io.lstmirf.backend.reference;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.train.DropoutMasks;
import java.util.Arrays;

/**
 * Whole sequences through every layer, one layer at a time (a bidirectional layer needs its whole
 * input before its backward direction can start), each direction over its own time order: the
 * forward direction from step 0, the backward one from step T-1, their outputs side by side,
 * forward then backward. Pre-activations come from transposed weights ({@link
 * ReferenceTransposedWeights}), refreshed at every {@link #run}.
 *
 * <p>When {@code recording}, every state, activation and layer input stays, for {@link
 * ReferenceBptt}; the buffers are kept for the next run with the same batch shape, so that a
 * trainer allocates nothing per step. Otherwise only each layer's outputs are kept, long enough to
 * feed the layer above. Dropout masks, when given, multiply each layer's input and recurrent input
 * where they enter the weights.
 */
final class ReferenceSequence {
  private final ReferenceParameters params;
  private final ReferenceTransposedWeights transposed;
  private final LstmSpec spec;
  private final int hidden;
  private final boolean recording;

  int batch = -1;
  int steps = -1;

  /**
   * {@code [L][T][B*in]}: what each layer read (recording only; the top's output is {@link #top}).
   */
  double[][][] layerInputs;

  /** {@code [T][B*out]}: the top layer's output. */
  double[][] top;

  /** {@code [S][T+1][B*H]}: states by processing step; index 0 is the initial state (recording). */
  double[][][] h;

  double[][][] c;

  /** {@code [S][T][B*4H]}: activations by processing step (recording). */
  double[][][] act;

  /** {@code [S][B*H]}: states after the last processing step. */
  double[][] finalH;

  double[][] finalC;

  /** {@code [B][T][out]} of the top layer's memory (c, or h of a GRU), when asked for. */
  double[][][] cellTrace;

  /** {@code [L][B][T][out]} of every layer's memory gates, when asked for. */
  double[][][][] gateTrace;

  ReferenceSequence(ReferenceParameters params, boolean recording) {
    this.params = params;
    this.spec = params.spec;
    this.hidden = spec.hiddenSize();
    this.recording = recording;
    this.transposed = new ReferenceTransposedWeights(params);
  }

  /**
   * Runs {@code inputs [B][T][I]} from {@code initial} (null: zeros) with {@code masks}, recording
   * the memory and memory-gate traces if asked.
   */
  void run(
      double[][][] inputs, LstmState initial, DropoutMasks masks, boolean cells, boolean gates) {
    allocate(inputs.length, inputs[0].length);
    transposed.refresh();
    int layers = spec.numLayers();
    cellTrace = cells ? new double[batch][steps][spec.outputSize()] : null;
    gateTrace = gates ? new double[layers][][][] : null;
    double[][] in = timeMajor(inputs, recording ? layerInputs[0] : null);
    for (int l = 0; l < layers; l++) {
      if (gates) {
        gateTrace[l] = new double[batch][steps][spec.layerOutputSize(l)];
      }
      double[][] out =
          !recording
              ? new double[steps][batch * spec.layerOutputSize(l)]
              : l + 1 < layers ? layerInputs[l + 1] : top;
      for (int d = 0; d < spec.layerKind(l).directions(); d++) {
        runDirection(l, d, in, out, initial, masks);
      }
      in = out;
    }
    top = in;
  }

  private void runDirection(
      int l, int d, double[][] in, double[][] out, LstmState initial, DropoutMasks masks) {
    int s = spec.stateSlot(l, d);
    ReferenceParameters.Slot w = params.slots[s];
    ReferenceGates gates = ReferenceGates.of(w.kind.cell());
    int inSize = w.inputSize;
    int outSize = spec.layerOutputSize(l);
    int actRow = ReferenceGates.ACTIVATIONS_PER_UNIT * hidden;
    double[] hs = recording ? h[s][0] : new double[batch * hidden];
    double[] cs = recording ? c[s][0] : new double[batch * hidden];
    if (initial != null) {
      load(initial.h()[s], hs);
      load(initial.c()[s], cs);
    } else {
      Arrays.fill(hs, 0);
      Arrays.fill(cs, 0);
    }
    double[] zx = new double[w.gateRows()];
    double[] zh = gates.separateRecurrent() ? new double[w.gateRows()] : zx;
    double[] scratchAct = recording ? null : new double[batch * actRow];
    double[][] inMask = masks.input().map(m -> m[s]).orElse(null);
    double[][] hMask = masks.recurrent().map(m -> m[s]).orElse(null);
    double[] xDropped = new double[inSize];
    double[] hDropped = new double[hidden];
    boolean topLayer = l == spec.numLayers() - 1;
    for (int tau = 0; tau < steps; tau++) {
      int t = d == 0 ? tau : steps - 1 - tau;
      double[] a = recording ? act[s][tau] : scratchAct;
      if (recording) {
        System.arraycopy(hs, 0, h[s][tau + 1], 0, hs.length);
        System.arraycopy(cs, 0, c[s][tau + 1], 0, cs.length);
        hs = h[s][tau + 1];
        cs = c[s][tau + 1];
      }
      for (int b = 0; b < batch; b++) {
        int off = b * hidden;
        double[] x = in[t];
        int xOff = b * inSize;
        if (inMask != null) {
          x = ReferenceCell.masked(in[t], xOff, inMask[b], inSize, xDropped, 0);
          xOff = 0;
        }
        double[] hIn =
            hMask == null ? hs : ReferenceCell.masked(hs, off, hMask[b], hidden, hDropped, 0);
        ReferenceCell.preActivationsTransposed(
            transposed.weightIh[s],
            transposed.weightHh[s],
            w.bias,
            x,
            xOff,
            inSize,
            hIn,
            hMask == null ? off : 0,
            hidden,
            zx,
            zh);
        gates.forward(w, zx, zh, hs, cs, off, a, b * actRow);
        System.arraycopy(hs, off, out[t], b * outSize + d * hidden, hidden);
        if (gateTrace != null) {
          System.arraycopy(a, b * actRow + hidden, gateTrace[l][b][t], d * hidden, hidden);
        }
        if (cellTrace != null && topLayer) {
          System.arraycopy(
              w.kind.cell() == CellKind.LSTM ? cs : hs, off, cellTrace[b][t], d * hidden, hidden);
        }
      }
    }
    finalH[s] = hs.clone();
    finalC[s] = cs.clone();
  }

  /** The final state of every slot, {@code [S][B][H]}. */
  LstmState finalState() {
    return ReferenceRunner.stateOf(finalH, finalC, batch, hidden);
  }

  private void load(double[][] rows, double[] flat) {
    for (int b = 0; b < batch; b++) {
      System.arraycopy(rows[b], 0, flat, b * hidden, hidden);
    }
  }

  /** {@code [B][T][I]} as {@code [T][B*I]}, into {@code into} if given. */
  private double[][] timeMajor(double[][][] inputs, double[][] into) {
    int in = spec.inputSize();
    double[][] out = into != null ? into : new double[steps][batch * in];
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        System.arraycopy(inputs[b][t], 0, out[t], b * in, in);
      }
    }
    return out;
  }

  private void allocate(int newBatch, int newSteps) {
    int slots = spec.stateSlots();
    finalH = new double[slots][];
    finalC = new double[slots][];
    if (newBatch == batch && newSteps == steps) {
      return;
    }
    batch = newBatch;
    steps = newSteps;
    if (!recording) {
      return;
    }
    int bh = batch * hidden;
    h = new double[slots][steps + 1][bh];
    c = new double[slots][steps + 1][bh];
    act = new double[slots][steps][ReferenceGates.ACTIVATIONS_PER_UNIT * bh];
    layerInputs = new double[spec.numLayers()][][];
    for (int l = 0; l < spec.numLayers(); l++) {
      layerInputs[l] = new double[steps][batch * spec.layerInputSize(l)];
    }
    top = new double[steps][batch * spec.outputSize()];
  }
}
