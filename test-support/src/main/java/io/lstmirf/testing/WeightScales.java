package io.lstmirf.testing;

/**
 * Half-widths of the uniform draws {@link RandomData#weights(io.lstmirf.api.LstmSpec, WeightScales,
 * long)} makes for each kind of weight: every entry of a kind is drawn from {@code U(-scale,
 * scale)}.
 *
 * @param inputWeights every layer's {@code W_ih}
 * @param recurrentWeights every layer's {@code W_hh}
 * @param biases every layer's bias
 * @param headWeights the head's weight matrix, if there is a head
 * @param headBiases the head's bias, if there is a head
 */
public record WeightScales(
    double inputWeights,
    double recurrentWeights,
    double biases,
    double headWeights,
    double headBiases) {

  /** The same half-width for every weight. */
  public static WeightScales uniform(double scale) {
    return new WeightScales(scale, scale, scale, scale, scale);
  }
}
