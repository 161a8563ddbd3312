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
 * Steps a {@link DjlModel} one time step per call ({@link DjlLstm#step}), carrying every
 * layer's {@code (h, c)} in the engine. The inputs go through a reused direct buffer, which the
 * engine wraps without copying on the CPU; each step's intermediates live in a sub-manager
 * closed before the step returns, and the new state replaces the old inside the same arrays.
 */
final class DjlSession extends AbstractLstmSession {
  private final NDManager manager;
  private final DjlLstm lstm;
  private final DataType dataType;
  private final Shape inputShape;
  private final Shape stateShape;
  private final ByteBuffer input;
  private final NDArray[] h;
  private final NDArray[] c;

  DjlSession(DjlModel model, int batchSize, NDManager manager, DjlLstm lstm) {
    super(model, batchSize);
    this.manager = manager;
    this.lstm = lstm;
    this.dataType = model.dataType();
    LstmSpec spec = model.spec();
    this.inputShape = new Shape(batchSize, spec.inputSize());
    this.stateShape = new Shape(batchSize, spec.hiddenSize());
    this.input = DjlArrays.directBuffer(batchSize * spec.inputSize(), dataType);
    this.h = new NDArray[spec.numLayers()];
    this.c = new NDArray[spec.numLayers()];
    try {
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
      // Ops attach their results to their operands' manager: with the state temporarily in
      // the step's manager, every intermediate is freed with it, and the state goes back.
      for (int l = 0; l < h.length; l++) {
        h[l].tempAttach(step);
        c[l].tempAttach(step);
      }
      NDArray top = lstm.step(step.create(input, inputShape, dataType), h, c);
      double[][] hidden = DjlArrays.readRows(top, batch, spec.hiddenSize());
      double[][] output = spec.hasHead()
          ? DjlArrays.readRows(lstm.responses(top), batch, spec.responseSize()) : null;
      return new StepResult(hidden, Optional.ofNullable(output));
    }
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
