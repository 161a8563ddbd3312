package io.lstmirf.backend.djl;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;
import java.util.Arrays;

/**
 * PyTorch's {@code nn.LSTM} / {@code nn.GRU} layout of one direction (also DJL's): gate rows i, f,
 * g, o or r, z, n as canonical, but two biases {@code b_ih} and {@code b_hh} that the cell adds. An
 * LSTM adds them everywhere, so from canonical the whole bias goes to {@code b_ih} and {@code b_hh}
 * is zero, and back to canonical the two are summed. A GRU keeps {@code b_hn} apart (it sits inside
 * {@code r * (W_hn h + b_hn)}): canonical {@code b} is {@code b_ih} with {@code b_hh}'s r and z
 * blocks added, and its recurrent bias is {@code b_hh}'s n block. Peepholes have no place here.
 */
final class PyTorchLayout {
  private PyTorchLayout() {}

  /**
   * One direction in PyTorch's layout ({@code weight_ih_l{k}}, {@code weight_hh_l{k}}, {@code
   * bias_ih_l{k}}, {@code bias_hh_l{k}}); {@code weight_hh}'s rows tell the cell: 4H an LSTM, 3H a
   * GRU.
   */
  public record Layer(Matrix weightIh, Matrix weightHh, double[] biasIh, double[] biasHh) {
    public Layer {
      biasIh = biasIh.clone();
      biasHh = biasHh.clone();
      if (biasIh.length != biasHh.length || biasIh.length != weightHh.rows()) {
        throw new InvalidInputException(
            "bias_ih and bias_hh must both have "
                + (weightHh.rows() == 3 * weightHh.cols() ? "3H = " : "4H = ")
                + weightHh.rows()
                + " entries, got "
                + biasIh.length
                + " and "
                + biasHh.length);
      }
    }

    /** The cell these weights belong to, from {@code weight_hh}'s rows. */
    CellKind cell() {
      return weightHh.rows() == 3 * weightHh.cols() ? CellKind.GRU : CellKind.LSTM;
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

  /** One forward LSTM or GRU direction (not peepholes: PyTorch has no such cell). */
  public static Layer fromCanonical(LayerWeights w) {
    if (w.peephole().isPresent()) {
      throw new InvalidInputException(
          "an LSTM with peepholes has no PyTorch layout: nn.LSTM has no peepholes");
    }
    double[] biasHh = new double[w.bias().length];
    if (w.cell() == CellKind.GRU) {
      double[] bhn = w.recurrentBias().orElseThrow();
      System.arraycopy(bhn, 0, biasHh, 2 * bhn.length, bhn.length);
    }
    return new Layer(w.weightIh(), w.weightHh(), w.bias(), biasHh);
  }

  /** The canonical forward layer of one direction in PyTorch's layout. */
  public static LayerWeights toCanonical(Layer p) {
    double[] b = p.biasIh();
    double[] bh = p.biasHh();
    if (p.cell() == CellKind.LSTM) {
      for (int k = 0; k < b.length; k++) {
        b[k] += bh[k];
      }
      return new LayerWeights(p.weightIh(), p.weightHh(), b);
    }
    int h = p.weightHh().cols();
    for (int k = 0; k < 2 * h; k++) {
      b[k] += bh[k];
    }
    return LayerWeights.gru(p.weightIh(), p.weightHh(), b, Arrays.copyOfRange(bh, 2 * h, 3 * h));
  }
}
