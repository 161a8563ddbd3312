package io.lstmirf.api;

import io.lstmirf.api.memory.EngineFootprint;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A model whose "engine" is a few lines of Java, for testing what {@link AbstractLstmModel} does
 * around the engine: per row and step, {@code hidden[b][t][k] = x[b][t][0] + h0[top][b][k] + 10 k +
 * layerBias}, with {@code layerBias} the first forget-bias entry of each layer, read one layer
 * after the other. A forward call can be made to pause between those reads (to show what a
 * concurrent change would do), and every call's batch size is recorded.
 */
final class ToyModel extends AbstractLstmModel {
  private volatile LstmWeights weights;
  private final EngineFootprint footprint;
  final List<Integer> callBatches = Collections.synchronizedList(new ArrayList<>());

  /** Counted down when a forward call has read layer 0's bias; null: no pause. */
  volatile CountDownLatch readFirstLayer;

  /** How long a forward waits after reading layer 0's bias. */
  volatile long pauseMillis;

  ToyModel(LstmWeights weights, EngineFootprint footprint) {
    this(weights.spec(), weights, footprint);
  }

  /** A model of {@code spec} for planning only: its weights may be of another shape. */
  ToyModel(LstmSpec spec, LstmWeights weights, EngineFootprint footprint) {
    super("toy", spec, ModelOptions.of(Precision.FLOAT64));
    this.weights = weights;
    this.footprint = footprint;
  }

  @Override
  public EngineFootprint footprint() {
    return footprint;
  }

  @Override
  protected ForwardResult doForward(
      double[][][] inputs, LstmState initialState, Set<Trace> traces) {
    callBatches.add(inputs.length);
    LstmSpec spec = spec();
    double[] layerBias = new double[spec.numLayers()];
    for (int l = 0; l < layerBias.length; l++) {
      layerBias[l] = weights.forgetBias(l)[0];
      if (l == 0 && readFirstLayer != null) {
        readFirstLayer.countDown();
        pause();
      }
    }
    double sum = 0;
    for (double b : layerBias) {
      sum += b;
    }
    int batch = inputs.length;
    int steps = inputs[0].length;
    int h = spec.hiddenSize();
    int top = spec.numLayers() - 1;
    double[][][] hidden = new double[batch][steps][h];
    double[][][] output = spec.hasHead() ? new double[batch][steps][1] : null;
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < steps; t++) {
        for (int k = 0; k < h; k++) {
          double h0 = initialState == null ? 0 : initialState.h()[top][b][k];
          hidden[b][t][k] = inputs[b][t][0] + h0 + 10 * k + sum;
        }
        if (output != null) {
          output[b][t][0] = -hidden[b][t][0];
        }
      }
    }
    double[][][] last = new double[spec.numLayers()][batch][];
    for (int l = 0; l < last.length; l++) {
      for (int b = 0; b < batch; b++) {
        last[l][b] = hidden[b][steps - 1].clone();
      }
    }
    return new ForwardResult(
        hidden,
        Optional.ofNullable(output),
        new LstmState(last, last),
        traces.contains(Trace.CELL_STATES) ? Optional.of(hidden) : Optional.empty(),
        Optional.empty());
  }

  private void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(pauseMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  protected LstmSession doOpenSession(int batchSize) {
    throw new UnsupportedOperationException("the toy has no sessions");
  }

  @Override
  protected void doSetMemoryGateBias(int layer, double[] bias) {
    weights = weights.withForgetBias(layer, bias);
  }

  @Override
  protected LstmWeights doWeights() {
    return weights;
  }

  @Override
  protected GradientResult doGradients(double[][][] inputs, double[][][] targets, LossTarget loss) {
    throw new UnsupportedOperationException("the toy has no gradients");
  }

  @Override
  protected LstmTrainer doOpenTrainer(TrainerConfig config) {
    throw new UnsupportedOperationException("the toy does not train");
  }

  @Override
  protected void doClose() {
    // nothing to free
  }
}
