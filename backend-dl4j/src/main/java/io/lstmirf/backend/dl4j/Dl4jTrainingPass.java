package io.lstmirf.backend.dl4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.train.DropoutMasks;
import io.lstmirf.api.train.LossTarget;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The loss of one batch shape and its gradient by backpropagation through time, as libnd4j ops
 * bound once to their arrays: per layer, direction and time step an LSTM layer's {@code
 * lstmLayerCell} forward and {@code lstmLayerCellBp} backward, or a GRU layer's composed step and
 * its backward ({@link Dl4jGruOps}), then the head ({@code xw_plus_b} and its {@code _bp}) and the
 * loss ({@code mean_sqerr_loss} and its {@code _grad}). Every derivative is the engine's own; this
 * class only wires them together and drives the cell backprop op through time exactly as libnd4j's
 * fused {@code lstmLayer_bp} does internally (the two agree to rounding). The fused op itself is
 * not usable in 1.0.0-M2.1: it never frees its internal buffers, {@code B H (10 T + 2)} values per
 * call (3.8 MB for a float batch of the original experiment).
 *
 * <p>A bidirectional layer's backward direction runs the same ops from the last step to the first;
 * each direction reads and writes its own rows of the layer's outputs and of their gradient, so the
 * gradient from the layer above or the head arrives split in two. Dropout (when the shape has it):
 * each direction's inputs are multiplied by its input mask before the cells read them and their
 * gradient by the same mask afterwards; the recurrent mask multiplies {@code h_{t-1}} before the
 * cell and the gradient the cell returns for it (a GRU's {@code z h} term reads the unmasked {@code
 * h}). Masks are per state slot, {@code [rows, B]}, loaded with each batch.
 *
 * <p>Layout: every per-step matrix {@code [B, units]} is a column-major view of a row-major {@code
 * [units, B]} block, so that the gate blocks the ops slice out of their {@code [B, 4W]} temporaries
 * are contiguous: libnd4j runs its element-wise ops on contiguous arrays of one order in a tight
 * loop, on anything else through per-element index arithmetic that took about half of the step.
 * Steps are stacked: an LSTM direction's cells {@code [T+1, W, B]} (step 0 the zero initial state,
 * in the direction's own order), {@code hidden[l]} {@code [T+2, D W + 1, B]} (time t at index t +
 * 1, the directions' initial states at 0 and T + 1) and the inputs {@code [T, I+1, B]}, each step's
 * last row a constant 1: the cells take the bias as the weight of that input ({@link
 * Dl4jParameters.Layer#inputWeightsWithBias()}), which spares them a broadcast add and the backprop
 * op a reduction.
 *
 * <p>A pass writes the gradient into a model's gradient buffer (a {@link Dl4jParameters} of the
 * same layout); it is not thread-safe, like the model that owns it.
 */
final class Dl4jTrainingPass implements AutoCloseable {

  /**
   * What a pass is bound to: the batch shape, the loss, and whether it applies input or recurrent
   * dropout masks.
   */
  record Shape(
      int batch, int steps, LossTarget loss, boolean inputDropout, boolean recurrentDropout) {}

  private final LstmSpec spec;
  private final Shape shape;
  private final int width;
  private final int targetSteps;
  private final List<INDArray> owned = new ArrayList<>();
  private final List<Dl4jLstmOps.BoundOp> ops = new ArrayList<>();

  /** {@code [T, I + 1, B]}: the inputs and the bias input, 1. */
  private final INDArray inputs;

  /** {@code [T' B, O]}, row {@code t' B + b}. */
  private final INDArray labels;

  private final INDArray loss;

  /** The model's gradient buffer, flat; the cell backprop ops add into views of it. */
  private final INDArray gradient;

  /** {@code [S, 2, W, B]}: per layer and direction the gradients carried back through h and c. */
  private final INDArray carries;

  /** Per state slot the input mask {@code [in + 1, B]} (last row 1), or null without. */
  private final INDArray[] inputMasks;

  /** Per state slot the recurrent mask {@code [W, B]}, or null without. */
  private final INDArray[] recurrentMasks;

  private final List<Dl4jLstmOps.BoundOp> forward = new ArrayList<>();

  /** Shared by every GRU step's backward ops; null without GRU layers. */
  private Dl4jGruOps.Scratch gruScratch;

  private final List<Dl4jLstmOps.BoundOp> backward = new ArrayList<>();
  private final Dl4jLstmOps.BoundOp[] outputs;
  private final Dl4jLstmOps.BoundOp lossOp;
  private final Dl4jLstmOps.BoundOp[] outputsBackward;

  /**
   * Binds the pass.
   *
   * @param parameters the weights the ops read (the model's, live)
   * @param gradient where {@link #backpropagate()} writes the gradient, same layout
   */
  Dl4jTrainingPass(LstmSpec spec, Shape shape, Dl4jParameters parameters, Dl4jParameters gradient) {
    this.spec = spec;
    this.shape = shape;
    DataType dataType = parameters.flat().dataType();
    this.gradient = gradient.flat();
    int layers = spec.numLayers();
    int batch = shape.batch();
    int steps = shape.steps();
    width = parameters.width();
    targetSteps = shape.loss().targetSteps(steps);
    int slots = spec.stateSlots();
    inputMasks = new INDArray[slots];
    recurrentMasks = new INDArray[slots];
    try {
      inputs = own(Nd4j.zeros(dataType, steps, spec.inputSize() + 1, batch));
      // hidden[l]: step t's output at index t + 1, [forward units | backward units | 1]; index 0
      // holds the forward direction's initial state and index T + 1 the backward one's (zeros)
      INDArray[] hidden = new INDArray[layers];
      INDArray[] hiddenGradient = new INDArray[layers];
      for (int l = 0; l < layers; l++) {
        int rows = spec.layerKind(l).directions() * width;
        hidden[l] = own(Nd4j.zeros(dataType, steps + 2, rows + 1, batch));
        hidden[l].get(all(), point(rows), all()).assign(1); // the next layer's bias input
        hiddenGradient[l] = own(Nd4j.zeros(dataType, steps, rows + 1, batch));
      }
      carries = own(Nd4j.zeros(dataType, slots, 2, width, batch));
      INDArray inputGradient = own(Nd4j.zeros(dataType, spec.inputSize() + 1, batch));

      for (int l = 0; l < layers; l++) {
        int directions = spec.layerKind(l).directions();
        int in = l == 0 ? spec.inputSize() : spec.layerKind(l - 1).directions() * width;
        // the layer's inputs over time, [T, in + 1, B]
        INDArray source = l == 0 ? inputs : hidden[l - 1].get(interval(1, steps + 1), all(), all());
        // where the gradient for those inputs goes: straight into the layer below's gradient,
        // unless two directions add into it or a mask must multiply it first
        boolean direct = l == 0 || (directions == 1 && !shape.inputDropout());
        INDArray[] inputGradients = new INDArray[directions];
        List<Dl4jLstmOps.BoundOp> layerBackward = new ArrayList<>();
        for (int d = 0; d < directions; d++) {
          int slot = spec.stateSlot(l, d);
          Dl4jParameters.Layer w = parameters.layer(l, d);
          INDArray x = source;
          if (shape.inputDropout()) {
            inputMasks[slot] = own(Nd4j.ones(dataType, in + 1, batch));
            x = own(Nd4j.zeros(dataType, steps, in + 1, batch));
            forward.add(bind(Dl4jLstmOps.multiply(source, inputMasks[slot], x)));
          }
          INDArray masked = null;
          if (shape.recurrentDropout()) {
            recurrentMasks[slot] = own(Nd4j.ones(dataType, width, batch));
            masked = own(Nd4j.zeros(dataType, steps, width, batch));
          }
          inputGradients[d] = direct ? null : own(Nd4j.zeros(dataType, steps, in + 1, batch));
          boolean gru = spec.layerKind(l).cell() == CellKind.GRU;
          // an LSTM's cell states, step k + 1 after k steps; a GRU's per-step values
          INDArray cells = gru ? null : own(Nd4j.zeros(dataType, steps + 1, width, batch));
          INDArray[] gruValues = gru ? gruStacks(dataType, steps, batch) : null;
          INDArray recurrentMask =
              masked == null ? null : recurrentMasks[slot].transpose(); // [B, W]
          INDArray carry = carries.slice(slot);
          List<Dl4jLstmOps.BoundOp> directionBackward = new ArrayList<>();
          for (int k = 0; k < steps; k++) {
            // step k of this direction reads input time t; a backward direction reads T-1 .. 0
            int t = d == 0 ? k : steps - 1 - k;
            // (a slice of an interval view can come back rank 0: slice the stacked arrays)
            INDArray x1 =
                x != source ? step(x, t) : l == 0 ? step(inputs, t) : step(hidden[l - 1], t + 1);
            INDArray hIn = step(hidden[l], d == 0 ? t : t + 2, d * width, width);
            INDArray hOut = step(hidden[l], t + 1, d * width, width);
            INDArray hm = hIn;
            if (masked != null) {
              hm = step(masked, k);
              forward.add(bind(Dl4jLstmOps.multiply(hIn, recurrentMask, hm)));
            }
            INDArray dx1 =
                l == 0
                    ? inputGradient.transpose()
                    : direct ? step(hiddenGradient[l - 1], t) : step(inputGradients[d], t);
            INDArray dhOut = step(hiddenGradient[l], t, d * width, width);
            INDArray dh = step(carry, 0);
            List<Dl4jLstmOps.BoundOp> stepBackward = new ArrayList<>();
            if (gru) {
              Dl4jGruOps.Step values = gruStep(gruValues, k);
              Dl4jGruOps.forward(x1, true, w, hIn, hm, hOut, values)
                  .forEach(op -> forward.add(bind(op)));
              Dl4jGruOps.backward(
                      x1,
                      w,
                      hm,
                      values,
                      dhOut,
                      dh,
                      recurrentMask,
                      dx1,
                      gradient.layer(l, d),
                      gruScratch(dataType, batch))
                  .forEach(op -> stepBackward.add(bind(op)));
            } else {
              forward.add(
                  bind(
                      Dl4jLstmOps.cellWithBiasInput(
                          x1, w, hm, step(cells, k), hOut, step(cells, k + 1))));
              stepBackward.add(
                  bind(
                      Dl4jLstmOps.cellBackprop(
                          x1,
                          w,
                          hm,
                          step(cells, k),
                          dhOut,
                          dx1,
                          gradient.layer(l, d),
                          dh,
                          step(carry, 1))));
              if (masked != null) {
                // the op returned the gradient of h * m; the recurrence carries that of h
                stepBackward.add(bind(Dl4jLstmOps.multiply(dh, recurrentMask, dh)));
              }
            }
            directionBackward.addAll(0, stepBackward);
          }
          layerBackward.addAll(directionBackward);
          if (!direct && directions == 2 && shape.inputDropout()) {
            layerBackward.add(
                bind(Dl4jLstmOps.multiply(inputGradients[d], inputMasks[slot], inputGradients[d])));
          }
        }
        if (!direct) {
          // the layer below's output gradient: the directions' input gradients, each masked
          layerBackward.add(
              bind(
                  directions == 1
                      ? Dl4jLstmOps.multiply(
                          inputGradients[0],
                          inputMasks[spec.stateSlot(l, 0)],
                          hiddenGradient[l - 1])
                      : Dl4jLstmOps.add(
                          inputGradients[0], inputGradients[1], hiddenGradient[l - 1])));
        }
        backward.addAll(0, layerBackward);
      }

      int rows = targetSteps * batch;
      int top = layers - 1;
      int topDirections = spec.layerKind(top).directions();
      labels = own(Nd4j.zeros(dataType, rows, spec.responseSize()));
      loss = own(Nd4j.scalar(dataType, 0.0));
      // the top layer's last T' outputs, in time order (hidden index t + 1), and their gradients
      INDArray lastOutputs = hidden[top];
      INDArray lastGradients = hiddenGradient[top];
      int from = steps - targetSteps;
      if (spec.hasHead()) {
        // The predictions read the top layer's last T' steps as one [T' B, D W] matrix (row t' B
        // + b), and their gradient goes back to the same steps of hiddenGradient.
        int cols = topDirections * width;
        INDArray headInput = own(Nd4j.zeros(dataType, rows, cols));
        INDArray headInputGradient = own(Nd4j.zeros(dataType, rows, cols));
        INDArray predictions = own(Nd4j.zeros(dataType, rows, spec.responseSize()));
        INDArray predictionGradient = own(Nd4j.zeros(dataType, rows, spec.responseSize()));
        outputs =
            new Dl4jLstmOps.BoundOp[] {
              bind(
                  Dl4jLstmOps.permute(
                      lastOutputs.get(interval(from + 1, steps + 1), interval(0, cols), all()),
                      headInput.reshape(targetSteps, batch, cols),
                      0,
                      2,
                      1)),
              bind(
                  Dl4jLstmOps.dense(
                      headInput, parameters.headWeight(), parameters.headBias(), predictions))
            };
        lossOp = bind(Dl4jLstmOps.meanSquaredError(predictions, labels, loss));
        outputsBackward =
            new Dl4jLstmOps.BoundOp[] {
              bind(Dl4jLstmOps.meanSquaredErrorGradient(predictions, labels, predictionGradient)),
              bind(
                  Dl4jLstmOps.denseBackprop(
                      headInput,
                      parameters.headWeight(),
                      parameters.headBias(),
                      predictionGradient,
                      headInputGradient,
                      gradient.headWeight(),
                      gradient.headBias())),
              bind(
                  Dl4jLstmOps.permute(
                      headInputGradient.reshape(targetSteps, batch, cols),
                      lastGradients.get(interval(from, steps), interval(0, cols), all()),
                      0,
                      2,
                      1))
            };
      } else {
        // Without a head each direction's real units are the predictions, side by side; the
        // padding unit of a one-unit model is not one, and its gradient rows stay 0.
        int h = spec.hiddenSize();
        int n = spec.outputSize();
        INDArray predictions = own(Nd4j.zeros(dataType, rows, n));
        INDArray predictionGradient = own(Nd4j.zeros(dataType, rows, n));
        outputs = new Dl4jLstmOps.BoundOp[topDirections];
        List<Dl4jLstmOps.BoundOp> scatter = new ArrayList<>();
        scatter.add(
            bind(Dl4jLstmOps.meanSquaredErrorGradient(predictions, labels, predictionGradient)));
        for (int d = 0; d < topDirections; d++) {
          outputs[d] =
              bind(
                  Dl4jLstmOps.permute(
                      lastOutputs.get(
                          interval(from + 1, steps + 1), interval(d * width, d * width + h), all()),
                      predictions
                          .reshape(targetSteps, batch, n)
                          .get(all(), all(), interval(d * h, d * h + h)),
                      0,
                      2,
                      1));
          scatter.add(
              bind(
                  Dl4jLstmOps.permute(
                      predictionGradient
                          .reshape(targetSteps, batch, n)
                          .get(all(), all(), interval(d * h, d * h + h)),
                      lastGradients.get(
                          interval(from, steps), interval(d * width, d * width + h), all()),
                      0,
                      2,
                      1)));
        }
        lossOp = bind(Dl4jLstmOps.meanSquaredError(predictions, labels, loss));
        outputsBackward = scatter.toArray(new Dl4jLstmOps.BoundOp[0]);
      }
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /**
   * Copies a batch in: {@code inputs [B][T][I]}, {@code targets [B][T'][O]} (checked by the caller
   * against this pass's shape).
   */
  void load(double[][][] x, double[][][] targets, DropoutMasks masks) {
    int batch = shape.batch();
    int steps = shape.steps();
    int in = spec.inputSize();
    double[] staged = new double[batch * steps * (in + 1)];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < steps; t++) {
        for (int i = 0; i < in; i++) {
          staged[(t * (in + 1) + i) * batch + b] = x[b][t][i];
        }
        staged[(t * (in + 1) + in) * batch + b] = 1; // the bias input
      }
    }
    Dl4jArrays.write(inputs, staged);
    int out = spec.responseSize();
    double[] rows = new double[targetSteps * batch * out];
    for (int t = 0; t < targetSteps; t++) {
      for (int b = 0; b < batch; b++) {
        System.arraycopy(targets[b][t], 0, rows, (t * batch + b) * out, out);
      }
    }
    Dl4jArrays.write(labels, rows);
    masks.input().ifPresent(m -> loadMasks(m, inputMasks, true));
    masks.recurrent().ifPresent(m -> loadMasks(m, recurrentMasks, false));
  }

  /**
   * Writes per-slot masks {@code [S][B][n]} into {@code [rows, B]} arrays: canonical entry j goes
   * to op row j, or for a layer above a bidirectional one to row {@code (j / H) W + j % H}; padding
   * rows and an input mask's bias row stay 1.
   */
  private void loadMasks(double[][][] masks, INDArray[] targets, boolean input) {
    int h = spec.hiddenSize();
    for (int l = 0; l < spec.numLayers(); l++) {
      boolean padded = !input || l > 0;
      for (int d = 0; d < spec.layerKind(l).directions(); d++) {
        int slot = spec.stateSlot(l, d);
        double[][] m = masks[slot];
        int rows = (int) targets[slot].size(0);
        int batch = m.length;
        double[] staged = new double[rows * batch];
        java.util.Arrays.fill(staged, 1);
        for (int b = 0; b < batch; b++) {
          for (int j = 0; j < m[b].length; j++) {
            int row = padded ? j / h * width + j % h : j;
            staged[row * batch + b] = m[b][j];
          }
        }
        Dl4jArrays.write(targets[slot], staged);
      }
    }
  }

  /** Runs the loaded batch forward from the zero state; returns the loss. */
  double loss() {
    for (Dl4jLstmOps.BoundOp op : forward) {
      op.run();
    }
    for (Dl4jLstmOps.BoundOp op : outputs) {
      op.run();
    }
    lossOp.run();
    return loss.getDouble(0);
  }

  /**
   * Writes the gradient of the last {@link #loss()} into the gradient buffer, replacing what it
   * held: the loss and head derivatives, then each layer from the top down, each backwards in time.
   */
  void backpropagate() {
    gradient.assign(0);
    carries.assign(0);
    for (Dl4jLstmOps.BoundOp op : outputsBackward) {
      op.run();
    }
    for (Dl4jLstmOps.BoundOp op : backward) {
      op.run();
    }
  }

  @Override
  public void close() {
    for (Dl4jLstmOps.BoundOp op : ops) {
      op.close();
    }
    for (INDArray a : owned) {
      a.close();
    }
    if (gruScratch != null) {
      gruScratch.close();
    }
  }

  /**
   * Stacked {@code [T, n, B]} arrays for a GRU direction's per-step values, in the order of {@link
   * Dl4jGruOps.Step}'s components.
   */
  private INDArray[] gruStacks(DataType dataType, int steps, int batch) {
    int[] blocks = {3, 3, 2, 2, 1, 1, 1, 1};
    INDArray[] stacks = new INDArray[blocks.length];
    for (int i = 0; i < blocks.length; i++) {
      stacks[i] = own(Nd4j.zeros(dataType, steps, (long) blocks[i] * width, batch));
    }
    return stacks;
  }

  /** Step {@code k} of {@link #gruStacks}: {@code [B, n]} column-major views. */
  private static Dl4jGruOps.Step gruStep(INDArray[] stacks, int k) {
    INDArray[] v = new INDArray[stacks.length];
    for (int i = 0; i < stacks.length; i++) {
      v[i] = step(stacks[i], k);
    }
    return new Dl4jGruOps.Step(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
  }

  /** The GRU backward ops' shared scratch, made on first use. */
  private Dl4jGruOps.Scratch gruScratch(DataType dataType, int batch) {
    if (gruScratch == null) {
      gruScratch = Dl4jGruOps.Scratch.create(dataType, batch, width);
    }
    return gruScratch;
  }

  /** Step {@code t} of a stacked {@code [steps, rows, B]} array as a {@code [B, rows]} view. */
  private static INDArray step(INDArray stacked, long t) {
    return stacked.slice(t).transpose();
  }

  /** Rows {@code from .. from + units} of step {@code t}, as a {@code [B, units]} view. */
  private static INDArray step(INDArray stacked, long t, int from, int units) {
    return stacked.slice(t).get(interval(from, from + units), all()).transpose();
  }

  private INDArray own(INDArray a) {
    owned.add(a);
    return a;
  }

  private Dl4jLstmOps.BoundOp bind(Dl4jLstmOps.BoundOp op) {
    ops.add(op);
    return op;
  }
}
