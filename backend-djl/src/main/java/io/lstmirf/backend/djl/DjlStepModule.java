package io.lstmirf.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import io.lstmirf.api.EngineException;
import io.lstmirf.api.LstmSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One time step of every layer (and the head) as a TorchScript function that libtorch runs in one
 * call, each op writing into an array the session made once. Per layer:
 *
 * <pre>
 * addmm(b, x, W_ih^T, out=gates); gates.addmm_(h, W_hh^T)
 * sigmoid_(gates[i, f]); tanh_(gates[g]); sigmoid_(gates[o])
 * c.mul_(f).addcmul_(i, g); h = o * tanh(c)   (into h, through one scratch array)
 * </pre>
 *
 * then {@code addmm(b, h_top, W^T, out=y)} for the head. The transposed weights and the gate slices
 * are views the session makes once ({@link Arguments}): views of the model's live parameter arrays,
 * so {@code setForgetBias} and training show at the next step, as the API promises.
 *
 * <p>Why not {@code torch.lstm_cell}: at H = 64, B = 1 the arithmetic is a few thousand
 * multiply-adds, and what a step costs is ATen's per-op work (dispatch, a TensorIterator, an output
 * allocation each). {@code lstm_cell} issues about twenty ops a layer (two {@code linear}s with
 * their transposes and bias expansions, the sum, {@code chunk}'s four slices, five activations,
 * three products and a sum, fresh outputs for each), the step copied its results into the state and
 * concatenated {@code [h, y]}: 32-33 us of CPU per step here. The nine ops above, into arrays and
 * views made once, take 16-21 us ({@code lstm-irf bench --cases step}, old and new builds
 * alternating, load ~2.5; 17.7 against 36.5 us with both in one process). An empty function costs
 * ~4 us (the JNI call, the interpreter), one in-place add ~1 us more, each gate product ~2.8 us.
 * oneDNN's fused {@code torch.lstm} on one step was measured too: ~100 us (it reorders the weights
 * every call). The sums are PyTorch's own ({@code addmm} with beta = 1 accumulates the second
 * product into the first); the results differ from {@code lstm_cell}'s by rounding only and stay
 * within the conformance tolerances of the float64 oracle.
 */
