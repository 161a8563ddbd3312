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
    // Pre-activations of batch rows b and b + 1, computed together (one pass over the weights for
    // both: ReferenceCell.addTwoRowsTimesMatrix), then used one row at a time.
    double[][] zx = new double[2][w.gateRows()];
    double[][] zh = gates.separateRecurrent() ? new double[2][w.gateRows()] : zx;
    double[] scratchAct = recording ? null : new double[batch * actRow];
    double[][] inMask = masks.input().map(m -> m[s]).orElse(null);
    double[][] hMask = masks.recurrent().map(m -> m[s]).orElse(null);
    // masked inputs sit where their rows sit: a row's offset is the same masked or not
    double[] xDropped = new double[batch * inSize];
    double[] hDropped = new double[batch * hidden];
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
        int pair = b & 1; // row b's pre-activations: computed with row b - 1's when odd
        if (pair == 0) {
          double[] x0 = rowInput(in[t], b, inSize, inMask, xDropped);
          double[] h0 = rowInput(hs, b, hidden, hMask, hDropped);
          if (b + 1 < batch) {
            ReferenceCell.preActivationsTransposed(
                transposed.weightIh[s],
                transposed.weightHh[s],
                w.bias,
                x0,
                b * inSize,
                rowInput(in[t], b + 1, inSize, inMask, xDropped),
                (b + 1) * inSize,
                inSize,
                h0,
                off,
                rowInput(hs, b + 1, hidden, hMask, hDropped),
                off + hidden,
                hidden,
                zx[0],
                zh[0],
                zx[1],
                zh[1]);
          } else {
            ReferenceCell.preActivationsTransposed(
                transposed.weightIh[s],
                transposed.weightHh[s],
                w.bias,
                x0,
                b * inSize,
                inSize,
                h0,
                off,
                hidden,
                zx[0],
                zh[0]);
          }
        }
        gates.forward(w, zx[pair], zh[pair], hs, cs, off, a, b * actRow);
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

  /**
   * Row {@code b} of {@code rows} ({@code [B x n]}) as a layer's weights see it: {@code rows}
   * itself, or with a dropout mask, the row masked into the same place of {@code scratch}.
   */
  private static double[] rowInput(double[] rows, int b, int n, double[][] mask, double[] scratch) {
    return mask == null ? rows : ReferenceCell.masked(rows, b * n, mask[b], n, scratch, b * n);
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
