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
 * <p>On the CPU the input, the top layer's h and the head's output are arrays over direct buffers
 * that libtorch uses without copying, made once, so a compiled step only rewrites one buffer, makes
 * its one call and reads the others; on a GPU the input is copied to the device and the results
 * back each step. Measured per H = 64, B = 1 step (2 cores, loaded; CPU time): ~31-76 us through
 * DJL's array API (thirteen ops per layer, each a JNI call, a Java array object and a free), 50-69
 * us through a step function with its arguments and results wrapped per step, 38-42 us with them
 * wrapped once; the step function's own ops, not the crossing, are what remains ({@link
 * DjlStepModule}).
 */
final class DjlSession extends AbstractLstmSession {
  private final NDManager manager;

  /** The compiled step of a canonical LSTM model; null for other cells ({@link #lstm}). */
  private final DjlStepModule module;

  private final DjlLstm lstm;
  private final DataType dataType;
  private final Shape inputShape;
  private final Shape stateShape;
  private final ByteBuffer input;

  /**
   * The input array of compiled steps, made once: on the CPU over {@link #input}, which libtorch
   * uses without copying, on a GPU a device array the input is copied into each step; null for
   * op-by-op steps, which make theirs in each step's manager so that their intermediates are freed
   * with it.
   */
  private final NDArray inputArray;

  /**
   * What a compiled step's results are read from on the CPU, without a JNI call: the memory of the
   * top layer's h and of {@link #outputArray}; null for op-by-op steps and on a GPU.
   */
  private final ByteBuffer topHidden;

  private final ByteBuffer output;

  /** Where compiled steps write the head's output, {@code [B, O]}; null without a head. */
  private final NDArray outputArray;

  /** The compiled step's arguments, wrapped once; null for op-by-op steps. */
  private final DjlStepModule.Arguments arguments;

  private final NDArray[] h;
  private final NDArray[] c;

  DjlSession(DjlModel model, int batchSize, NDManager manager, DjlStepModule module) {
    super(model, batchSize);
    this.manager = manager;
    this.module = module;
    this.lstm = model.lstm();
    this.dataType = model.dataType();
    LstmSpec spec = model.spec();
    this.inputShape = new Shape(batchSize, spec.inputSize());
    this.stateShape = new Shape(batchSize, spec.hiddenSize());
    this.input = DjlArrays.directBuffer(batchSize * spec.inputSize(), dataType);
    boolean hostBuffers = module != null && !manager.getDevice().isGpu();
    this.topHidden =
        hostBuffers ? DjlArrays.directBuffer(batchSize * spec.hiddenSize(), dataType) : null;
    this.output =
        hostBuffers && spec.hasHead()
            ? DjlArrays.directBuffer(batchSize * spec.responseSize(), dataType)
            : null;
    int layers = spec.numLayers();
    this.h = new NDArray[layers];
    this.c = new NDArray[layers];
    try {
      for (int l = 0; l < layers; l++) {
        // a compiled step's top h is read from its memory: on the CPU, over a buffer made here
        h[l] =
            l == layers - 1 && topHidden != null
                ? manager.create(topHidden, stateShape, dataType)
                : manager.zeros(stateShape, dataType);
        c[l] = manager.zeros(stateShape, dataType);
      }
      this.inputArray = module == null ? null : stepArray(input, inputShape);
      this.outputArray =
          module == null || !spec.hasHead()
              ? null
              : stepArray(output, new Shape(batchSize, spec.responseSize()));
      this.arguments =
          module == null
              ? null
              : module.new Arguments(manager, inputArray, h, c, model.parameters(), outputArray);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * An array a compiled step reads or writes in place: over {@code buffer} on the CPU (libtorch
   * uses it without copying), a device array on a GPU.
   */
  private NDArray stepArray(ByteBuffer buffer, Shape shape) {
    return manager.getDevice().isGpu()
        ? manager.zeros(shape, dataType)
        : manager.create(buffer, shape, dataType);
  }

  @Override
  protected StepResult doStep(double[][] inputs) {
    DjlArrays.write(inputs, input, dataType);
    if (module == null) {
      try (NDManager step = manager.newSubManager()) {
        // the input in the step's manager, so intermediates attach there
        return stepOpByOp(step.create(input, inputShape, dataType), step);
      }
    }
    if (manager.getDevice().isGpu()) {
      inputArray.set(input);
    }
    arguments.step();
    LstmSpec spec = model().spec();
    int batch = batchSize();
    double[][] hidden =
        topHidden == null
            ? DjlArrays.readRows(h[h.length - 1], batch, spec.hiddenSize())
            : DjlArrays.readRows(topHidden, dataType, batch, spec.hiddenSize());
    double[][] responses = null;
    if (spec.hasHead()) {
      responses =
          output == null
              ? DjlArrays.readRows(outputArray, batch, spec.responseSize())
              : DjlArrays.readRows(output, dataType, batch, spec.responseSize());
    }
    return new StepResult(hidden, Optional.ofNullable(responses));
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

  /**
   * Sets the state in place: the state arrays stay the arrays a compiled step's {@link
   * DjlStepModule.Arguments} hold. A compiled step's top h on the CPU is written into its buffer:
   * {@code NDArray.set} would give the array a new storage (libtorch's {@code set_}), and the step
   * would write where the session no longer reads.
   */
  @Override
  protected void doSetState(LstmState state) {
    for (int l = 0; l < h.length; l++) {
      overwriteHidden(l, state.h()[l]);
      DjlArrays.overwrite(c[l], FlatArrays.flatten(state.c()[l]));
    }
  }

  @Override
  protected void doReset() {
    double[][] zeros = new double[batchSize()][(int) stateShape.get(1)];
    for (int l = 0; l < h.length; l++) {
      overwriteHidden(l, zeros);
      DjlArrays.overwrite(c[l], FlatArrays.flatten(zeros));
    }
  }

  private void overwriteHidden(int layer, double[][] rows) {
    if (layer == h.length - 1 && topHidden != null) {
      DjlArrays.write(rows, topHidden, dataType);
    } else {
      DjlArrays.overwrite(h[layer], FlatArrays.flatten(rows));
    }
  }

  @Override
  protected void doClose() {
    if (arguments != null) {
      arguments.close();
    }
    manager.close();
  }
}
