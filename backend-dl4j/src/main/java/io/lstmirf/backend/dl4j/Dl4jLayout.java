package io.lstmirf.backend.dl4j;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.layout.GateOrder;

/**
 * Deeplearning4j's {@code LSTM} layer layout: {@code W [in x 4H] = W_ih^T}, {@code RW [H x 4H] =
 * W_hh^T} and {@code b [4H]}, with column blocks in the order g, f, o, i. DL4J's {@code setParam}
 * checks only the length, so a wrong transpose is accepted silently: convert with this class, never
 * by hand.
 */
final class Dl4jLayout {
  private Dl4jLayout() {}

  /** The layer's {@code W}, {@code RW} and {@code b} parameters. */
  public record Layer(Matrix inputWeights, Matrix recurrentWeights, double[] bias) {
    public Layer {
      bias = bias.clone();
      if (bias.length != inputWeights.cols()
          || recurrentWeights.cols() != inputWeights.cols()
          || recurrentWeights.rows() * 4 != bias.length) {
        throw new InvalidInputException(
            "DL4J W [in x 4H], RW [H x 4H] and b [4H] disagree: "
                + inputWeights.shape()
                + ", "
                + recurrentWeights.shape()
                + ", "
                + bias.length);
      }
    }

    @Override
    public double[] bias() {
      return bias.clone();
    }
  }

  public static Layer fromCanonical(LayerWeights w) {
    GateOrder dl4j = GateOrder.DL4J;
    return new Layer(
        dl4j.fromCanonicalRows(w.weightIh()).transpose(),
        dl4j.fromCanonicalRows(w.weightHh()).transpose(),
        dl4j.fromCanonical(w.bias()));
  }

  public static LayerWeights toCanonical(Layer d) {
    GateOrder dl4j = GateOrder.DL4J;
    return new LayerWeights(
        dl4j.toCanonicalRows(d.inputWeights().transpose()),
        dl4j.toCanonicalRows(d.recurrentWeights().transpose()),
        dl4j.toCanonical(d.bias()));
  }
}
