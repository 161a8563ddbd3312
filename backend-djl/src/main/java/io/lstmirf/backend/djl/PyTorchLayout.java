package io.lstmirf.backend.djl;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;

/**
 * PyTorch's {@code nn.LSTM} layout (also DJL's): gate order i, f, g, o as canonical, but two biases
 * {@code b_ih} and {@code b_hh} that the cell adds. From canonical, the whole bias goes to {@code
 * b_ih} and {@code b_hh} is zero; back to canonical, the two are summed.
 */
final class PyTorchLayout {
  private PyTorchLayout() {}

  /**
   * One layer in PyTorch's layout ({@code weight_ih_l{k}}, {@code weight_hh_l{k}}, {@code
   * bias_ih_l{k}}, {@code bias_hh_l{k}}).
   */
  public record Layer(Matrix weightIh, Matrix weightHh, double[] biasIh, double[] biasHh) {
    public Layer {
      biasIh = biasIh.clone();
      biasHh = biasHh.clone();
      if (biasIh.length != biasHh.length || biasIh.length != weightHh.rows()) {
        throw new InvalidInputException(
            "bias_ih and bias_hh must both have 4H = "
                + weightHh.rows()
                + " entries, got "
                + biasIh.length
                + " and "
                + biasHh.length);
      }
    }

    @Override
    public double[] biasIh() {
      return biasIh.clone();
    }

    @Override
    public double[] biasHh() {
      return biasHh.clone();
    }
  }

  public static Layer fromCanonical(LayerWeights w) {
    return new Layer(w.weightIh(), w.weightHh(), w.bias(), new double[w.bias().length]);
  }

  public static LayerWeights toCanonical(Layer p) {
    double[] b = p.biasIh();
    double[] bh = p.biasHh();
    for (int k = 0; k < b.length; k++) {
      b[k] += bh[k];
    }
    return new LayerWeights(p.weightIh(), p.weightHh(), b);
  }
}
