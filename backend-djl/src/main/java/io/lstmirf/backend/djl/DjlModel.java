package io.lstmirf.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.lstmirf.api.AbstractLstmModel;
import io.lstmirf.api.Feature;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Trace;
import io.lstmirf.api.memory.EngineFootprint;
import io.lstmirf.api.train.DropoutMasks;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A model (canonical LSTMs or any variant stack) held in DJL's PyTorch engine. The weights live in
 * one {@link NDManager} for the model's lifetime; every call works in a sub-manager that is closed
 * before it returns, so native memory never outlives the call that needed it.
 */
final class DjlModel extends AbstractLstmModel {
  private final DjlEngine engine;
  private final NDManager manager;
  private final DjlParameters parameters;
  private final DjlLstm lstm;

  /** The compiled step function, made by the first session that needs it. */
  private DjlStepModule stepModule;

  DjlModel(DjlEngine engine, LstmWeights weights, ModelOptions options) {
    super(DjlBackend.NAME, weights.spec(), options);
    this.engine = engine;
    this.manager = engine.newManager(options.device());
    try {
      this.parameters =
          new DjlParameters(manager, weights, DjlArrays.dataType(options.precision()));
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
    this.lstm = new DjlLstm(parameters);
  }

  @Override
  protected ForwardResult doForward(
      double[][][] inputs, LstmState initialState, Set<Trace> traces) {
    LstmSpec spec = spec();
    int batch = inputs.length;
    int steps = inputs[0].length;
    int h = spec.hiddenSize();
    int out = spec.outputSize();
    try (NDManager call = manager.newSubManager()) {
      NDArray x = DjlArrays.create(call, inputs, dataType());
      NDList state = initialState(call, initialState, batch);
      DjlLstm.Run run = lstm.forward(x, state.get(0), state.get(1), traces);
      double[][][] output =
          parameters.hasHead()
              ? DjlArrays.read(lstm.responses(run.hidden()), batch, steps, spec.responseSize())
              : null;
      return new ForwardResult(
          DjlArrays.read(run.hidden(), batch, steps, out),
          Optional.ofNullable(output),
          LstmState.ofFlat(
              spec.stateSlots(),
              batch,
              h,
              DjlArrays.read(run.finalHidden()),
              DjlArrays.read(run.finalCell())),
          Optional.ofNullable(run.cellStates()).map(c -> DjlArrays.read(c, batch, steps, out)),
          Optional.ofNullable(run.forgetGates()).map(f -> forgetGates(f, batch, steps)));
    }
  }

  /**
   * Measured (FootprintProbe: peak resident memory of one call, H = 64 and 256, B = 1 to 16, T =
   * 2000 and 20000): 25-34 native bytes per element in float32 and 53 in float64; 12.3 and 8.3 heap
   * bytes (a float and a double flat copy, or one double copy). Declared with a fifth more.
   * libtorch hands a tensor to Java through a direct buffer of at most 2 GiB - 1 bytes (beyond it:
   * "torchDirectByteBuffer() is not supported for large tensor").
   */
  @Override
  public EngineFootprint footprint() {
    return footprint(Set.of());
  }

  /**
   * The fused ops' figures above for untraced calls of LSTM and GRU layers (GRUs, bidirectional
   * layers: at most 21.9 native bytes per element in float32, 51.2 in float64); a peephole layer or
   * a traced call runs {@link DjlCells}' composed steps, whose every intermediate stays until the
   * call ends (FootprintStressTest, H = 64, 8 x 20000 steps, every layer kind: at most 135.1 native
   * and 66.8 heap bytes per element in float32, 246.4 and 54.8 in float64). Declared with a fifth
   * more.
   */
  @Override
  public EngineFootprint footprint(Set<Trace> traces) {
    boolean f64 = options().precision() == io.lstmirf.api.Precision.FLOAT64;
    boolean composed = !traces.isEmpty() || spec().features().contains(Feature.PEEPHOLES);
    return composed
        ? new EngineFootprint(f64 ? 296 : 162, f64 ? 66 : 80, Integer.MAX_VALUE)
        : new EngineFootprint(f64 ? 64 : 40, f64 ? 10 : 15, Integer.MAX_VALUE);
  }

  @Override
  protected LstmSession doOpenSession(int batchSize) {
    // canonical LSTMs step in one libtorch call; GRU and peephole layers op by op
    return new DjlSession(
        this, batchSize, manager.newSubManager(), spec().isCanonical() ? stepModule() : null);
  }

  @Override
  protected void doSetMemoryGateBias(int layer, double[] bias) {
    parameters.setMemoryGateBias(layer, bias);
  }

  @Override
  protected LstmWeights doWeights() {
    return parameters.toCanonical();
  }

  @Override
  protected GradientResult doGradients(double[][][] inputs, double[][][] targets, LossTarget loss) {
    try (DjlGradientTape tape = DjlGradientTape.record(engine, parameters.trainableArrays());
        NDManager call = manager.newSubManager()) {
      NDArray value =
          lstm.meanSquaredError(
              DjlArrays.create(call, inputs, dataType()),
              DjlArrays.create(call, targets, dataType()),
              loss,
              true,
              DropoutMasks.NONE);
      NDList gradients = tape.backward(value, call);
      List<double[]> values = new ArrayList<>(gradients.size());
      for (NDArray g : gradients) {
        values.add(DjlArrays.read(g));
      }
      return new GradientResult(DjlArrays.scalar(value), parameters.arrange(values));
    }
  }

  @Override
  protected LstmTrainer doOpenTrainer(TrainerConfig config) {
    return new DjlTrainer(this, config);
  }

  @Override
  protected void doClose() {
    manager.close();
  }

  /** The step function, compiled once per model; it lives (and is freed) in the model's manager. */
  private synchronized DjlStepModule stepModule() {
    if (stepModule == null) {
      stepModule = DjlStepModule.load(manager, spec());
    }
    return stepModule;
  }

  DjlEngine engine() {
    return engine;
  }

  DjlParameters parameters() {
    return parameters;
  }

  DjlLstm lstm() {
    return lstm;
  }

  NDManager manager() {
    return manager;
  }

  DataType dataType() {
    return parameters.dataType();
  }

  /** {@code (h0, c0)}: zeros, or {@code state}, as engine arrays {@code [S, B, H]}. */
  private NDList initialState(NDManager call, LstmState state, int batch) {
    Shape shape = new Shape(spec().stateSlots(), batch, spec().hiddenSize());
    if (state == null) {
      NDArray zeros = call.zeros(shape, dataType());
      return new NDList(zeros, zeros);
    }
    return new NDList(
        DjlArrays.create(call, state.hFlat(), shape, dataType()),
        DjlArrays.create(call, state.cFlat(), shape, dataType()));
  }

  /** Each layer's memory gates {@code [B, T, D*H]}, read as {@code [L][B][T][D*H]}. */
  private double[][][][] forgetGates(NDList gates, int batch, int steps) {
    double[][][][] out = new double[gates.size()][][][];
    for (int l = 0; l < out.length; l++) {
      out[l] = DjlArrays.read(gates.get(l), batch, steps, spec().layerOutputSize(l));
    }
    return out;
  }
}
