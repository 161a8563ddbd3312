package io.lstmirf.backend.dl4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import io.lstmirf.api.AbstractLstmModel;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.Gate;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Trace;
import io.lstmirf.api.layout.GateOrder;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A canonical LSTM held by Deeplearning4j. The parameters live once, in the flattened parameter
 * vector of a DL4J network (layout {@link io.lstmirf.api.layout.Dl4jLayout}); that network takes
 * gradients, each trainer's network updates the same vector in place, and
 * {@link #setForgetBias} writes into it. Inference runs libnd4j's fused LSTM ops on
 * {@link FusedWeights}, an op-layout copy refreshed inside the engine whenever the parameters have
 * changed: DL4J's own LSTM layer loops over time steps in Java, several native calls per step.
 */
final class Dl4jModel extends AbstractLstmModel {
  private final DataType dataType;
  /** Owns the parameters; its NoOp updater is never applied: it only takes gradients. */
  private final MultiLayerNetwork network;
  private final FusedWeights fused;
  /** Counts parameter changes, so that {@link #fusedWeights()} knows when to refresh. */
  private long parameterVersion;

  Dl4jModel(LstmWeights weights, ModelOptions options) {
    super(Dl4jBackend.NAME, weights.spec(), options);
    if (options.device().isGpu()) {
      // ND4J's CUDA backend places arrays on the calling thread's device.
      Nd4j.getAffinityManager().unsafeSetDevice(options.device().index());
    }
    dataType = NdArrays.dataType(options.precision());
    network = Dl4jNetwork.create(spec(), dataType, new NoOp(), null);
    try {
      Dl4jNetwork.write(network, weights);
      fused = new FusedWeights(spec(), dataType, network);
    } catch (RuntimeException e) {
      Dl4jNetwork.releaseTrainingMemory(network);
      network.params().close();
      throw e;
    }
  }

  DataType dataType() {
    return dataType;
  }

  /** The op-layout weights, refreshed first if the parameters changed since the last call. */
  FusedWeights fusedWeights() {
    fused.refresh(parameterVersion);
    return fused;
  }

  /** Records that the parameters changed (a trainer step, a new forget bias). */
  void parametersChanged() {
    parameterVersion++;
  }

  /** A new network with its own optimiser over this model's parameters (not a copy). */
  MultiLayerNetwork trainingNetwork(IUpdater updater) {
    return Dl4jNetwork.create(spec(), dataType, updater, network.params());
  }

  /**
   * One {@code lstm} op per layer, time-major: the time loop runs in native code and yields every
   * step's hidden and cell state. Forget gates, when asked for, come afterwards for all steps at
   * once from each layer's inputs and previous hidden states:
   * {@code f = sigmoid(X Wx_f + H_prev Wr_f + b_f)}.
   */
  @Override
  protected ForwardResult doForward(double[][][] inputs, LstmState initialState,
      Set<Trace> traces) {
    FusedWeights w = fusedWeights();
    LstmSpec spec = spec();
    int batch = inputs.length;
    int steps = inputs[0].length;
    int h = spec.hiddenSize();
    int width = w.width();
    double[][][] h0 = initialState == null ? null : initialState.h();
    double[][][] c0 = initialState == null ? null : initialState.c();
    double[][][][] forget = traces.contains(Trace.FORGET_GATES)
        ? new double[spec.numLayers()][][][] : null;
    try (ArrayScope scope = new ArrayScope()) {
      INDArray x = scope.add(scope.add(NdArrays.create(inputs, dataType)).permute(1, 0, 2)
          .dup('c')); // [T, B, I]
      INDArray cs = null;
      INDArray[] hLast = new INDArray[spec.numLayers()];
      INDArray[] cLast = new INDArray[spec.numLayers()];
      for (int l = 0; l < spec.numLayers(); l++) {
        INDArray hInit = scope.add(h0 == null ? Nd4j.zeros(dataType, batch, width)
            : NdArrays.create(h0[l], width, dataType));
        INDArray cInit = scope.add(c0 == null ? Nd4j.zeros(dataType, batch, width)
            : NdArrays.create(c0[l], width, dataType));
        INDArray hs = scope.add(Nd4j.create(dataType, steps, batch, width));
        cs = scope.add(Nd4j.create(dataType, steps, batch, width));
        LstmOps.sequence(x, w.layer(l), w.unused(), hInit, cInit, hs, cs);
        if (forget != null) {
          forget[l] = NdArrays.toArray3(forgetGates(x, previous(hInit, hs, scope), w, l,
              scope));
        }
        hLast[l] = NdArrays.units(hs.slice(steps - 1), h);
        cLast[l] = NdArrays.units(cs.slice(steps - 1), h);
        x = hs;
      }
      INDArray hidden = scope.add(x.permute(1, 0, 2).dup('c')); // [B, T, W]
      Optional<double[][][]> cells = traces.contains(Trace.CELL_STATES)
          ? Optional.of(NdArrays.toArray3(NdArrays.units(
              scope.add(cs.permute(1, 0, 2).dup('c')), h)))
          : Optional.empty();
      return new ForwardResult(NdArrays.toArray3(NdArrays.units(hidden, h)),
          headOutputs(hidden, scope), state(hLast, cLast), cells, Optional.ofNullable(forget));
    }
  }

  /** Every step's previous hidden state {@code [T, B, W]}: {@code h0}, then {@code hs[0..T-2]}. */
  private INDArray previous(INDArray h0, INDArray hs, ArrayScope scope) {
    long steps = hs.size(0);
    INDArray prev = scope.add(Nd4j.create(dataType, hs.shape()));
    prev.slice(0).assign(h0);
    if (steps > 1) {
      prev.get(interval(1, steps)).assign(hs.get(interval(0, steps - 1)));
    }
    return prev;
  }

  /**
   * Forget gates of layer {@code l}'s real units for all steps, {@code [B, T, H]}, from its
   * time-major inputs {@code x [T, B, in]} and previous hidden states {@code hPrev [T, B, W]}.
   */
  private INDArray forgetGates(INDArray x, INDArray hPrev, FusedWeights w, int l,
      ArrayScope scope) {
    long steps = x.size(0);
    long batch = x.size(1);
    int h = spec().hiddenSize();
    int f = Gate.FORGET.ordinal() * w.width();
    FusedWeights.Layer layer = w.layer(l);
    // reshape may copy: every result goes to the scope, views are skipped when it closes
    INDArray xFlat = scope.add(x.reshape(steps * batch, x.size(2)));
    INDArray hFlat = scope.add(hPrev.reshape(steps * batch, hPrev.size(2)));
    INDArray z = scope.add(Nd4j.create(dataType, steps * batch, h));
    try (LstmOps.BoundOp input = LstmOps.dense(xFlat,
        layer.inputWeights().get(all(), interval(f, f + h)),
        layer.bias().get(interval(f, f + h)), z)) {
      input.run();
    }
    z.addi(scope.add(hFlat.mmul(layer.recurrentWeights().get(all(), interval(f, f + h)))));
    Transforms.sigmoid(z, false);
    return scope.add(scope.add(z.reshape(steps, batch, h)).permute(1, 0, 2).dup('c'));
  }

  /** The head applied to every step of {@code hidden [B, T, W]}, if the model has a head. */
  private Optional<double[][][]> headOutputs(INDArray hidden, ArrayScope scope) {
    if (!spec().hasHead()) {
      return Optional.empty();
    }
    FusedWeights w = fused;
    long batch = hidden.size(0);
    long steps = hidden.size(1);
    INDArray y = scope.add(Nd4j.create(dataType, batch * steps, spec().headSize().getAsInt()));
    try (LstmOps.BoundOp head = LstmOps.dense(
        scope.add(hidden.reshape(batch * steps, hidden.size(2))), w.headWeight(), w.headBias(),
        y)) {
      head.run();
    }
    return Optional.of(NdArrays.toArray3(scope.add(y.reshape(batch, steps, y.size(1)))));
  }

  private static LstmState state(INDArray[] h, INDArray[] c) {
    double[][][] hs = new double[h.length][][];
    double[][][] cs = new double[c.length][][];
    for (int l = 0; l < h.length; l++) {
      hs[l] = NdArrays.toArray2(h[l]);
      cs[l] = NdArrays.toArray2(c[l]);
    }
    return new LstmState(hs, cs);
  }

  @Override
  protected LstmSession doOpenSession(int batchSize) {
    return new Dl4jSession(this, batchSize);
  }

  @Override
  protected void doSetForgetBias(int layer, double[] bias) {
    int h = spec().hiddenSize();
    int from = GateOrder.DL4J.gates().indexOf(Gate.FORGET) * h;
    INDArray params = Dl4jNetwork.layerParams(network, layer).bias();
    try (INDArray values = NdArrays.create(new double[][] {bias}, dataType)) {
      params.get(interval(from, from + h)).assign(values.reshape(h));
    }
    parametersChanged();
  }

  @Override
  protected LstmWeights doWeights() {
    return Dl4jNetwork.parameters(network, spec());
  }

  @Override
  protected GradientResult doGradients(double[][][] inputs, double[][][] targets,
      LossTarget loss) {
    try (TrainingBatch batch = TrainingBatch.of(inputs, targets, loss, dataType)) {
      double value = Dl4jNetwork.computeGradient(network, batch);
      LstmWeights gradients = Dl4jNetwork.gradients(network, spec());
      return new GradientResult(value, gradients);
    } finally {
      Dl4jNetwork.clearBatch(network);
    }
  }

  @Override
  protected LstmTrainer doOpenTrainer(TrainerConfig config) {
    return new Dl4jTrainer(this, config);
  }

  @Override
  protected void doClose() {
    fused.close();
    Dl4jNetwork.releaseTrainingMemory(network);
    network.params().close();
  }
}