final class DjlStepModule implements AutoCloseable {
  // Places in the state list after every layer's h and c: the scratch arrays and views every layer
  // shares, and the head's output.
  private static final int GATES = 0;
  private static final int IF_GATES = 1;
  private static final int I_GATE = 2;
  private static final int F_GATE = 3;
  private static final int G_GATE = 4;
  private static final int O_GATE = 5;
  private static final int TANH_C = 6;
  private static final int Y = 7;

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
   * The step's source: {@code forward(input [B,I], state, weights)} with {@code state = [h_0, c_0,
   * ..., h_L-1, c_L-1, gates, gates[i,f], gates[i], gates[f], gates[g], gates[o], tanh(c) scratch,
   * y]} ({@code y [B,O]} only with a head) and {@code weights = [W_ih_0^T, W_hh_0^T, b_0, ..., head
   * W^T, head b]}; writes the new state into the state arrays and the head's output into {@code y},
   * and returns {@code y} (else the top layer's h). Nothing crosses JNI per step but the call.
   */
  static String code(LstmSpec spec) {
    int layers = spec.numLayers();
    int scratch = 2 * layers;
    StringBuilder s =
        new StringBuilder()
            .append("class LstmIrfStep(Module):\n")
            .append("  __parameters__ = []\n  __buffers__ = []\n  training : bool\n")
            .append("  def forward(self: __torch__.LstmIrfStep,\n    input: Tensor,\n")
            .append("    s: List[Tensor],\n    w: List[Tensor]) -> Tensor:\n");
    String x = "input";
    for (int l = 0; l < layers; l++) {
      String h = "s[" + 2 * l + "]";
      String c = "s[" + (2 * l + 1) + "]";
      String gates = "s[" + (scratch + GATES) + "]";
      line(s, "torch.addmm(w[%d], %s, w[%d], out=%s)", 3 * l + 2, x, 3 * l, gates);
      line(s, "%s.addmm_(%s, w[%d])", gates, h, 3 * l + 1);
      line(s, "s[%d].sigmoid_()", scratch + IF_GATES);
      line(s, "s[%d].tanh_()", scratch + G_GATE);
      line(s, "s[%d].sigmoid_()", scratch + O_GATE);
      line(
          s,
          "%s.mul_(s[%d]).addcmul_(s[%d], s[%d])",
          c,
          scratch + F_GATE,
          scratch + I_GATE,
          scratch + G_GATE);
      line(s, "torch.tanh(%s, out=s[%d])", c, scratch + TANH_C);
      line(s, "torch.mul(s[%d], s[%d], out=%s)", scratch + O_GATE, scratch + TANH_C, h);
      x = h;
    }
    if (spec.hasHead()) {
      line(
          s,
          "return torch.addmm(w[%d], %s, w[%d], out=s[%d])",
          3 * layers + 1,
          x,
          3 * layers,
          scratch + Y);
    } else {
      line(s, "return %s", x);
    }
    return s.toString();
  }

  private static void line(StringBuilder s, String format, Object... args) {
    s.append("    ").append(String.format(java.util.Locale.ROOT, format, args)).append('\n');
  }

  /**
   * One session's arguments, wrapped for libtorch once: the input, state and output arrays stay the
   * same arrays for the session's life (their values change in place), the scratch arrays and views
   * are made here, and the weights are views of the model's live parameter arrays. Wrapping them
   * per step cost four JNI crossings and four frees, and returning the results as tensors three
   * more plus a read each (measured in {@link DjlSession}).
   */
  final class Arguments implements AutoCloseable {
    private final List<NDArray> made = new ArrayList<>();
    private final IValue[] values;

    /**
     * Wraps a session's arrays; what it makes (scratch arrays, views) belongs to {@code manager}.
     *
     * @param input {@code [B, I]}
     * @param h every layer's h, {@code [B, H]}
     * @param c every layer's c, {@code [B, H]}
     * @param y {@code [B, O]}: receives the head's output; null without a head
     */
    Arguments(
        NDManager manager,
        NDArray input,
        NDArray[] h,
        NDArray[] c,
        DjlParameters parameters,
        NDArray y) {
      try {
        int batch = (int) input.getShape().get(0);
        int hidden = (int) h[0].getShape().get(1);
        PtNDArray gates = own(manager.zeros(new Shape(batch, 4L * hidden), input.getDataType()));
        List<PtNDArray> state = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
          state.add((PtNDArray) h[l]);
          state.add((PtNDArray) c[l]);
        }
        state.add(gates);
        state.add(gateSlice(gates, 0, 2, hidden)); // i and f: one sigmoid
        for (int gate = 0; gate < 4; gate++) {
          state.add(gateSlice(gates, gate, 1, hidden));
        }
        state.add(own(manager.zeros(h[0].getShape(), input.getDataType())));
        if (head) {
          state.add((PtNDArray) y);
        }
        List<PtNDArray> weights = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
          DjlParameters.Direction p = parameters.direction(l, 0); // canonical LSTMs only
          weights.add(transposed(p.weightIh(), manager));
          weights.add(transposed(p.weightHh(), manager));
          weights.add((PtNDArray) p.bias()); // b_hh is zero in the canonical layout
        }
        if (head) {
          weights.add(transposed(parameters.headWeight(), manager));
          weights.add((PtNDArray) parameters.headBias());
        }
        values =
            new IValue[] {
              IValue.from((PtNDArray) input),
              IValue.listFrom(state.toArray(new PtNDArray[0])),
              IValue.listFrom(weights.toArray(new PtNDArray[0]))
            };
      } catch (RuntimeException e) {
        closeMade();
        throw e;
      }
    }

    /** Gates {@code first} to {@code first + count} of {@code gates} (i, f, g, o), a view. */
    private PtNDArray gateSlice(PtNDArray gates, int first, int count, int hidden) {
      return own(
          JniUtils.slice(gates, 1, (long) first * hidden, (long) (first + count) * hidden, 1));
    }

    /** {@code w^T}, a view of the live parameter; it belongs to the session's manager. */
    private PtNDArray transposed(NDArray w, NDManager manager) {
      PtNDArray view = own(JniUtils.transpose((PtNDArray) w, 0, 1));
      view.attach(manager);
      return view;
    }

    private PtNDArray own(NDArray array) {
      made.add(array);
      return (PtNDArray) array;
    }

    /** Runs one step: the state arrays and {@code y} hold the results. */
    void step() {
      block.forward(values).close();
    }

    @Override
    public void close() {
      for (IValue v : values) {
        v.close();
      }
      closeMade();
    }

    private void closeMade() {
      for (NDArray a : made) {
        a.close();
      }
      made.clear();
    }
  }

  @Override
  public void close() {
    block.close();
  }
}
