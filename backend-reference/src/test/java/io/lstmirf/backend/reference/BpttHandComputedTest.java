package io.lstmirf.backend.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.testing.RandomData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One unit, one input, one step, a dense head, written out by hand. From the zero state, {@code c =
 * i g}, {@code h = o tanh(c)}, {@code y = v h + d} and {@code L = (y - t)^2}, so {@code dL/dy = 2
 * (y - t)}, {@code dL/dh = v dL/dy}, {@code dL/dc = dL/dh o (1 - tanh^2 c)}, {@code dz_i = dL/dc g
 * i (1-i)}, {@code dz_f = 0} (since {@code c_0 = 0}), {@code dz_g = dL/dc i (1-g^2)}, {@code dz_o =
 * dL/dh tanh(c) o (1-o)}; {@code dW_ih = dz x}, {@code db = dz} and {@code dW_hh = 0} (since {@code
 * h_0 = 0}).
 */
class BpttHandComputedTest {

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  @Test
  void singleStepWithHead() {
    double x = 0.7;
    double target = 0.2;
    double[] w = {0.5, -0.3, 0.8, 0.1}; // W_ih rows i, f, g, o
    double[] u = {0.4, 0.6, -0.9, 0.2}; // W_hh: irrelevant from h_0 = 0, and its gradient is 0
    double[] b = {0.1, 0.2, -0.2, 0.3};
    double v = 1.5;
    double d = -0.4;
    LstmWeights weights =
        new LstmWeights(
            List.of(new LayerWeights(Matrix.ofRowMajor(4, 1, w), Matrix.ofRowMajor(4, 1, u), b)),
            new HeadWeights(Matrix.ofRowMajor(1, 1, new double[] {v}), new double[] {d}));

    double i = sigmoid(w[0] * x + b[0]);
    double g = Math.tanh(w[2] * x + b[2]);
    double o = sigmoid(w[3] * x + b[3]);
    double c = i * g;
    double h = o * Math.tanh(c);
    double y = v * h + d;
    double dy = 2 * (y - target);
    double dh = v * dy;
    double dc = dh * o * (1 - Math.tanh(c) * Math.tanh(c));
    double[] dz = {dc * g * i * (1 - i), 0, dc * i * (1 - g * g), dh * Math.tanh(c) * o * (1 - o)};

    GradientResult r;
    try (LstmModel model = ReferenceUnderTest.model(weights)) {
      r =
          model.gradients(
              new double[][][] {{{x}}}, new double[][][] {{{target}}}, LossTarget.LAST_STEP);
    }
    assertEquals((y - target) * (y - target), r.loss(), 1e-16, "loss");
    LayerWeights grad = r.gradients().layer(0);
    assertArrayEquals(
        new double[] {dz[0] * x, dz[1] * x, dz[2] * x, dz[3] * x},
        grad.weightIh().toRowMajor(),
        1e-16,
        "dW_ih");
    assertArrayEquals(new double[4], grad.weightHh().toRowMajor(), 0, "dW_hh");
    assertArrayEquals(dz, grad.bias(), 1e-16, "db");
    HeadWeights head = r.gradients().head().orElseThrow();
    assertArrayEquals(new double[] {dy * h}, head.weight().toRowMajor(), 1e-16, "dW_out");
    assertArrayEquals(new double[] {dy}, head.bias(), 1e-16, "db_out");
  }

  @Test
  void everyStepLossAveragesOverAllEntries() {
    // Without a head the predictions are h itself: mean over B * T * H entries.
    LstmWeights weights = RandomData.weights(io.lstmirf.api.LstmSpec.of(2, 3, 1), 0.5, 7);
    double[][][] inputs = RandomData.uniform(2, 4, 2, 1.0, 8);
    try (LstmModel model = ReferenceUnderTest.model(weights)) {
      double[][][] h = model.forward(inputs).hidden();
      double sum = 0;
      for (double[][] seq : h) {
        for (double[] step : seq) {
          for (double value : step) {
            sum += value * value;
          }
        }
      }
      GradientResult r = model.gradients(inputs, new double[2][4][3], LossTarget.EVERY_STEP);
      assertEquals(sum / (2 * 4 * 3), r.loss(), 1e-16);
    }
  }
}
