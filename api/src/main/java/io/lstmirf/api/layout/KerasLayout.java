package io.lstmirf.api.layout;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;

/**
 * Keras' {@code LSTM} and {@code GRU} layer layouts, kernels transposed: {@code kernel [in x GH]},
 * {@code recurrent_kernel [H x GH]}.
 *
 * <ul>
 *   <li>LSTM: gate order i, f, c, o (c is the canonical g), one {@code bias [4H]}.
 *   <li>GRU with {@code reset_after=True} (the canonical GRU): gate order z, r, h, {@code bias [2,
 *       3H]} (stored here row-major, {@code [6H]}): the input bias, then the recurrent bias, whose
 *       h block is the canonical {@code b_hn}. From canonical, the recurrent bias is zero but for
 *       {@code b_hn}.
 * </ul>
 */
public final class KerasLayout {
  /** Keras GRU block k is canonical block GRU_FROM[k]: z, r, h from r, z, n. */
  private static final int[] GRU_FROM = {1, 0, 2};

  private KerasLayout() {}

  /**
   * One layer as {@code layer.get_weights()} returns it (a GRU's bias flattened row-major). The
   * cell is told by the shapes: 4H kernel columns for an LSTM, 3H for a GRU.
   */
  public record Layer(Matrix kernel, Matrix recurrentKernel, double[] bias) {
    public Layer {
      bias = bias.clone();
      int h = recurrentKernel.rows();
      int cols = kernel.cols();
      boolean lstm = cols == 4 * h && bias.length == cols;
      boolean gru = cols == 3 * h && bias.length == 2 * cols;
      if (recurrentKernel.cols() != cols || !(lstm || gru)) {
        throw new InvalidInputException(
            "kernel, recurrent_kernel and bias must all have 4H"
                + " columns (LSTM), or 3H columns and a [2, 3H] bias (GRU, reset_after=True), got "
                + cols
                + ", "
                + recurrentKernel.cols()
                + ", "
                + bias.length
                + " for H = "
                + h);
      }
    }

    /** Which layer these weights are for. */
    public CellKind cell() {
      return kernel.cols() == 4 * recurrentKernel.rows() ? CellKind.LSTM : CellKind.GRU;
    }

    @Override
    public double[] bias() {
      return bias.clone();
    }
  }

  /**
   * One direction of a canonical layer in Keras' layout.
   *
   * @throws InvalidInputException for an LSTM with peepholes, which Keras' LSTM layer lacks
   */
  public static Layer fromCanonical(LayerWeights w) {
    if (w.peephole().isPresent()) {
      throw new InvalidInputException(
          "Keras' LSTM layer has no peepholes; write this model as" + " ONNX or lstm-irf JSON");
    }
    if (w.cell() == CellKind.LSTM) {
      return new Layer(w.weightIh().transpose(), w.weightHh().transpose(), w.bias());
    }
    int h = w.hiddenSize();
    double[] bias = new double[6 * h];
    System.arraycopy(Blocks.entries(w.bias(), GRU_FROM), 0, bias, 0, 3 * h);
    System.arraycopy(w.recurrentBias().orElseThrow(), 0, bias, 5 * h, h);
    return new Layer(
        Blocks.rows(w.weightIh(), GRU_FROM).transpose(),
        Blocks.rows(w.weightHh(), GRU_FROM).transpose(),
        bias);
  }

  /** A canonical forward layer from Keras' layout. */
  public static LayerWeights toCanonical(Layer k) {
    if (k.cell() == CellKind.LSTM) {
      return new LayerWeights(k.kernel().transpose(), k.recurrentKernel().transpose(), k.bias());
    }
    int h = k.recurrentKernel().rows();
    double[] b = k.bias();
    double[] sum = new double[3 * h];
    for (int j = 0; j < 3 * h; j++) {
      sum[j] = b[j] + (j < 2 * h ? b[3 * h + j] : 0);
    }
    int[] to = Blocks.inverse(GRU_FROM);
    return LayerWeights.gru(
        Blocks.rows(k.kernel().transpose(), to),
        Blocks.rows(k.recurrentKernel().transpose(), to),
        Blocks.entries(sum, to),
        java.util.Arrays.copyOfRange(b, 5 * h, 6 * h));
  }
}
