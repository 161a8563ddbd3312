package io.lstmirf.backend.tfjava;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.layout.GateOrder;

/**
 * TensorFlow's fused LSTM ops: one kernel {@code w = [W_ih^T ; W_hh^T]} of shape {@code [in + H x
 * 4H]} and a bias {@code [4H]}. {@code BlockLSTMV2} (Java's {@code tf.nn.blockLSTM}) uses the
 * canonical gate order; {@code LSTMBlockCell} and {@code BlockLSTM} v1 use i, g, f, o ({@link
 * GateOrder#TF_BLOCK_V1}) and must be given {@code forget_bias = 0} and {@code cell_clip = -1} to
 * compute the canonical cell.
 */
final class TensorFlowBlockLayout {
  private TensorFlowBlockLayout() {}

  /** The kernel and bias of one layer. */
  public record Layer(Matrix kernel, double[] bias) {
    public Layer {
      bias = bias.clone();
      if (bias.length != kernel.cols()
          || bias.length % 4 != 0
          || kernel.rows() <= bias.length / 4) {
        throw new InvalidInputException(
            "TF block LSTM kernel must be [in+H x 4H] and bias [4H],"
                + " got "
                + kernel.shape()
                + " and "
                + bias.length);
      }
    }

    @Override
    public double[] bias() {
      return bias.clone();
    }
  }

  public static Layer fromCanonical(LayerWeights w, GateOrder order) {
    Matrix kernel =
        Matrix.stackRows(
            order.fromCanonicalRows(w.weightIh()).transpose(),
            order.fromCanonicalRows(w.weightHh()).transpose());
    return new Layer(kernel, order.fromCanonical(w.bias()));
  }

  public static LayerWeights toCanonical(Layer t, GateOrder order) {
    int h = t.bias().length / 4;
    int in = t.kernel().rows() - h;
    Matrix wIh = t.kernel().rowBlock(0, in).transpose();
    Matrix wHh = t.kernel().rowBlock(in, in + h).transpose();
    return new LayerWeights(
        order.toCanonicalRows(wIh), order.toCanonicalRows(wHh), order.toCanonical(t.bias()));
  }
}
