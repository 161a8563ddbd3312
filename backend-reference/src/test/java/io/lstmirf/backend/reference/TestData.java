package io.lstmirf.backend.reference;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.train.LossTarget;
import java.util.SplittableRandom;

/** Seeded weights and data for the reference backend's tests, and an independent MSE. */
final class TestData {
  private TestData() {}

  static LstmModel model(LstmWeights weights) {
    return new ReferenceBackend().create(weights, ModelOptions.of(Precision.FLOAT64));
  }

  /** Every weight and bias from {@code U(-scale, scale)}. */
  static LstmWeights weights(LstmSpec spec, double scale, long seed) {
    Parameters p = Parameters.zeros(spec);
    SplittableRandom random = new SplittableRandom(seed);
    for (double[] t : p.tensors()) {
      for (int k = 0; k < t.length; k++) {
        t[k] = (2 * random.nextDouble() - 1) * scale;
      }
    }
    return p.toWeights();
  }

  static double[][][] uniform(int a, int b, int c, double scale, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][][] x = new double[a][b][c];
    for (double[][] plane : x) {
      for (double[] row : plane) {
        for (int k = 0; k < c; k++) {
          row[k] = (2 * random.nextDouble() - 1) * scale;
        }
      }
    }
    return x;
  }

  /** {@code w} with entry {@code k} of tensor {@code n} (in {@link Parameters} order) moved. */
  static LstmWeights perturbed(LstmWeights w, int n, int k, double delta) {
    Parameters p = Parameters.of(w);
    p.tensors()[n][k] += delta;
    return p.toWeights();
  }

  /**
   * The MSE of a model's predictions, from its public forward pass: written apart from
   * {@link Bptt} so that the finite-difference test checks BPTT against something else.
   */
  static double mse(LstmWeights weights, double[][][] inputs, double[][][] targets,
      LossTarget loss) {
    try (LstmModel model = model(weights)) {
      double[][][] y = model.forward(inputs).responses();
      int steps = inputs[0].length;
      int first = loss == LossTarget.LAST_STEP ? steps - 1 : 0;
      double sum = 0;
      int count = 0;
      for (int b = 0; b < y.length; b++) {
        for (int t = first; t < steps; t++) {
          for (int o = 0; o < y[b][t].length; o++) {
            double e = y[b][t][o] - targets[b][t - first][o];
            sum += e * e;
            count++;
          }
        }
      }
      return sum / count;
    }
  }
}
