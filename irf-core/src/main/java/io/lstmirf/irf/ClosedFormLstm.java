package io.lstmirf.irf;

import io.lstmirf.api.Gate;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.util.List;

/**
 * The LSTM whose impulse response is known in closed form (irf-method.md), to check a backend or
 * an analysis against: one layer on one input, {@code W_hh = 0}, the input feeding only the
 * {@code g} gate with weight {@code w}. Then the input, forget and output gates are constants
 * {@code sigmoid(b_i)}, {@code sigmoid(b_f)}, {@code sigmoid(b_o)}, and from a zero baseline a
 * shock {@code s} at {@code t0} gives, for every unit,
 *
 * <pre>
 * c[t0 + j] = sigmoid(b_f)^j sigmoid(b_i) tanh(w s),   h[t0 + j] = sigmoid(b_o) tanh(c[t0 + j])
 * </pre>
 *
 * so the cell forgets exactly geometrically, at the rate its forget bias sets. Each unit has its
 * own forget bias, so one model shows several memory times at once.
 *
 * @param inputWeight {@code w}, the input's weight into the g gate of every unit
 * @param inputBias {@code b_i} of every unit
 * @param forgetBias {@code b_f} per unit; its length is the hidden size
 * @param outputBias {@code b_o} of every unit
 */
public record ClosedFormLstm(double inputWeight, double inputBias, double[] forgetBias,
    double outputBias) {

  public ClosedFormLstm {
    if (forgetBias == null || forgetBias.length == 0) {
      throw new InvalidInputException("the closed-form model needs a forget bias per unit");
    }
    forgetBias = forgetBias.clone();
  }

  @Override
  public double[] forgetBias() {
    return forgetBias.clone();
  }

  /** H: one unit per forget bias. */
  public int hiddenSize() {
    return forgetBias.length;
  }

  /** The canonical weights: {@code I = 1}, one layer of {@code H} units, no head. */
  public LstmWeights weights() {
    int h = hiddenSize();
    double[] wIh = new double[4 * h];
    double[] bias = new double[4 * h];
    for (int k = 0; k < h; k++) {
      wIh[Gate.CELL.offset(h) + k] = inputWeight;
      bias[Gate.INPUT.offset(h) + k] = inputBias;
      bias[Gate.FORGET.offset(h) + k] = forgetBias[k];
      bias[Gate.OUTPUT.offset(h) + k] = outputBias;
    }
    return new LstmWeights(List.of(new LayerWeights(Matrix.ofRowMajor(4 * h, 1, wIh),
        Matrix.zeros(4 * h, h), bias)));
  }

  /** The forget gate of unit {@code k}: {@code sigmoid(b_f[k])}, the same at every step. */
  public double forgetGate(int k) {
    return sigmoid(forgetBias[k]);
  }

  /**
   * The cell-state response to a shock {@code s} on a zero baseline, {@code [N][H]}.
   */
  public double[][] cellResponse(double s, int horizon) {
    double[][] c = new double[horizon][hiddenSize()];
    double c0 = sigmoid(inputBias) * Math.tanh(inputWeight * s);
    for (int j = 0; j < horizon; j++) {
      for (int k = 0; k < hiddenSize(); k++) {
        c[j][k] = Math.pow(forgetGate(k), j) * c0;
      }
    }
    return c;
  }

  /** The hidden-state response to a shock {@code s} on a zero baseline, {@code [N][H]}. */
  public double[][] hiddenResponse(double s, int horizon) {
    double[][] c = cellResponse(s, horizon);
    double o = sigmoid(outputBias);
    for (double[] row : c) {
      for (int k = 0; k < row.length; k++) {
        row[k] = o * Math.tanh(row[k]);
      }
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClosedFormLstm m && Double.compare(m.inputWeight, inputWeight) == 0
        && Double.compare(m.inputBias, inputBias) == 0
        && java.util.Arrays.equals(m.forgetBias, forgetBias)
        && Double.compare(m.outputBias, outputBias) == 0;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(inputWeight, inputBias, java.util.Arrays.hashCode(forgetBias),
        outputBias);
  }

  @Override
  public String toString() {
    return "ClosedFormLstm[w=" + inputWeight + ", b_i=" + inputBias + ", b_f="
        + java.util.Arrays.toString(forgetBias) + ", b_o=" + outputBias + "]";
  }

  /** The logistic function, computed without overflow for large {@code |z|}. */
  public static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }
}
