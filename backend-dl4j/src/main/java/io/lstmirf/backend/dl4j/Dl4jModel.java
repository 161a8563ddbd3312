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
 * changed, because DL4J's own LSTM layer loops over time steps in Java and was four times slower.
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

  @Override
  protected ForwardResult doForward(double[][][] inputs, LstmState initialState,
      Set<Trace> traces) {
    return traces.isEmpty() ? fusedForward(inputs, initialState)
        : tracedForward(inputs, initialState, traces);
  }

  /** One {@code lstmLayer} call per layer: the time loop runs in native code. */
  private ForwardResult fusedForward(double[][][] inputs, LstmState initialState) {
    FusedWeights w = fusedWeights();
    LstmSpec spec = spec();
    int batch = inputs.length;
    int steps = inputs[0].length;
    int h = spec.hiddenSize();
    double[][][] h0 = initialState == null ? null : initialState.h();
    double[][][] c0 = initialState == null ? null : initialState.c();
    try (ArrayScope scope = new ArrayScope()) {
      INDArray x = scope.add(NdArrays.create(inputs, dataType));
      INDArray[] hLast = new INDArray[spec.numLayers()];
      INDArray[] cLast = new INDArray[spec.numLayers()];
      for (int l = 0; l < spec.numLayers(); l++) {
        INDArray hs = scope.add(Nd4j.create(dataType, batch, steps, h));
        hLast[l] = scope.add(Nd4j.create(dataType, batch, h));
        cLast[l] = scope.add(Nd4j.create(dataType, batch, h));
        LstmOps.sequence(x, w.layer(l),
            h0 == null ? null : scope.add(NdArrays.create(h0[l], dataType)),
            c0 == null ? null : scope.add(NdArrays.create(c0[l], dataType)),
            hs, hLast[l], cLast[l]);
        x = hs;
      }
      return new ForwardResult(NdArrays.toArray3(x), headOutputs(x, scope),
          state(hLast, cLast));
    }
  }

  /**
   * Steps every layer with {@code lstmLayerCell} to keep each step's cell state, then computes
   * each layer's forget gates for all steps at once from the inputs and the previous hidden
   * states: {@code f = sigmoid(X Wx_f + H_prev Wr_f + b_f)}. Arrays are time-major here, so a
   * step is a contiguous slice; a layer's states are {@code [T + 1, B, H]} with the initial state
   * at index 0.
   */
  private ForwardResult tracedForward(double[][][] inputs, LstmState initialState,
      Set<Trace> traces) {
    FusedWeights w = fusedWeights();
    LstmSpec spec = spec();
    int batch = inputs.length;
    int steps = inputs[0].length;
    int h = spec.hiddenSize();
    double[][][][] forget = traces.contains(Trace.FORGET_GATES)
        ? new double[spec.numLayers()][][][] : null;
    double[][][] h0 = initialState == null ? null : initialState.h();
    double[][][] c0 = initialState == null ? null : initialState.c();
    try (ArrayScope scope = new ArrayScope()) {
      INDArray input = scope.add(NdArrays.create(inputs, dataType));
      // the layer below's outputs; step t is slice(t + belowOffset) (slices of slices are
      // avoided: ND4J 1.0.0-M2.1 returns a rank-0 array for the last slice of an interval view)
      INDArray below = scope.add(input.permute(1, 0, 2).dup('c'));
      int belowOffset = 0;
      INDArray hPrev = null;
      INDArray cPrev = null;
      INDArray[] hLast = new INDArray[spec.numLayers()];
      INDArray[] cLast = new INDArray[spec.numLayers()];
      for (int l = 0; l < spec.numLayers(); l++) {
        hPrev = scope.add(Nd4j.create(dataType, steps + 1, batch, h));
        cPrev = scope.add(Nd4j.create(dataType, steps + 1, batch, h));
        if (h0 != null) {
          try (INDArray hInit = NdArrays.create(h0[l], dataType);
              INDArray cInit = NdArrays.create(c0[l], dataType)) {
            hPrev.slice(0).assign(hInit);
            cPrev.slice(0).assign(cInit);
          }
        }
        for (int t = 0; t < steps; t++) {
          try (LstmOps.BoundOp cell = LstmOps.cell(below.slice(t + belowOffset), w.layer(l),
              hPrev.slice(t), cPrev.slice(t), hPrev.slice(t + 1), cPrev.slice(t + 1))) {
            cell.run();
          }
        }
        if (forget != null) {
          forget[l] = NdArrays.toArray3(forgetGates(
              scope.add(below.get(interval(belowOffset, belowOffset + steps)).dup('c')),
              scope.add(hPrev.get(interval(0, steps)).dup('c')), w.layer(l), scope));
        }
        hLast[l] = hPrev.slice(steps);
        cLast[l] = cPrev.slice(steps);
        below = hPrev;
        belowOffset = 1;
      }
      INDArray hs = scope.add(hPrev.get(interval(1, steps + 1)).permute(1, 0, 2).dup('c'));
      Optional<double[][][]> cells = traces.contains(Trace.CELL_STATES)
          ? Optional.of(NdArrays.toArray3(scope.add(
              cPrev.get(interval(1, steps + 1)).permute(1, 0, 2).dup('c'))))
          : Optional.empty();
      return new ForwardResult(NdArrays.toArray3(hs), headOutputs(hs, scope),
          state(hLast, cLast), cells, Optional.ofNullable(forget));
    }
  }

  /**
   * Forget gates of one layer for all steps, {@code [B, T, H]}, from its time-major inputs
   * {@code x [T, B, in]} and previous hidden states {@code hPrev [T, B, H]} (both contiguous).
   */
  private INDArray forgetGates(INDArray x, INDArray hPrev, FusedWeights.Layer w,
      ArrayScope scope) {
    long steps = x.size(0);
    long batch = x.size(1);
    int h = spec().hiddenSize();
    int f = Gate.FORGET.offset(h);
    // reshape may copy: every result goes to the scope, views are skipped when it closes
    INDArray xFlat = scope.add(x.reshape(steps * batch, x.size(2)));
    INDArray hFlat = scope.add(hPrev.reshape(steps * batch, h));
    INDArray z = scope.add(Nd4j.create(dataType, steps * batch, h));
    try (LstmOps.BoundOp input = LstmOps.dense(xFlat,
        w.inputWeights().get(all(), interval(f, f + h)), w.bias().get(interval(f, f + h)), z)) {
      input.run();
    }
    z.addi(scope.add(hFlat.mmul(w.recurrentWeights().get(all(), interval(f, f + h)))));
    Transforms.sigmoid(z, false);
    return scope.add(scope.add(z.reshape(steps, batch, h)).permute(1, 0, 2).dup('c'));
  }

  /** The head applied to every step of {@code hidden [B, T, H]}, if the model has a head. */
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
