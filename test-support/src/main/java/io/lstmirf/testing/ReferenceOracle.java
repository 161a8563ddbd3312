package io.lstmirf.testing;

import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.train.LossTarget;

/**
 * The project's oracle: the pure-Java float64 reference backend, its loss computed from its public
 * forward pass, and gradients by central differences of that loss, independent of any
 * backpropagation (the reference's included).
 *
 * <p>The reference backend is found on the class path ({@link Backends#discover()}); a module using
 * this class needs {@code lstm-irf-backend-reference} among its test dependencies. This module
 * cannot depend on it: the reference backend's own tests use this module.
 */
public final class ReferenceOracle {
  private ReferenceOracle() {}

  /** A reference model of these weights, in float64 on the CPU; the caller closes it. */
  public static LstmModel model(LstmWeights weights) {
    return Reference.BACKEND.create(weights, ModelOptions.of(Precision.FLOAT64));
  }

  /**
   * The loss {@code LstmModel#gradients} defines, from the reference's predictions: the mean
   * squared error over every target element, the targets being the last step's predictions ({@link
   * LossTarget#LAST_STEP}) or every step's.
   */
  public static double loss(
      LstmWeights weights, double[][][] inputs, double[][][] targets, LossTarget target) {
    try (LstmModel model = model(weights)) {
      double[][][] y = model.forward(inputs).responses();
      int steps = inputs[0].length;
      int first = target == LossTarget.LAST_STEP ? steps - 1 : 0;
      double sum = 0;
      long count = 0;
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

  /** d {@link #loss} / d weight for every weight, each by {@code difference}. */
  public static LstmWeights gradients(
      LstmWeights weights,
      double[][][] inputs,
      double[][][] targets,
      LossTarget target,
      CentralDifference difference) {
    double[] w = WeightTensors.flatten(weights);
    double[] g = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      int at = i;
      g[i] =
          difference.derivative(
              v -> {
                double[] moved = w.clone();
                moved[at] = v;
                return loss(
                    WeightTensors.unflatten(weights.spec(), moved), inputs, targets, target);
              },
              w[i]);
    }
    return WeightTensors.unflatten(weights.spec(), g);
  }

  /** Found on first use, so that the other fixtures work without the reference. */
  private static final class Reference {
    static final LstmBackend BACKEND = Backends.discover().get(Backends.REFERENCE);
  }
}
