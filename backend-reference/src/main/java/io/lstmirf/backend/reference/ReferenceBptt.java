package io.lstmirf.backend.reference;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.train.LossTarget;
import java.util.Arrays;

/**
 * Backpropagation through time, by hand, in double precision. A forward pass from the zero state
 * keeps every activation; the loss is the mean squared error of the predictions (head outputs,
 * or the top layer's hidden states without a head) over all {@code B * T' * O} entries; the
 * backward pass gives its exact gradient with respect to every parameter.
 *
 * <p>With {@code dh} the error reaching {@code h_t} (from the loss or the layer above, plus from
 * step t+1 through {@code W_hh}) and {@code dc} the error reaching {@code c_t}:
 *
 * <pre>
 *   dc   = dc' f' + dh o (1 - tanh(c)^2)        (dc', f': the next step's)
 *   dz_i = dc g i (1 - i)          dz_f = dc c_{t-1} f (1 - f)
 *   dz_g = dc i (1 - g^2)          dz_o = dh tanh(c) o (1 - o)
 *   dW_ih += dz x^T    dW_hh += dz h_{t-1}^T    db += dz
 *   dx = W_ih^T dz (the layer below's dh)       dh_{t-1} += W_hh^T dz
 * </pre>
 *
 * Buffers are kept for the next call with the same batch shape; nothing is allocated per step.
 * Reads the parameters at every call, so it always sees the live weights.
 */
final class ReferenceBptt {
  private final ReferenceParameters params;
  private final LstmSpec spec;
  private final int hidden;
  private final int layers;
  private final int outputs;
  private final double[] z;
  private final double[] dz;
  private final double[] y;
  /** Transposed copies of the weights, refreshed by every forward pass (they may have moved). */
  private final ReferenceTransposedWeights transposed;

  private int batch = -1;
  private int steps = -1;
  /** {@code [L][T+1][B*H]}; index 0 is the zero initial state and is never written. */
  private double[][][] h;
  private double[][][] c;
  /** {@code [L][T][B*4H]}: the i, f, g, o activations of each row. */
  private double[][][] gates;
  /** {@code [T][B*H]}: the error reaching the current layer's h from above, and the one below. */
  private double[][] dhFromAbove;
  private double[][] dhToBelow;
  private double[] dhNext;
  private double[] dcNext;

  ReferenceBptt(ReferenceParameters params) {
    this.params = params;
    this.spec = params.spec;
    hidden = spec.hiddenSize();
    layers = spec.numLayers();
    outputs = spec.responseSize();
    z = new double[4 * hidden];
    dz = new double[4 * hidden];
    y = new double[outputs];
    transposed = new ReferenceTransposedWeights(params);
  }

  /** The loss alone. */
  double loss(double[][][] inputs, double[][][] targets, LossTarget loss) {
    forward(inputs);
    return meanSquaredError(targets, loss, null);
  }

  /** The loss; its gradient overwrites {@code gradients}. */
  double lossAndGradients(double[][][] inputs, double[][][] targets, LossTarget loss,
      ReferenceParameters gradients) {
    forward(inputs);
    gradients.clear();
    for (double[] row : dhFromAbove) {
      Arrays.fill(row, 0);
    }
    double value = meanSquaredError(targets, loss, gradients);
    backward(inputs, gradients);
    return value;
  }

  private void forward(double[][][] inputs) {
    allocate(inputs.length, inputs[0].length);
    transposed.refresh();
    for (int t = 0; t < steps; t++) {
      for (int l = 0; l < layers; l++) {
        double[] hPrev = h[l][t];
        for (int b = 0; b < batch; b++) {
          int off = b * hidden;
          if (l == 0) {
            ReferenceCell.preActivationsTransposed(transposed.weightIh[0], transposed.weightHh[0], params.bias[0],
                inputs[b][t], 0, spec.inputSize(), hPrev, off, hidden, z);
          } else {
            ReferenceCell.preActivationsTransposed(transposed.weightIh[l], transposed.weightHh[l], params.bias[l],
                h[l - 1][t + 1], off, hidden, hPrev, off, hidden, z);
          }
          System.arraycopy(c[l][t], off, c[l][t + 1], off, hidden);
          ReferenceCell.update(z, h[l][t + 1], c[l][t + 1], off, hidden, gates[l][t], 4 * off);
        }
      }
    }
  }

