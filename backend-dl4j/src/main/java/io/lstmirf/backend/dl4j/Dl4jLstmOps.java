package io.lstmirf.backend.dl4j;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The libnd4j ops this backend runs, with their argument conventions written once. The LSTM ops
 * take weights in the ops' layout ({@link Dl4jParameters}: gate blocks i, f, g, o), sigmoid gates,
 * tanh cell and output activations, no cell clipping, and a peephole layer's peepholes (libnd4j's
 * are ONNX's: i and f see c_{t-1}, o sees c_t): exactly the canonical cell.
 *
 * <p>Ops are bound to their arrays once in an {@link OpContext} and then executed as often as
 * needed, so a session step is one native call per layer and a training step two per layer and time
 * step, with no shape inference and no allocation on the Java side.
 */
final class Dl4jLstmOps {
  // libnd4j activation codes (lstmLayer.cpp): 0 = tanh, 2 = sigmoid.
  private static final long TANH = 0;
  private static final long SIGMOID = 2;

  /** The ops' cell clipping argument; 0 turns clipping off. */
  private static final double NO_CELL_CLIP = 0;

  /**
   * libnd4j's loss reduction 3, "sum divided by the number of non-zero weights": with the scalar
   * weight 1 that is the mean over every element.
   */
  private static final long MEAN_OVER_ELEMENTS = 3;

  /**
   * Every libnd4j custom op this backend runs, here or through ND4J ({@code adam_updater}, {@code
   * sgd_updater}).
   */
  static final List<String> NAMES =
      List.of(
          "lstm",
          "lstmLayerCell",
          "lstmLayerCellBp",
          "xw_plus_b",
          "xw_plus_b_bp",
          "mean_sqerr_loss",
          "mean_sqerr_loss_grad",
          "permute",
          "reverse",
          "multiply",
          "add",
          "clip_by_global_norm",
          "adam_updater",
          "sgd_updater");

  private Dl4jLstmOps() {}

  /**
   * Runs one layer over whole sequences with libnd4j's {@code lstm} op, which keeps the time loop
   * in native code and returns every step's cell state as well. (Its successor {@code lstmLayer}
   * computes the same values but, in 1.0.0-M2.1, leaks about 170 bytes of native memory per time
   * step and call.) The op takes peephole and projection weights even when configured not to use
   * them; they are zeros made here.
   *
   * @param x inputs {@code [T, B, in]}
   * @param h0 initial hidden state {@code [B, H]}
   * @param c0 initial cell state {@code [B, H]}
   * @param h receives every step's hidden state {@code [T, B, H]}
   * @param c receives every step's cell state {@code [T, B, H]}
   */
  static void sequence(
      INDArray x, Dl4jParameters.Layer w, INDArray h0, INDArray c0, INDArray h, INDArray c) {
    long units = h0.size(1);
    boolean usePeepholes = w.peephole() != null;
    INDArray unused = Nd4j.zeros(x.dataType(), 3 * units);
    INDArray peepholes = usePeepholes ? w.peephole() : unused;
    INDArray projection = Nd4j.zeros(x.dataType(), units, units);
    try (BoundOp op =
        new BoundOp(
            "lstm",
            new INDArray[] {
              x, h0, c0, w.inputWeights(), w.recurrentWeights(), peepholes, projection, w.bias()
            },
            new INDArray[] {h, c},
            unused,
            projection)) {
      // peepholes (i and f see c_{t-1}, o sees c_t, as ONNX) if the layer has them; no projection
      op.context.setIArguments(usePeepholes ? 1 : 0, 0);
      // no cell clipping, no projection clipping, no forget bias added to b_f
      op.context.setTArguments(NO_CELL_CLIP, 0, 0);
      op.run();
    }
  }

  /**
   * Binds one step of one layer with the {@code lstmLayerCell} op: reads {@code x [B, in]}, {@code
   * hIn}, {@code cIn} and writes {@code hOut}, {@code cOut} (all {@code [B, H]}).
   */
  static BoundOp cell(
      INDArray x,
      Dl4jParameters.Layer w,
      INDArray hIn,
      INDArray cIn,
      INDArray hOut,
      INDArray cOut) {
    return cell(
        withPeephole(w, x, w.inputWeights(), w.recurrentWeights(), w.bias(), hIn, cIn),
        true,
        w.peephole() != null,
        hOut,
        cOut);
  }

