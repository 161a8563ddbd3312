package io.lstmirf.conformance;

import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.util.List;

/**
 * The closed-form model of irf-method.md: one input, {@code W_hh = 0}, the input feeding only
 * the g gate ({@code W_ih[g] = w}, other rows 0), and per-unit biases for i, f and o (g's is 0).
 */
public final class ClosedForm {
  private ClosedForm() {}

  /** One layer of {@code w.length} units with these per-unit weights and biases. */
  public static LstmWeights weights(double[] w, double[] bf, double[] bi, double[] bo) {
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

  public static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
