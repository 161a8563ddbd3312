package io.lstmirf.testing;

import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.util.List;

/**
 * The closed-form model of irf-method.md with per-unit parameters: one layer on one input,
 * {@code W_hh = 0}, the input feeding only the g gate ({@code W_ih[g] = w}, the other rows 0),
 * g's bias 0. The i, f and o gates are then the constants {@code sigmoid(b_i)},
 * {@code sigmoid(b_f)}, {@code sigmoid(b_o)}, and a shock {@code s} at {@code t0} on a zero input
 * gives, for every unit,
 *
 * <pre>
 * c[t0 + j] = sigmoid(b_f)^j sigmoid(b_i) tanh(w s),   h = sigmoid(b_o) tanh(c)
 * </pre>
 *
 * <p>{@code io.lstmirf.irf.ClosedFormLstm} is the same model with one input weight, input bias
 * and output bias for all units; this one gives each unit its own, so that a swapped unit or
 * gate shows.
 */
public final class ClosedFormLayer {
  private final double[] w;
  private final double[] bf;
  private final double[] bi;
  private final double[] bo;

  private ClosedFormLayer(double[] w, double[] bf, double[] bi, double[] bo) {
    if (bf.length != w.length || bi.length != w.length || bo.length != w.length) {
      throw new IllegalArgumentException("one w, b_f, b_i and b_o per unit");
    }
    this.w = w.clone();
    this.bf = bf.clone();
    this.bi = bi.clone();
    this.bo = bo.clone();
  }

  /** {@code w.length} units with these input weights and i, f, o biases. */
  public static ClosedFormLayer of(double[] w, double[] bf, double[] bi, double[] bo) {
    return new ClosedFormLayer(w, bf, bi, bo);
  }

  /** The number of units. */
  public int hiddenSize() {
    return w.length;
  }

  /** The canonical weights: {@code I = 1}, one layer, no head. */
  public LstmWeights weights() {
    int h = w.length;
    double[] wIh = new double[4 * h];
    double[] bias = new double[4 * h];
    for (int k = 0; k < h; k++) {
      wIh[2 * h + k] = w[k];
      bias[k] = bi[k];
      bias[h + k] = bf[k];
      bias[3 * h + k] = bo[k];
    }
    return new LstmWeights(List.of(new LayerWeights(Matrix.ofRowMajor(4 * h, 1, wIh),
        Matrix.zeros(4 * h, h), bias)));
  }

  /** One sequence {@code [1][steps][1]}, zero but for {@code shock} at {@code t0}. */
  public static double[][][] shockedInput(int steps, int t0, double shock) {
    double[][][] x = new double[1][steps][1];
    x[0][t0][0] = shock;
    return x;
  }

  /** The cell state of {@code unit} at step {@code t} of {@link #shockedInput}. */
  public double cell(int unit, int t, int t0, double shock) {
    return t < t0 ? 0
        : Math.pow(sigmoid(bf[unit]), t - t0) * sigmoid(bi[unit]) * Math.tanh(w[unit] * shock);
  }

  /** The hidden state of {@code unit} at step {@code t} of {@link #shockedInput}. */
  public double hidden(int unit, int t, int t0, double shock) {
    return sigmoid(bo[unit]) * Math.tanh(cell(unit, t, t0, shock));
  }

  /** The logistic function. */
  public static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
