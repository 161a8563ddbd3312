package io.lstmirf.backend.reference;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.train.DropoutMasks;
import io.lstmirf.api.train.LossTarget;
import java.util.Arrays;

/**
 * Backpropagation through time, by hand, in double precision. A recorded forward pass from the zero
 * state ({@link ReferenceSequence}) keeps every activation; the loss is the mean squared error of
 * the predictions (head outputs, or the top layer's outputs without a head) over all {@code B * T'
 * * O} entries; the backward pass gives its exact gradient with respect to every parameter, layer
 * by layer from the top, each direction against its own time order.
 *
 * <p>Per step and row, with {@code dh} the error reaching {@code h_t} (from the loss or the layer
 * above, plus from the next step), the cell's {@link ReferenceGates} give the pre-activation errors
 * {@code dzIn}, {@code dzRec} and the direct error to {@code h_{t-1}}; then, with {@code x'} and
 * {@code h'} the (dropped-out) inputs the weights saw and {@code m_x}, {@code m_h} the masks:
 *
 * <pre>
 *   dW_ih += dzIn x'^T    db += dzIn    dW_hh += dzRec h'^T
 *   dx       = m_x * (W_ih^T dzIn)                  (the layer below's dh)
 *   dh_{t-1} = direct + m_h * (W_hh^T dzRec)
 * </pre>
 *
 * Buffers are kept for the next call with the same batch shape. Reads the parameters at every call,
 * so it always sees the live weights.
 */
final class ReferenceBptt {
  private final ReferenceParameters params;
  private final LstmSpec spec;
  private final int hidden;
  private final int outputs;
  private final ReferenceSequence sequence;
  private final double[] y;

  ReferenceBptt(ReferenceParameters params) {
    this.params = params;
    this.spec = params.spec;
    hidden = spec.hiddenSize();
    outputs = spec.responseSize();
    y = new double[outputs];
    sequence = new ReferenceSequence(params, true);
  }

  /** The loss alone, with {@code masks} applied ({@link DropoutMasks#NONE}: without dropout). */
  double loss(double[][][] inputs, double[][][] targets, LossTarget loss, DropoutMasks masks) {
    sequence.run(inputs, null, masks, false, false);
    return meanSquaredError(targets, loss, null, null);
  }

  /** The loss with {@code masks} applied; its gradient overwrites {@code gradients}. */
  double lossAndGradients(
      double[][][] inputs,
      double[][][] targets,
      LossTarget loss,
      DropoutMasks masks,
      ReferenceParameters gradients) {
    sequence.run(inputs, null, masks, false, false);
    gradients.clear();
    double[][] dTop = new double[sequence.steps][sequence.batch * spec.outputSize()];
    double value = meanSquaredError(targets, loss, gradients, dTop);
    backward(dTop, masks, gradients);
    return value;
  }

