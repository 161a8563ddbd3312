package io.lstmirf.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import io.lstmirf.api.EngineException;
import io.lstmirf.api.LstmSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * One time step of every layer (and the head) as a TorchScript function that libtorch runs in one
 * call: {@code torch.lstm_cell} per layer, then {@code torch.linear} for the head. A step through
 * DJL's array API costs one JNI crossing and one Java array object per op (thirteen per layer, plus
 * freeing each); here libtorch runs the same ATen ops behind one crossing.
 *
 * <p>{@code lstm_cell} on the CPU computes {@code linear(h, W_hh, b_hh) + linear(x, W_ih, b_ih)},
 * splits it into i, f, g, o, and gives {@code c' = sigmoid(f) c + sigmoid(i) tanh(g)}, {@code h' =
 * sigmoid(o) tanh(c')}: the ops the session issued one by one through DJL before, in an order that
 * gives the same floating-point results (the one sum of two terms is commutative).
 *
 * <p>The module holds no parameters: each session passes the model's live parameter arrays (wrapped
 * once, in {@link Arguments}; their values change in place), so a session sees {@code
 * setForgetBias} and training at its next step, as the API promises.
 */
final class DjlStepModule implements AutoCloseable {
  private final PtSymbolBlock block;
  private final int layers;
  private final boolean head;

  private DjlStepModule(PtSymbolBlock block, LstmSpec spec) {
    this.block = block;
    this.layers = spec.numLayers();
    this.head = spec.hasHead();
  }

  /** Compiles the step of {@code spec} in {@code manager}'s engine and device. */
  static DjlStepModule load(NDManager manager, LstmSpec spec) {
    byte[] archive =
        TorchScriptArchive.zip(
            new TorchScriptPickle()
                .beginObject("__torch__", "LstmIrfStep")
                .string("training")
                .bool(false)
                .endObject()
                .finish(),
            code(spec),
            List.of());
    try {
      PtSymbolBlock block =
          JniUtils.loadModule(
              (PtNDManager) manager, new ByteArrayInputStream(archive), true, false);
      JniUtils.enableInferenceMode(block);
      return new DjlStepModule(block, spec);
    } catch (IOException | RuntimeException e) {
      throw new EngineException(
          "PyTorch could not compile the LSTM step function (" + EngineException.rootCause(e) + ")",
          e);
    }
  }

  /**
   * The step's source: {@code forward(input [B,I], state [h_0, c_0, h_1, ...], weights [W_ih_0,
   * W_hh_0, b_ih_0, b_hh_0, ..., head W, head b], out [B, H(+O)])} writes the new state into the
   * state arrays and {@code [h_top, y]} (y only with a head) into {@code out}, and returns out.
   * Writing in place lets a session wrap its arguments once ({@link Arguments}) and read the result
   * from memory it owns: no tensor crosses JNI per step. The copies are exact.
   */
  static String code(LstmSpec spec) {
    StringBuilder s =
        new StringBuilder()
            .append("class LstmIrfStep(Module):\n")
            .append("  __parameters__ = []\n  __buffers__ = []\n  training : bool\n")
            .append("  def forward(self: __torch__.LstmIrfStep,\n    input: Tensor,\n")
            .append("    state: List[Tensor],\n    weights: List[Tensor],\n")
            .append("    out: Tensor) -> Tensor:\n");
    String x = "input";
    for (int l = 0; l < spec.numLayers(); l++) {
      int w = 4 * l;
      s.append("    h")
          .append(l)
          .append(", c")
          .append(l)
          .append(", = torch.lstm_cell(")
          .append(x)
          .append(", [state[")
          .append(2 * l)
          .append("], state[")
          .append(2 * l + 1)
          .append("]], weights[")
          .append(w)
          .append("], weights[")
          .append(w + 1)
          .append("], weights[")
          .append(w + 2)
          .append("], weights[")
          .append(w + 3)
          .append("])\n");
      x = "h" + l;
    }
    for (int l = 0; l < spec.numLayers(); l++) {
      s.append("    state[").append(2 * l).append("].copy_(h").append(l).append(")\n");
      s.append("    state[").append(2 * l + 1).append("].copy_(c").append(l).append(")\n");
    }
    if (spec.hasHead()) {
      int w = 4 * spec.numLayers();
      s.append("    y = torch.linear(")
          .append(x)
          .append(", weights[")
          .append(w)
          .append("], weights[")
          .append(w + 1)
          .append("])\n")
          .append("    return torch.cat([")
          .append(x)
          .append(", y], 1, out=out)\n");
    } else {
      s.append("    return out.copy_(").append(x).append(")\n");
    }
    return s.toString();
  }

  /**
   * One session's arguments, wrapped for libtorch once: the input, state and output arrays stay the
   * same arrays for the session's life (their values change in place), and the parameter arrays are
   * the model's live ones, so {@code setForgetBias} and training show at the next step. Wrapping
   * them per step cost four JNI crossings and four frees, and returning the results as tensors
   * three more plus a read each (measured below, in {@link DjlSession}).
   */
  final class Arguments implements AutoCloseable {
    private final IValue[] values;

    /**
     * Wraps a session's arrays.
     *
     * @param h every layer's h, {@code [B, H]}
     * @param c every layer's c, {@code [B, H]}
     * @param out {@code [B, H(+O)]}: receives the top layer's h and the head's output
     */
    Arguments(NDArray input, NDArray[] h, NDArray[] c, DjlParameters parameters, NDArray out) {
      PtNDArray[] state = new PtNDArray[2 * layers];
      for (int l = 0; l < layers; l++) {
        state[2 * l] = (PtNDArray) h[l];
        state[2 * l + 1] = (PtNDArray) c[l];
      }
      PtNDArray[] weights = new PtNDArray[4 * layers + (head ? 2 : 0)];
      for (int l = 0; l < layers; l++) {
        DjlParameters.Direction p = parameters.direction(l, 0); // canonical LSTMs only
        weights[4 * l] = (PtNDArray) p.weightIh();
        weights[4 * l + 1] = (PtNDArray) p.weightHh();
        weights[4 * l + 2] = (PtNDArray) p.bias();
        weights[4 * l + 3] = (PtNDArray) p.zeros();
      }
      if (head) {
        weights[4 * layers] = (PtNDArray) parameters.headWeight();
        weights[4 * layers + 1] = (PtNDArray) parameters.headBias();
      }
      values =
          new IValue[] {
            IValue.from((PtNDArray) input),
            IValue.listFrom(state),
            IValue.listFrom(weights),
            IValue.from((PtNDArray) out)
          };
    }

    /** Runs one step: the state arrays and {@code out} hold the results. */
    void step() {
      block.forward(values).close();
    }

    @Override
    public void close() {
      for (IValue v : values) {
        v.close();
      }
    }
  }

  @Override
  public void close() {
    block.close();
  }
}
