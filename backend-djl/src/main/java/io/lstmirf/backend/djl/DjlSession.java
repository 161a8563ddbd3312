package io.lstmirf.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.lstmirf.api.AbstractLstmSession;
import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.StepResult;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Steps a {@link DjlModel} one time step per call, carrying every layer's {@code (h, c)} in the
 * engine: the new state replaces the old inside the same arrays. A model of canonical LSTMs steps
 * through its compiled step function ({@link DjlStepModule}: one JNI call runs every layer and the
 * head); one with GRU or peephole layers through {@link DjlLstm#step}, op by op.
 *
 * <p>On the CPU the input array is made once, over a direct buffer that libtorch uses without
 * copying, so a step only rewrites the buffer; on a GPU the input is copied to the device each
 * step. Measured per H = 64, B = 1 step (2 cores, noisy): ~31-76 us through DJL's array API
 * (thirteen ops per layer, each a JNI call, a Java array object and a free; 3-8 us more to wrap
 * each step's input), against what {@code lstm-irf bench} reports now.
 */
final class DjlSession extends AbstractLstmSession {
  private final NDManager manager;

  /** The compiled step of a canonical LSTM model; null for other cells ({@link #lstm}). */
  private final DjlStepModule module;

  private final DjlLstm lstm;
  private final DjlParameters parameters;
  private final DataType dataType;
  private final Shape inputShape;
  private final Shape stateShape;
  private final ByteBuffer input;

  /**
   * The input array over {@link #input}, made once; null on a GPU and for op-by-op steps, which
   * make theirs in each step's manager so that their intermediates are freed with it.
   */
  private final NDArray inputArray;

  private final NDArray[] h;
  private final NDArray[] c;

  DjlSession(DjlModel model, int batchSize, NDManager manager, DjlStepModule module) {
    super(model, batchSize);
    this.manager = manager;
    this.module = module;
    this.lstm = model.lstm();
    this.parameters = model.parameters();
    this.dataType = model.dataType();
    LstmSpec spec = model.spec();
    this.inputShape = new Shape(batchSize, spec.inputSize());
    this.stateShape = new Shape(batchSize, spec.hiddenSize());
    this.input = DjlArrays.directBuffer(batchSize * spec.inputSize(), dataType);
    this.h = new NDArray[spec.numLayers()];
    this.c = new NDArray[spec.numLayers()];
    try {
      this.inputArray =
          manager.getDevice().isGpu() || module == null
              ? null
              : manager.create(input, inputShape, dataType);
      for (int l = 0; l < h.length; l++) {
        h[l] = manager.zeros(stateShape, dataType);
        c[l] = manager.zeros(stateShape, dataType);
      }
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  @Override
  protected StepResult doStep(double[][] inputs) {
    LstmSpec spec = model().spec();
    int batch = batchSize();
    DjlArrays.write(inputs, input, dataType);
    try (NDManager step = manager.newSubManager()) {
      if (module == null) { // the input in the step's manager, so intermediates attach there
        return stepOpByOp(step.create(input, inputShape, dataType), step);
      }
      NDArray x = inputArray != null ? inputArray : step.create(input, inputShape, dataType);
      NDArray[] out = module.step(x, h, c, parameters, step);
      for (int l = 0; l < h.length; l++) {
        h[l].intern(out[2 * l]);
        c[l].intern(out[2 * l + 1]);
      }
      double[][] hidden = DjlArrays.readRows(h[h.length - 1], batch, spec.hiddenSize());
      double[][] output =
          spec.hasHead() ? DjlArrays.readRows(out[2 * h.length], batch, spec.responseSize()) : null;
      return new StepResult(hidden, Optional.ofNullable(output));
    }
  }

  /** A step of a GRU or peephole model; intermediates die with {@code step}, the state stays. */
  private StepResult stepOpByOp(NDArray x, NDManager step) {
    LstmSpec spec = model().spec();
    // Ops attach their results to their operands' manager: with the state temporarily in the
    // step's manager, every intermediate is freed with it, and the state goes back.
    for (int l = 0; l < h.length; l++) {
      h[l].tempAttach(step);
      c[l].tempAttach(step);
    }
    NDArray top = lstm.step(x, h, c);
    double[][] hidden = DjlArrays.readRows(top, batchSize(), spec.hiddenSize());
    double[][] output =
        spec.hasHead()
            ? DjlArrays.readRows(lstm.responses(top), batchSize(), spec.responseSize())
            : null;
    return new StepResult(hidden, Optional.ofNullable(output));
  }

  @Override
  protected LstmState doState() {
    LstmSpec spec = model().spec();
    double[][][] hs = new double[h.length][][];
    double[][][] cs = new double[c.length][][];
    for (int l = 0; l < h.length; l++) {
      hs[l] = DjlArrays.readRows(h[l], batchSize(), spec.hiddenSize());
      cs[l] = DjlArrays.readRows(c[l], batchSize(), spec.hiddenSize());
    }
    return new LstmState(hs, cs);
  }

  @Override
  protected void doSetState(LstmState state) {
    double[][][] hs = state.h();
    double[][][] cs = state.c();
    for (int l = 0; l < h.length; l++) {
      h[l].intern(DjlArrays.create(manager, FlatArrays.flatten(hs[l]), stateShape, dataType));
      c[l].intern(DjlArrays.create(manager, FlatArrays.flatten(cs[l]), stateShape, dataType));
    }
  }

  @Override
  protected void doReset() {
    for (int l = 0; l < h.length; l++) {
      h[l].intern(manager.zeros(stateShape, dataType));
      c[l].intern(manager.zeros(stateShape, dataType));
    }
  }

  @Override
  protected void doClose() {
    manager.close();
  }
}
