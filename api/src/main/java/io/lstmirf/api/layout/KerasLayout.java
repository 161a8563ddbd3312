package io.lstmirf.api.layout;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;

/**
 * Keras' {@code LSTM} layer layout: gate order i, f, c, o (c is the canonical g), kernels
 * transposed: {@code kernel [in x 4H]}, {@code recurrent_kernel [H x 4H]}, one {@code bias [4H]}.
 */
public final class KerasLayout {
  private KerasLayout() {}

  /** One layer as {@code layer.get_weights()} returns it. */
  public record Layer(Matrix kernel, Matrix recurrentKernel, double[] bias) {
    public Layer {
      bias = bias.clone();
      if (bias.length != kernel.cols() || recurrentKernel.cols() != kernel.cols()) {
        throw new InvalidInputException("kernel, recurrent_kernel and bias must all have 4H"
            + " columns, got " + kernel.cols() + ", " + recurrentKernel.cols() + ", "
            + bias.length);
      }
    }

    @Override
    public double[] bias() {
      return bias.clone();
    }
  }

  public static Layer fromCanonical(LayerWeights w) {
    return new Layer(w.weightIh().transpose(), w.weightHh().transpose(), w.bias());
  }

  public static LayerWeights toCanonical(Layer k) {
    return new LayerWeights(k.kernel().transpose(), k.recurrentKernel().transpose(), k.bias());
  }
}
