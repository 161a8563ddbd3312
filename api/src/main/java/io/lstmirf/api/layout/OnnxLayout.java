package io.lstmirf.api.layout;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;

/**
 * ONNX's {@code LSTM} and {@code GRU} operator layouts for one direction, without the leading
 * num_directions axis. {@code B = [Wb, Rb]} holds input and recurrent biases.
 *
 * <ul>
 *   <li>LSTM: gate order i, o, f, c; {@code W [4H x in]}, {@code R [4H x H]}, {@code B [8H]},
 *       summed by the cell; peepholes {@code P [3H]} in the order p_i, p_o, p_f (canonical: p_i,
 *       p_f, p_o). From canonical, the bias goes to {@code Wb} and {@code Rb} is zero.
 *   <li>GRU with {@code linear_before_reset=1} (the canonical GRU): gate order z, r, h; {@code W
 *       [3H x in]}, {@code R [3H x H]}, {@code B [6H]}. The r and z biases are summed; the h
 *       block's {@code Wb} is the canonical {@code b_n} and its {@code Rb} the recurrent bias
 *       {@code b_hn}, which the reset gate scales. From canonical, {@code Rb} is zero but for
 *       {@code b_hn}.
 * </ul>
 */
public final class OnnxLayout {
  /** ONNX LSTM block k is canonical block LSTM_FROM[k]: i, o, f, c from i, f, g, o. */
  private static final int[] LSTM_FROM = {0, 3, 1, 2};

  /** ONNX GRU block k is canonical block GRU_FROM[k]: z, r, h from r, z, n. */
  private static final int[] GRU_FROM = {1, 0, 2};

  /** ONNX peephole block k is canonical block PEEPHOLE_FROM[k]: p_i, p_o, p_f from i, f, o. */
  private static final int[] PEEPHOLE_FROM = {0, 2, 1};

  private OnnxLayout() {}

  /**
   * One direction's W, R, B and (LSTM only, optional) P, without the leading num_directions axis.
   * The cell is told by the shapes: W has 4H rows for an LSTM, 3H for a GRU.
   *
   * @param p the peepholes {@code [3H]}, ONNX's order, or null for none
   */
  public record Layer(Matrix w, Matrix r, double[] b, double[] p) {
    public Layer {
      b = b.clone();
      p = p == null ? null : p.clone();
      int h = r.cols();
      if (r.rows() != w.rows()
          || (w.rows() != 4 * h && w.rows() != 3 * h)
          || b.length != 2 * w.rows()) {
        throw new InvalidInputException(
            "ONNX W and R need 4H rows and B 8H entries (LSTM), or"
                + " 3H rows and B 6H entries (GRU), got "
                + w.rows()
                + ", "
                + r.rows()
                + ", "
                + b.length
                + " for H = "
                + h);
      }
      if (p != null && (w.rows() != 4 * h || p.length != 3 * h)) {
        throw new InvalidInputException(
            "ONNX peepholes P belong to an LSTM and have 3H = "
                + 3 * h
                + " entries, got "
                + p.length);
      }
    }

    /** Without peepholes. */
    public Layer(Matrix w, Matrix r, double[] b) {
      this(w, r, b, null);
    }

    /** Which operator these weights are for. */
    public CellKind cell() {
      return w.rows() == 4 * r.cols() ? CellKind.LSTM : CellKind.GRU;
    }

    @Override
    public double[] b() {
      return b.clone();
    }

    @Override
    public double[] p() {
      return p == null ? null : p.clone();
    }
  }

  /** One direction ({@code w.direction(d)}) of a canonical layer, in ONNX's layout. */
  public static Layer fromCanonical(LayerWeights w) {
    int[] from = w.cell() == CellKind.LSTM ? LSTM_FROM : GRU_FROM;
    int rows = w.weightHh().rows();
    double[] b = new double[2 * rows];
    System.arraycopy(Blocks.entries(w.bias(), from), 0, b, 0, rows);
    w.recurrentBias()
        .ifPresent(bhn -> System.arraycopy(bhn, 0, b, rows + 2 * bhn.length, bhn.length));
    return new Layer(
        Blocks.rows(w.weightIh(), from),
        Blocks.rows(w.weightHh(), from),
        b,
        w.peephole().map(p -> Blocks.entries(p, PEEPHOLE_FROM)).orElse(null));
  }

  /**
   * A canonical forward layer from one direction in ONNX's layout: an LSTM with peepholes when P is
   * given (even all zero: the caller decides whether zeros mean none), a GRU's {@code Rb} of r and
   * z added to {@code Wb}.
   */
  public static LayerWeights toCanonical(Layer o) {
    double[] b = o.b();
    int rows = b.length / 2;
    int h = o.r().cols();
    double[] sum = new double[rows];
    for (int k = 0; k < rows; k++) {
      boolean recurrentN = o.cell() == CellKind.GRU && k >= 2 * h;
      sum[k] = b[k] + (recurrentN ? 0 : b[rows + k]);
    }
    if (o.cell() == CellKind.GRU) {
      int[] to = Blocks.inverse(GRU_FROM);
      double[] bhn = java.util.Arrays.copyOfRange(b, rows + 2 * h, 2 * rows);
      return LayerWeights.gru(
          Blocks.rows(o.w(), to), Blocks.rows(o.r(), to), Blocks.entries(sum, to), bhn);
    }
    int[] to = Blocks.inverse(LSTM_FROM);
    double[] p = o.p() == null ? null : Blocks.entries(o.p(), Blocks.inverse(PEEPHOLE_FROM));
    return LayerWeights.lstm(
        Blocks.rows(o.w(), to), Blocks.rows(o.r(), to), Blocks.entries(sum, to), p);
  }
}