  /**
   * The loss; with {@code gradients}, also the head's gradients and the error each prediction sends
   * into the top layer's output, into {@code dTop}.
   */
  private double meanSquaredError(
      double[][][] targets, LossTarget loss, ReferenceParameters gradients, double[][] dTop) {
    int steps = sequence.steps;
    int batch = sequence.batch;
    int width = spec.outputSize();
    int first = loss == LossTarget.LAST_STEP ? steps - 1 : 0;
    double count = (double) batch * (steps - first) * outputs;
    boolean head = params.headWeight != null;
    double sum = 0;
    for (int t = first; t < steps; t++) {
      double[] top = sequence.top[t];
      for (int b = 0; b < batch; b++) {
        int off = b * width;
        if (head) {
          ReferenceCell.dense(params.headWeight, params.headBias, top, off, width, y, 0);
        } else {
          System.arraycopy(top, off, y, 0, width);
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
            ReferenceCell.axpy(gradients.headWeight, o * width, top, off, width, dy);
            ReferenceCell.axpy(dTop[t], off, params.headWeight, o * width, width, dy);
          } else {
            dTop[t][off + o] += dy;
          }
        }
      }
    }
    return sum / count;
  }

  private void backward(double[][] dTop, DropoutMasks masks, ReferenceParameters gradients) {
    double[][] dOut = dTop;
    for (int l = spec.numLayers() - 1; l >= 0; l--) {
      double[][] dIn =
          l > 0 ? new double[sequence.steps][sequence.batch * spec.layerInputSize(l)] : null;
      for (int d = 0; d < spec.layerKind(l).directions(); d++) {
        backwardDirection(l, d, dOut, dIn, masks, gradients);
      }
      dOut = dIn;
    }
  }

  /** One direction of layer {@code l}: its gradients, and its share of {@code dIn}. */
  private void backwardDirection(
      int l,
      int d,
      double[][] dOut,
      double[][] dIn,
      DropoutMasks masks,
      ReferenceParameters gradients) {
    int s = spec.stateSlot(l, d);
    ReferenceParameters.Slot w = params.slots[s];
    ReferenceParameters.Slot g = gradients.slots[s];
    ReferenceGates gates = ReferenceGates.of(w.kind.cell());
    int steps = sequence.steps;
    int batch = sequence.batch;
    int in = w.inputSize;
    int rows = w.gateRows();
    int outSize = spec.layerOutputSize(l);
    int actRow = ReferenceGates.ACTIVATIONS_PER_UNIT * hidden;
    double[][] inMask = masks.input().map(m -> m[s]).orElse(null);
    double[][] hMask = masks.recurrent().map(m -> m[s]).orElse(null);
    double[] dhNext = new double[batch * hidden];
    double[] dcNext = new double[batch * hidden];
    double[] dh = new double[hidden];
    double[] dzIn = new double[rows];
    double[] dzRec = gates.separateRecurrent() ? new double[rows] : dzIn;
    double[] dhDirect = new double[hidden];
    double[] dxDropped = new double[in];
    double[] dhDropped = new double[hidden];
    // One step's pre-activation errors, transposed ([rows x B]), and the inputs the weights saw
    // ([B x in], [B x H]): the weight gradients of a step are then one matrix product each,
    // row r of dW += dz[r, :] x seen, instead of 4H short updates per batch row.
    double[] dzInT = new double[rows * batch];
    double[] dzRecT = gates.separateRecurrent() ? new double[rows * batch] : dzInT;
    double[] xDropped = inMask == null ? null : new double[batch * in];
    double[] hDropped = hMask == null ? null : new double[batch * hidden];
    for (int tau = steps - 1; tau >= 0; tau--) {
      int t = d == 0 ? tau : steps - 1 - tau;
      double[] hPrev = sequence.h[s][tau];
      for (int b = 0; b < batch; b++) {
        int off = b * hidden;
        for (int k = 0; k < hidden; k++) {
          dh[k] = dOut[t][b * outSize + d * hidden + k] + dhNext[off + k];
        }
        gates.backward(
            w,
            g,
            sequence.act[s][tau],
            b * actRow,
            hPrev,
            sequence.c[s][tau],
            sequence.c[s][tau + 1],
            off,
            dh,
            dcNext,
            dzIn,
            dzRec,
            dhDirect);
        for (int r = 0; r < rows; r++) {
          dzInT[r * batch + b] = dzIn[r];
          dzRecT[r * batch + b] = dzRec[r];
        }
        System.arraycopy(dhDirect, 0, dhNext, off, hidden);
        if (hMask == null) {
          ReferenceCell.addRowTimesMatrix(dzRec, 0, rows, w.weightHh, hidden, dhNext, off);
        } else {
          ReferenceCell.addRowTimesMatrix(dzRec, 0, rows, w.weightHh, hidden, dhDropped, 0);
          addMasked(dhDropped, hMask[b], dhNext, off, hidden);
        }
        if (dIn != null && inMask == null) {
          ReferenceCell.addRowTimesMatrix(dzIn, 0, rows, w.weightIh, in, dIn[t], b * in);
        } else if (dIn != null) {
          ReferenceCell.addRowTimesMatrix(dzIn, 0, rows, w.weightIh, in, dxDropped, 0);
          addMasked(dxDropped, inMask[b], dIn[t], b * in, in);
        }
      }
      double[] xSeen = masked(sequence.layerInputs[l][t], inMask, in, xDropped);
      double[] hSeen = masked(hPrev, hMask, hidden, hDropped);
      for (int r = 0; r < rows; r++) {
        for (int b = 0; b < batch; b++) {
          g.bias[r] += dzInT[r * batch + b];
        }
        ReferenceCell.addRowTimesMatrix(dzInT, r * batch, batch, xSeen, in, g.weightIh, r * in);
        ReferenceCell.addRowTimesMatrix(
            dzRecT, r * batch, batch, hSeen, hidden, g.weightHh, r * hidden);
      }
    }
  }

  /**
   * {@code rows [B x n]} with row b multiplied by {@code mask[b]} into {@code into}; no mask: rows.
   */
  private static double[] masked(double[] rows, double[][] mask, int n, double[] into) {
    if (mask == null) {
      return rows;
    }
    for (int b = 0; b < mask.length; b++) {
      ReferenceCell.masked(rows, b * n, mask[b], n, into, b * n);
    }
    return into;
  }

  /** {@code to[off + k] += mask[k] * from[k]} for {@code k < n}, then clears {@code from}. */
  private static void addMasked(double[] from, double[] mask, double[] to, int off, int n) {
    for (int k = 0; k < n; k++) {
      to[off + k] += mask[k] * from[k];
    }
    Arrays.fill(from, 0, n, 0);
  }
}
