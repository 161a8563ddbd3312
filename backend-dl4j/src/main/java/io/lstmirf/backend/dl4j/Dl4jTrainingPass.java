package io.lstmirf.backend.dl4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.train.LossTarget;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The loss of one batch shape and its gradient by backpropagation through time, as libnd4j ops
 * bound once to their arrays: per layer and time step an {@code lstmLayerCell} forward and an
 * {@code lstmLayerCellBp} backward, then the head ({@code xw_plus_b} and its {@code _bp}) and the
 * loss ({@code mean_sqerr_loss} and its {@code _grad}). Every derivative is the engine's own; this
 * class only wires them together and drives the cell backprop op through time exactly as libnd4j's
 * fused {@code lstmLayer_bp} does internally (the two agree to rounding). The fused op itself is
 * not usable in 1.0.0-M2.1: it never frees its internal buffers, {@code B H (10 T + 2)} values per
 * call (3.8 MB for a float batch of the original experiment).
 *
 * <p>Layout: every per-step matrix {@code [B, units]} is a column-major view of a row-major {@code
 * [units, B]} block, so that the gate blocks the ops slice out of their {@code [B, 4W]} temporaries
 * are contiguous: libnd4j runs its element-wise ops on contiguous arrays of one order in a tight
 * loop, on anything else through per-element index arithmetic that took about half of the step.
 * Steps of a layer are stacked: {@code cells[l]} is {@code [T+1, W, B]} (step 0 the zero initial
 * state), {@code hidden[l]} {@code [T+1, W+1, B]} and the inputs {@code [T, I+1, B]}, each step's
 * last row a constant 1: the cell ops take the bias as the weight of that input ({@link
 * Dl4jParameters.Layer#inputWeightsWithBias()}), which spares them a broadcast add and the backprop
 * op a reduction.
 *
 * <p>A pass writes the gradient into a model's gradient buffer (a {@link Dl4jParameters} of the
 * same layout); it is not thread-safe, like the model that owns it.
 */
final class Dl4jTrainingPass implements AutoCloseable {

  /** What a pass is bound to: the batch shape and the loss. */
  record Shape(int batch, int steps, LossTarget loss) {}

  private final LstmSpec spec;
  private final Shape shape;
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

  /** {@code [L, 2, W, B]}: per layer the gradients carried back through h and c. */
  private final INDArray carries;

  private final Dl4jLstmOps.BoundOp[][] forward;
  private final Dl4jLstmOps.BoundOp[][] backward;
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
    int width = parameters.width();
    targetSteps = shape.loss().targetSteps(steps);
    try {
      inputs = own(Nd4j.zeros(dataType, steps, spec.inputSize() + 1, batch));
      INDArray[] hidden = new INDArray[layers];
      INDArray[] cells = new INDArray[layers];
      INDArray[] hiddenGradient = new INDArray[layers];
      for (int l = 0; l < layers; l++) {
        hidden[l] = own(Nd4j.zeros(dataType, steps + 1, width + 1, batch));
        hidden[l].get(all(), point(width), all()).assign(1); // the next layer's bias input
        cells[l] = own(Nd4j.zeros(dataType, steps + 1, width, batch));
        hiddenGradient[l] = own(Nd4j.zeros(dataType, steps, width + 1, batch));
      }
      carries = own(Nd4j.zeros(dataType, layers, 2, width, batch));
      INDArray inputGradient = own(Nd4j.zeros(dataType, spec.inputSize() + 1, batch));

      forward = new Dl4jLstmOps.BoundOp[layers][steps];
      backward = new Dl4jLstmOps.BoundOp[layers][steps];
      for (int l = 0; l < layers; l++) {
        Dl4jParameters.Layer w = parameters.layer(l);
        for (int t = 0; t < steps; t++) {
          INDArray x1 = l == 0 ? step(inputs, t) : step(hidden[l - 1], t + 1);
          INDArray hIn = step(hidden[l], t, width);
          forward[l][t] =
              bind(
                  Dl4jLstmOps.cellWithBiasInput(
                      x1,
                      w,
                      hIn,
                      step(cells[l], t),
                      step(hidden[l], t + 1, width),
                      step(cells[l], t + 1)));
          INDArray dx1 = l == 0 ? inputGradient.transpose() : step(hiddenGradient[l - 1], t);
          backward[l][t] =
              bind(
                  Dl4jLstmOps.cellBackprop(
                      x1,
                      w,
                      hIn,
                      step(cells[l], t),
                      step(hiddenGradient[l], t, width),
                      dx1,
                      gradient.layer(l),
                      step(carries.slice(l), 0),
                      step(carries.slice(l), 1)));
        }
      }

      // The predictions read the top layer's last T' steps as one [T' B, W] matrix (row t' B + b),
      // and their gradient goes back to the same steps of hiddenGradient.
      int rows = targetSteps * batch;
      int top = layers - 1;
      INDArray headInput = own(Nd4j.zeros(dataType, rows, width));
      INDArray headInputGradient = own(Nd4j.zeros(dataType, rows, width));
      Dl4jLstmOps.BoundOp gather =
          bind(
              Dl4jLstmOps.permute(
                  hidden[top].get(
                      interval(steps - targetSteps + 1, steps + 1), interval(0, width), all()),
                  headInput.reshape(targetSteps, batch, width),
                  0,
                  2,
                  1));
      Dl4jLstmOps.BoundOp scatter =
          bind(
              Dl4jLstmOps.permute(
                  headInputGradient.reshape(targetSteps, batch, width),
                  hiddenGradient[top].get(
                      interval(steps - targetSteps, steps), interval(0, width), all()),
                  0,
                  2,
                  1));
      labels = own(Nd4j.zeros(dataType, rows, spec.responseSize()));
      loss = own(Nd4j.scalar(dataType, 0.0));
      if (spec.hasHead()) {
        INDArray predictions = own(Nd4j.zeros(dataType, rows, spec.responseSize()));
        INDArray predictionGradient = own(Nd4j.zeros(dataType, rows, spec.responseSize()));
        outputs =
            new Dl4jLstmOps.BoundOp[] {
              gather,
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
              scatter
            };
      } else {
        // Without a head the top layer's real units are the predictions; the padding unit of a
        // one-unit model is not, and its gradient column stays 0.
        INDArray predictions = headInput.get(all(), interval(0, spec.hiddenSize()));
        INDArray predictionGradient = headInputGradient.get(all(), interval(0, spec.hiddenSize()));
        outputs = new Dl4jLstmOps.BoundOp[] {gather};
        lossOp = bind(Dl4jLstmOps.meanSquaredError(predictions, labels, loss));
        outputsBackward =
            new Dl4jLstmOps.BoundOp[] {
              bind(Dl4jLstmOps.meanSquaredErrorGradient(predictions, labels, predictionGradient)),
              scatter
            };
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
  void load(double[][][] x, double[][][] targets) {
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
  }

  /** Runs the loaded batch forward from the zero state; returns the loss. */
  double loss() {
    for (Dl4jLstmOps.BoundOp[] layer : forward) {
      for (Dl4jLstmOps.BoundOp op : layer) {
        op.run();
      }
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
    for (int l = backward.length - 1; l >= 0; l--) {
      for (int t = backward[l].length - 1; t >= 0; t--) {
        backward[l][t].run();
      }
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
  }

  /** Step {@code t} of a stacked {@code [steps, rows, B]} array as a {@code [B, rows]} view. */
  private static INDArray step(INDArray stacked, long t) {
    return stacked.slice(t).transpose();
  }

  /** The first {@code units} rows of step {@code t}, as a {@code [B, units]} view. */
  private static INDArray step(INDArray stacked, long t, int units) {
    return stacked.slice(t).get(interval(0, units), all()).transpose();
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
