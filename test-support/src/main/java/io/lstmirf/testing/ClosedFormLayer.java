package io.lstmirf.testing;

import io.lstmirf.api.Gate;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.util.List;

/**
 * The LSTM whose impulse response is known in closed form (irf-method.md), to check a backend or an
 * analysis against: one layer on one input, {@code W_hh = 0}, the input feeding only the g gate
 * ({@code W_ih[g] = w}, the other rows 0), g's bias 0. The i, f and o gates are then the constants
 * {@code sigmoid(b_i)}, {@code sigmoid(b_f)}, {@code sigmoid(b_o)}, and a shock {@code s} at {@code
 * t0} on a zero input gives, for every unit,
 *
 * <pre>
 * c[t0 + j] = sigmoid(b_f)^j sigmoid(b_i) tanh(w s),   h[t0 + j] = sigmoid(b_o) tanh(c[t0 + j])
 * </pre>
 *
 * <p>so the cell forgets exactly geometrically, at the rate its forget bias sets. Every unit has
 * its own four parameters, so that a swapped unit or gate shows; {@link #ofForgetBiases} gives the
 * common case of one {@code w}, {@code b_i} and {@code b_o} for all units and one forget bias per
 * unit (one model, several memory times).
 */
public final class ClosedFormLayer {
  private final double[] w;
  private final double[] bf;
  private final double[] bi;
  private final double[] bo;

  private ClosedFormLayer(double[] w, double[] bf, double[] bi, double[] bo) {
    if (w.length == 0) {
      throw new IllegalArgumentException("the closed-form model needs at least one unit");
    }
    if (bf.length != w.length || bi.length != w.length || bo.length != w.length) {
      throw new IllegalArgumentException("one w, b_f, b_i and b_o per unit");
    }
    this.w = w.clone();
    this.bf = bf.clone();
    this.bi = bi.clone();
    this.bo = bo.clone();
  }

  /** {@code w.length} units with these input weights and f, i, o biases. */
  public static ClosedFormLayer of(double[] w, double[] bf, double[] bi, double[] bo) {
    return new ClosedFormLayer(w, bf, bi, bo);
  }

  /**
   * One unit per forget bias, all with input weight {@code w}, input bias {@code bi} and output
   * bias {@code bo}.
   */
  public static ClosedFormLayer ofForgetBiases(
      double w, double bi, double[] forgetBiases, double bo) {
    int h = forgetBiases.length;
    return new ClosedFormLayer(filled(h, w), forgetBiases, filled(h, bi), filled(h, bo));
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
      wIh[Gate.CELL.offset(h) + k] = w[k];
      bias[Gate.INPUT.offset(h) + k] = bi[k];
      bias[Gate.FORGET.offset(h) + k] = bf[k];
      bias[Gate.OUTPUT.offset(h) + k] = bo[k];
    }
    return new LstmWeights(
        List.of(new LayerWeights(Matrix.ofRowMajor(4 * h, 1, wIh), Matrix.zeros(4 * h, h), bias)));
  }

  /** The forget gate of unit {@code k}: {@code sigmoid(b_f[k])}, the same at every step. */
  public double forgetGate(int k) {
    return sigmoid(bf[k]);
  }

  /** One sequence {@code [1][steps][1]}, zero but for {@code shock} at {@code t0}. */
  public static double[][][] shockedInput(int steps, int t0, double shock) {
    double[][][] x = new double[1][steps][1];
    x[0][t0][0] = shock;
    return x;
  }

  /** The cell state of {@code unit} at step {@code t} of {@link #shockedInput}. */
  public double cell(int unit, int t, int t0, double shock) {
    return t < t0
        ? 0
        : Math.pow(forgetGate(unit), t - t0) * sigmoid(bi[unit]) * Math.tanh(w[unit] * shock);
  }

  /** The hidden state of {@code unit} at step {@code t} of {@link #shockedInput}. */
  public double hidden(int unit, int t, int t0, double shock) {
    return sigmoid(bo[unit]) * Math.tanh(cell(unit, t, t0, shock));
  }

  /**
   * The cell-state response to a shock {@code s} on a zero baseline, {@code [N][H]}: lag {@code j}
   * of every unit, {@code c[t0 + j]}.
   */
  public double[][] cellResponse(double s, int horizon) {
    double[][] c = new double[horizon][hiddenSize()];
    for (int j = 0; j < horizon; j++) {
      for (int k = 0; k < hiddenSize(); k++) {
        c[j][k] = cell(k, j, 0, s);
      }
    }
    return c;
  }

  /** The hidden-state response to a shock {@code s} on a zero baseline, {@code [N][H]}. */
  public double[][] hiddenResponse(double s, int horizon) {
    double[][] h = new double[horizon][hiddenSize()];
    for (int j = 0; j < horizon; j++) {
      for (int k = 0; k < hiddenSize(); k++) {
        h[j][k] = hidden(k, j, 0, s);
      }
    }
    return h;
  }

  /**
   * The logistic function; for negative {@code z} as {@code e^z / (1 + e^z)}, which stays accurate
   * where {@code e^-z} would overflow.
   */
  public static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  private static double[] filled(int n, double value) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, value);
    return a;
  }
}
