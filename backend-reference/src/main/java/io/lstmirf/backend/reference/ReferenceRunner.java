package io.lstmirf.backend.reference;

import io.lstmirf.api.Gate;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import java.util.Arrays;

/**
 * Scratch and state for running one batch through a model's layers: states are
 * {@code [layer][batch * H]}, and the scratch is allocated once per call or session, never per
 * step.
 */
final class ReferenceRunner {
  private final ReferenceParameters params;
  private final int inputSize;
  private final int hidden;
  private final int numLayers;
  final int batch;
  final double[][] h;
  final double[][] c;
  private final double[] z;
  private final double[] gates;
  /**
   * A whole-sequence call snapshots the transposed weights (nothing trains during it); a
   * session, which must see every trainer step, reads the live weights (null here).
   */
  final ReferenceTransposedWeights transposed;

  ReferenceRunner(ReferenceParameters params, int batch, LstmState initial,
      boolean snapshotWeights) {
    this.params = params;
    LstmSpec spec = params.spec;
    this.inputSize = spec.inputSize();
    this.hidden = spec.hiddenSize();
    this.numLayers = spec.numLayers();
    this.batch = batch;
    this.z = new double[4 * hidden];
    this.gates = new double[4 * hidden];
    this.transposed = snapshotWeights ? new ReferenceTransposedWeights(params) : null;
    h = new double[numLayers][batch * hidden];
    c = new double[numLayers][batch * hidden];
    if (initial != null) {
      load(initial);
    }
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

  /**
   * Advances every layer one step on {@code x[b]} (the inputs of batch row b at this step).
   * If {@code forget} is non-null, stores layer l's forget gates of row b at
   * {@code forget[l][b]}.
   */
  void step(double[][] x, double[][][] forget) {
    for (int l = 0; l < numLayers; l++) {
      for (int b = 0; b < batch; b++) {
        int off = b * hidden;
        double[] in = l == 0 ? x[b] : h[l - 1];
        int inOffset = l == 0 ? 0 : off;
        int inSize = l == 0 ? inputSize : hidden;
        if (transposed != null) {
          ReferenceCell.preActivationsTransposed(transposed.weightIh[l], transposed.weightHh[l],
              params.bias[l], in, inOffset, inSize, h[l], off, hidden, z);
        } else {
          ReferenceCell.preActivations(params.weightIh[l], params.weightHh[l], params.bias[l], in,
              inOffset, inSize, h[l], off, hidden, z);
        }
        ReferenceCell.update(z, h[l], c[l], off, hidden, forget == null ? null : gates, 0);
        if (forget != null) {
          System.arraycopy(gates, Gate.FORGET.offset(hidden), forget[l][b], 0, hidden);
        }
      }
    }
  }

  void topHidden(int b, double[] out) {
    System.arraycopy(h[numLayers - 1], b * hidden, out, 0, hidden);
  }

  double[] topCell(int b) {
    return Arrays.copyOfRange(c[numLayers - 1], b * hidden, (b + 1) * hidden);
  }

  void headOutput(int b, double[] out) {
    ReferenceCell.dense(params.headWeight, params.headBias, h[numLayers - 1], b * hidden, hidden,
        out, 0);
  }

  LstmState state() {
    double[][][] hs = new double[numLayers][batch][hidden];
    double[][][] cs = new double[numLayers][batch][hidden];
    for (int l = 0; l < numLayers; l++) {
      for (int b = 0; b < batch; b++) {
        System.arraycopy(h[l], b * hidden, hs[l][b], 0, hidden);
        System.arraycopy(c[l], b * hidden, cs[l][b], 0, hidden);
      }
    }
    return new LstmState(hs, cs);
  }
}
