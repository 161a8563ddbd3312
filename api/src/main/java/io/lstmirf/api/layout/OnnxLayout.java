package io.lstmirf.api.layout;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;

/**
 * ONNX's {@code LSTM} operator layout for one direction: gate order i, o, f, c;
 * {@code W [4H x in]}, {@code R [4H x H]}, {@code B [8H] = [Wb, Rb]} (input and recurrent biases,
 * summed by the cell). From canonical, the bias goes to {@code Wb} and {@code Rb} is zero.
 */
public final class OnnxLayout {
  private OnnxLayout() {}

  /** One direction's W, R and B, without the leading num_directions axis. */
  public record Layer(Matrix w, Matrix r, double[] b) {
    public Layer {
      b = b.clone();
      if (b.length != 2 * w.rows() || r.rows() != w.rows()) {
        throw new InvalidInputException("ONNX W and R need 4H rows and B 8H entries, got "
            + w.rows() + ", " + r.rows() + ", " + b.length);
      }
    }

    @Override
    public double[] b() {
      return b.clone();
    }
  }

  public static Layer fromCanonical(LayerWeights w) {
    GateOrder onnx = GateOrder.ONNX;
    double[] wb = onnx.fromCanonical(w.bias());
    double[] b = new double[2 * wb.length];
    System.arraycopy(wb, 0, b, 0, wb.length);
    return new Layer(onnx.fromCanonicalRows(w.weightIh()), onnx.fromCanonicalRows(w.weightHh()), b);
  }

  public static LayerWeights toCanonical(Layer o) {
    double[] b = o.b();
    int fourH = b.length / 2;
    double[] sum = new double[fourH];
    for (int k = 0; k < fourH; k++) {
      sum[k] = b[k] + b[fourH + k];
    }
    GateOrder onnx = GateOrder.ONNX;
    return new LayerWeights(onnx.toCanonicalRows(o.w()), onnx.toCanonicalRows(o.r()),
        onnx.toCanonical(sum));
  }
}