  /**
   * {@link #cell} in the bias-as-input form: {@code x1 [B, in + 1]} ends with a column of ones, and
   * the op reads {@link Dl4jParameters.Layer#inputWeightsWithBias()} and no bias, which spares it a
   * broadcast add (see {@link Dl4jParameters}).
   */
  static BoundOp cellWithBiasInput(
      INDArray x1,
      Dl4jParameters.Layer w,
      INDArray hIn,
      INDArray cIn,
      INDArray hOut,
      INDArray cOut) {
    return cell(
        withPeephole(w, x1, w.inputWeightsWithBias(), w.recurrentWeights(), hIn, cIn),
        false,
        w.peephole() != null,
        hOut,
        cOut);
  }

  private static BoundOp cell(
      INDArray[] inputs, boolean bias, boolean peepholes, INDArray hOut, INDArray cOut) {
    BoundOp op = new BoundOp("lstmLayerCell", inputs, new INDArray[] {hOut, cOut});
    op.context.setIArguments(SIGMOID, TANH, TANH);
    op.context.setTArguments(NO_CELL_CLIP);
    op.context.setBArguments(bias, peepholes);
    return op;
  }

  /** The cell ops' inputs: {@code arrays}, then the layer's peepholes if it has them. */
  private static INDArray[] withPeephole(Dl4jParameters.Layer w, INDArray... arrays) {
    if (w.peephole() == null) {
      return arrays;
    }
    INDArray[] out = java.util.Arrays.copyOf(arrays, arrays.length + 1);
    out[arrays.length] = w.peephole();
    return out;
  }

  /**
   * Binds the backpropagation of one {@link #cellWithBiasInput} step with libnd4j's {@code
   * lstmLayerCellBp} op, which recomputes the step's gates from its inputs and differentiates
   * through them. Its outputs are accumulators, the way libnd4j's own {@code lstmLayer_bp} drives
   * it through time: the weight gradients ({@code dw.inputWeightsWithBias()}, whose last row is the
   * bias gradient, and {@code dw.recurrentWeights()}) are added to; {@code dh} and {@code dc} hold,
   * on entry, the gradient arriving from step {@code t + 1} through the recurrence and, on exit,
   * the gradient with respect to {@code hIn} and {@code cIn}. {@code dx1 [B, in + 1]} is
   * overwritten (its last column, for the constant input, means nothing).
   *
   * @param dhOut the loss gradient with respect to this step's output {@code h} from outside the
   *     recurrence (a head, or the layer above), {@code [B, H]}
   */
  static BoundOp cellBackprop(
      INDArray x1,
      Dl4jParameters.Layer w,
      INDArray hIn,
      INDArray cIn,
      INDArray dhOut,
      INDArray dx1,
      Dl4jParameters.Layer dw,
      INDArray dh,
      INDArray dc) {
    boolean peepholes = w.peephole() != null;
    INDArray[] inputs =
        withPeephole(w, x1, w.inputWeightsWithBias(), w.recurrentWeights(), hIn, cIn);
    inputs = java.util.Arrays.copyOf(inputs, inputs.length + 1);
    inputs[inputs.length - 1] = dhOut;
    INDArray[] outputs =
        peepholes
            ? new INDArray[] {
              dx1, dw.inputWeightsWithBias(), dw.recurrentWeights(), dh, dc, dw.peephole()
            }
            : new INDArray[] {dx1, dw.inputWeightsWithBias(), dw.recurrentWeights(), dh, dc};
    BoundOp op = new BoundOp("lstmLayerCellBp", inputs, outputs);
    op.context.setIArguments(SIGMOID, TANH, TANH);
    op.context.setTArguments(NO_CELL_CLIP);
    op.context.setBArguments(false, peepholes); // bias as an input
    return op;
  }

  /** Binds a dense layer {@code y = x W + b}: {@code x [N, H]}, {@code W [H, O]}, {@code b [O]}. */
  static BoundOp dense(INDArray x, INDArray weight, INDArray bias, INDArray y) {
    return new BoundOp("xw_plus_b", new INDArray[] {x, weight, bias}, new INDArray[] {y});
  }

  /**
   * Binds the backpropagation of {@link #dense} ({@code xw_plus_b_bp}): from {@code dy} it writes
   * (overwrites) {@code dx}, {@code dW} and {@code db}.
   */
  static BoundOp denseBackprop(
      INDArray x,
      INDArray weight,
      INDArray bias,
      INDArray dy,
      INDArray dx,
      INDArray dWeight,
      INDArray dBias) {
    return new BoundOp(
        "xw_plus_b_bp", new INDArray[] {x, weight, bias, dy}, new INDArray[] {dx, dWeight, dBias});
  }

