package io.lstmirf.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.lstmirf.api.AbstractLstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.StepResult;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Steps a {@link DjlModel} one time step per call with PyTorch's fused LSTM op, carrying every
 * layer's {@code (h, c)} in the engine. A step is one op for the LSTM (all layers) and one for
 * the head: the inputs go through a reused direct buffer, which the engine wraps without copying
 * on the CPU; the new state replaces the old inside the same array objects
 * ({@link NDArray#intern}); and every other array the step makes is closed before it returns.
 */
final class DjlSession extends AbstractLstmSession {
  private final NDManager manager;
  private final DjlLstm lstm;
  private final DataType dataType;
  private final Shape inputShape;
  private final Shape stateShape;
  private final ByteBuffer input;
  private final NDArray h;
  private final NDArray c;

  DjlSession(DjlModel model, int batchSize, NDManager manager, DjlLstm lstm) {
    super(model, batchSize);
    this.manager = manager;
    this.lstm = lstm;
    this.dataType = model.dataType();
    LstmSpec spec = model.spec();
    this.inputShape = new Shape(batchSize, 1, spec.inputSize());
    this.stateShape = new Shape(spec.numLayers(), batchSize, spec.hiddenSize());
    this.input = Tensors.directBuffer(batchSize * spec.inputSize(), dataType);
    try {
      this.h = manager.zeros(stateShape, dataType);
      this.c = manager.zeros(stateShape, dataType);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  @Override
  protected StepResult doStep(double[][] inputs) {
    LstmSpec spec = model().spec();
    int batch = batchSize();
    Tensors.write(inputs, input, dataType);
    try (NDArray x = manager.create(input, inputShape, dataType);
        NDList out = lstm.fused(x, h, c)) {
      NDArray top = out.get(0); // [B, 1, H]
      double[][] hidden = Tensors.readRows(top, batch, spec.hiddenSize());
      double[][] output = null;
      if (spec.hasHead()) {
        try (NDArray y = lstm.responses(top)) {
          output = Tensors.readRows(y, batch, spec.responseSize());
        }
      }
      h.intern(out.get(1));
      c.intern(out.get(2));
      return new StepResult(hidden, Optional.ofNullable(output));
    }
  }

  @Override
  protected LstmState doState() {
    LstmSpec spec = model().spec();
    return LstmState.ofFlat(spec.numLayers(), batchSize(), spec.hiddenSize(), Tensors.read(h),
        Tensors.read(c));
  }

  @Override
  protected void doSetState(LstmState state) {
    h.intern(Tensors.create(manager, state.hFlat(), stateShape, dataType));
    c.intern(Tensors.create(manager, state.cFlat(), stateShape, dataType));
  }

  @Override
  protected void doReset() {
    h.intern(manager.zeros(stateShape, dataType));
    c.intern(manager.zeros(stateShape, dataType));
  }

  @Override
  protected void doClose() {
    manager.close();
  }
}