  /**
   * The loss; with {@code gradients}, also the head's gradients and the error each prediction
   * sends into the top layer's hidden state, into {@link #dhFromAbove}.
   */
  private double meanSquaredError(double[][][] targets, LossTarget loss, ReferenceParameters gradients) {
    int first = loss == LossTarget.LAST_STEP ? steps - 1 : 0;
    double count = (double) batch * (steps - first) * outputs;
    boolean head = params.headWeight != null;
    double sum = 0;
    for (int t = first; t < steps; t++) {
      double[] top = h[layers - 1][t + 1];
      for (int b = 0; b < batch; b++) {
        int off = b * hidden;
        if (head) {
          ReferenceCell.dense(params.headWeight, params.headBias, top, off, hidden, y, 0);
        } else {
          System.arraycopy(top, off, y, 0, hidden);
        }
        double[] target = targets[b][t - first];
        for (int o = 0; o < outputs; o++) {
          double e = y[o] - target[o];
          sum += e * e;
          if (gradients == null) {
            continue;
          }
          double dy = 2 * e / count;
          if (head) {
            gradients.headBias[o] += dy;
            axpy(gradients.headWeight, o * hidden, top, off, hidden, dy);
            axpy(dhFromAbove[t], off, params.headWeight, o * hidden, hidden, dy);
          } else {
            dhFromAbove[t][off + o] += dy;
          }
        }
      }
    }
    return sum / count;
  }

  private void backward(double[][][] inputs, ReferenceParameters gradients) {
    int h4 = 4 * hidden;
    for (int l = layers - 1; l >= 0; l--) {
      int in = spec.layerInputSize(l);
      double[] wIh = params.weightIh[l];
      double[] wHh = params.weightHh[l];
      double[] gIh = gradients.weightIh[l];
      double[] gHh = gradients.weightHh[l];
      double[] gB = gradients.bias[l];
      Arrays.fill(dhNext, 0);
      Arrays.fill(dcNext, 0);
      if (l > 0) {
        for (double[] row : dhToBelow) {
          Arrays.fill(row, 0);
        }
      }
      for (int t = steps - 1; t >= 0; t--) {
        double[] act = gates[l][t];
        double[] cNow = c[l][t + 1];
        double[] cPrev = c[l][t];
        double[] hPrev = h[l][t];
        double[] dhExternal = dhFromAbove[t];
        for (int b = 0; b < batch; b++) {
          int off = b * hidden;
          int a = 4 * off;
          for (int k = 0; k < hidden; k++) {
            double dh = dhExternal[off + k] + dhNext[off + k];
            double i = act[a + k];
            double f = act[a + hidden + k];
            double g = act[a + 2 * hidden + k];
            double o = act[a + 3 * hidden + k];
            double tanhC = Math.tanh(cNow[off + k]);
            double dc = dcNext[off + k] + dh * o * (1 - tanhC * tanhC);
            dz[k] = dc * g * i * (1 - i);
            dz[hidden + k] = dc * cPrev[off + k] * f * (1 - f);
            dz[2 * hidden + k] = dc * i * (1 - g * g);
            dz[3 * hidden + k] = dh * tanhC * o * (1 - o);
            dcNext[off + k] = dc * f;
          }
          double[] x = l == 0 ? inputs[b][t] : h[l - 1][t + 1];
          int xOff = l == 0 ? 0 : off;
          Arrays.fill(dhNext, off, off + hidden, 0);
          for (int r = 0; r < h4; r++) {
            double d = dz[r];
            gB[r] += d;
            axpy(gIh, r * in, x, xOff, in, d);
            axpy(gHh, r * hidden, hPrev, off, hidden, d);
            axpy(dhNext, off, wHh, r * hidden, hidden, d);
            if (l > 0) {
              axpy(dhToBelow[t], off, wIh, r * in, in, d);
            }
          }
        }
      }
      double[][] swap = dhFromAbove;
      dhFromAbove = dhToBelow;
      dhToBelow = swap;
    }
  }

  /** {@code y[yOff + k] += a * x[xOff + k]} for {@code k < n}. */
  private static void axpy(double[] y, int yOff, double[] x, int xOff, int n, double a) {
    for (int k = 0; k < n; k++) {
      y[yOff + k] += a * x[xOff + k];
    }
  }

  private void allocate(int newBatch, int newSteps) {
    if (newBatch == batch && newSteps == steps) {
      return;
    }
    batch = newBatch;
    steps = newSteps;
    int bh = batch * hidden;
    h = new double[layers][steps + 1][bh];
    c = new double[layers][steps + 1][bh];
    gates = new double[layers][steps][4 * bh];
    dhFromAbove = new double[steps][bh];
    dhToBelow = new double[steps][bh];
    dhNext = new double[bh];
    dcNext = new double[bh];
  }
}