  /**
   * Binds libnd4j's {@code mean_sqerr_loss}: the mean of {@code (prediction - label)^2} over every
   * element, into the scalar {@code loss}.
   */
  static BoundOp meanSquaredError(INDArray prediction, INDArray label, INDArray loss) {
    INDArray weight = unitWeight(prediction);
    BoundOp op =
        new BoundOp(
            "mean_sqerr_loss",
            new INDArray[] {prediction, weight, label},
            new INDArray[] {loss},
            weight);
    op.context.setIArguments(MEAN_OVER_ELEMENTS);
    return op;
  }

  /**
   * Binds {@code mean_sqerr_loss_grad}, the gradient of {@link #meanSquaredError}: writes {@code
   * dPrediction}; the gradients with respect to the weight and the labels go to scratch arrays
   * owned by the op.
   */
  static BoundOp meanSquaredErrorGradient(
      INDArray prediction, INDArray label, INDArray dPrediction) {
    INDArray weight = unitWeight(prediction);
    INDArray dWeight = Nd4j.scalar(prediction.dataType(), 0.0);
    INDArray dLabel = Nd4j.create(prediction.dataType(), label.shape());
    BoundOp op =
        new BoundOp(
            "mean_sqerr_loss_grad",
            new INDArray[] {prediction, weight, label},
            new INDArray[] {dPrediction, dWeight, dLabel},
            weight,
            dWeight,
            dLabel);
    op.context.setIArguments(MEAN_OVER_ELEMENTS);
    return op;
  }

  /** Binds {@code permute}: {@code y = x} with its axes reordered, written into {@code y}. */
  static BoundOp permute(INDArray x, INDArray y, long... axes) {
    BoundOp op = new BoundOp("permute", new INDArray[] {x}, new INDArray[] {y});
    op.context.setIArguments(axes);
    return op;
  }

  /** Binds {@code multiply}: {@code z = x * y}, broadcasting {@code y} (z may be x). */
  static BoundOp multiply(INDArray x, INDArray y, INDArray z) {
    return new BoundOp("multiply", new INDArray[] {x, y}, new INDArray[] {z});
  }

  /** Binds {@code add}: {@code z = x + y}, broadcasting {@code y} (z may be x). */
  static BoundOp add(INDArray x, INDArray y, INDArray z) {
    return new BoundOp("add", new INDArray[] {x, y}, new INDArray[] {z});
  }

  /** Binds {@code reverse} along axis 0: {@code y[t] = x[T - 1 - t]}. */
  static BoundOp reverseTime(INDArray x, INDArray y) {
    BoundOp op = new BoundOp("reverse", new INDArray[] {x}, new INDArray[] {y});
    op.context.setIArguments(0);
    return op;
  }

  /**
   * Binds {@code clip_by_global_norm} in place: {@code g *= clipNorm / max(|g|, clipNorm)}, the
   * rule of {@link io.lstmirf.api.train.TrainerConfig}.
   */
  static BoundOp clipByGlobalNorm(INDArray g, double clipNorm) {
    INDArray norm = Nd4j.scalar(g.dataType(), 0.0);
    BoundOp op =
        new BoundOp("clip_by_global_norm", new INDArray[] {g}, new INDArray[] {g, norm}, norm);
    op.context.setTArguments(clipNorm);
    return op;
  }

  /** The scalar weight 1 that makes a libnd4j loss unweighted. */
  private static INDArray unitWeight(INDArray like) {
    return Nd4j.scalar(like.dataType(), 1.0);
  }

  /** Binds the custom op {@code name} to its arrays, for arguments set afterwards. */
  static BoundOp bound(String name, INDArray[] inputs, INDArray[] outputs) {
    return new BoundOp(name, inputs, outputs);
  }

  /**
   * A custom op bound to fixed input and output arrays in a native context, owning the scratch
   * arrays made for it.
   */
  static final class BoundOp implements AutoCloseable {
    private final DynamicCustomOp op;
    private final OpContext context;
    private final INDArray[] owned;

    private BoundOp(String name, INDArray[] inputs, INDArray[] outputs, INDArray... owned) {
      op = DynamicCustomOp.builder(name).build();
      context = Nd4j.getExecutioner().buildContext();
      context.setInputArrays(inputs);
      context.setOutputArrays(outputs);
      this.owned = owned;
    }

    void iArguments(long... values) {
      context.setIArguments(values);
    }

    void tArguments(double... values) {
      context.setTArguments(values);
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
      } finally {
        for (INDArray a : owned) {
          a.close();
        }
      }
    }
  }
}
