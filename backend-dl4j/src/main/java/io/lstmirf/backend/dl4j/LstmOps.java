package io.lstmirf.backend.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * libnd4j's LSTM ops with their argument conventions written once: weights in the ops' layout
 * ({@link FusedWeights}: gate blocks i, f, g, o), sigmoid gates, tanh cell and output activations,
 * no cell clipping, no peepholes. That is exactly the canonical cell.
 *
 * <p>Ops are bound to their arrays once in an {@link OpContext} and then executed as often as
 * needed, so a session step is one native call per layer, with no shape inference and no
 * allocation.
 */
final class LstmOps {
  // libnd4j activation codes (lstmLayer.cpp): 0 = tanh, 2 = sigmoid.
  private static final long TANH = 0;
  private static final long SIGMOID = 2;
  /** The ops' cell clipping argument; 0 turns clipping off. */
  private static final double NO_CELL_CLIP = 0;

  private LstmOps() {}

  /**
   * Runs one layer over whole sequences with libnd4j's {@code lstm} op, which keeps the time
   * loop in native code and returns every step's cell state as well. (Its successor
   * {@code lstmLayer} computes the same values but, in 1.0.0-M2.1, leaks about 170 bytes of native
   * memory per time step and call.)
   *
   * @param x inputs {@code [T, B, in]}
   * @param h0 initial hidden state {@code [B, H]}
   * @param c0 initial cell state {@code [B, H]}
   * @param h receives every step's hidden state {@code [T, B, H]}
   * @param c receives every step's cell state {@code [T, B, H]}
   */
  static void sequence(INDArray x, FusedWeights.Layer w, FusedWeights.Unused unused, INDArray h0,
      INDArray c0, INDArray h, INDArray c) {
    try (BoundOp op = new BoundOp("lstm",
        new INDArray[] {x, h0, c0, w.inputWeights(), w.recurrentWeights(), unused.peepholes(),
            unused.projection(), w.bias()},
        new INDArray[] {h, c})) {
      op.context.setIArguments(0, 0); // no peepholes, no projection
      // no cell clipping, no projection clipping, no forget bias added to b_f
      op.context.setTArguments(NO_CELL_CLIP, 0, 0);
      op.run();
    }
  }

  /**
   * Binds one step of one layer with the {@code lstmLayerCell} op: reads {@code x [B, in]},
   * {@code hIn}, {@code cIn} and writes {@code hOut}, {@code cOut} (all {@code [B, H]}).
   */
  static BoundOp cell(INDArray x, FusedWeights.Layer w, INDArray hIn, INDArray cIn,
      INDArray hOut, INDArray cOut) {
    BoundOp op = new BoundOp("lstmLayerCell",
        new INDArray[] {x, w.inputWeights(), w.recurrentWeights(), w.bias(), hIn, cIn},
        new INDArray[] {hOut, cOut});
    op.context.setIArguments(SIGMOID, TANH, TANH);
    op.context.setTArguments(NO_CELL_CLIP);
    op.context.setBArguments(true, false); // biases, no peepholes
    return op;
  }

  /** Binds a dense layer {@code y = x W + b}: {@code x [N, H]}, {@code W [H, O]}, {@code b [O]}. */
  static BoundOp dense(INDArray x, INDArray weight, INDArray bias, INDArray y) {
    return new BoundOp("xw_plus_b", new INDArray[] {x, weight, bias}, new INDArray[] {y});
  }

  /** A custom op bound to fixed input and output arrays in a native context. */
  static final class BoundOp implements AutoCloseable {
    private final DynamicCustomOp op;
    private final OpContext context;

    private BoundOp(String name, INDArray[] inputs, INDArray[] outputs) {
      op = DynamicCustomOp.builder(name).build();
      context = Nd4j.getExecutioner().buildContext();
      context.setInputArrays(inputs);
      context.setOutputArrays(outputs);
    }

    /** Executes the op on the arrays it was bound to (their current contents). */
    void run() {
      Nd4j.getExecutioner().exec(op, context);
    }

    @Override
    public void close() {
      try {
        context.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not release an ND4J op context", e);
      }
    }
  }
}
