package io.lstmirf.testing;

import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.train.Optimizer;

/**
 * The optimiser updates the api documents ({@link Optimizer}, and the global-norm clipping of
 * {@code TrainerConfig}), applied in plain Java to weights and gradients.
 */
public final class UpdateRules {
  private UpdateRules() {}

  /**
   * One SGD step, {@code w - lr * scale * g}, where {@code scale = clipNorm / max(|g|, clipNorm)}
   * over the global norm of {@code g}, or 1 when {@code clipNorm <= 0}.
   */
  public static LstmWeights sgd(
      LstmWeights weights, LstmWeights gradients, double learningRate, double clipNorm) {
    double[] w = WeightTensors.flatten(weights);
    double[] g = WeightTensors.flatten(gradients);
    double scale = clipNorm <= 0 ? 1 : clipNorm / Math.max(WeightTensors.norm(gradients), clipNorm);
    for (int i = 0; i < w.length; i++) {
      w[i] -= learningRate * scale * g[i];
    }
    return WeightTensors.unflatten(weights.spec(), w);
  }

  /** Adam exactly as {@link Optimizer.Adam} documents it, carrying its moments across steps. */
  public static final class Adam {
    private final Optimizer.Adam config;
    private double[] m;
    private double[] v;
    private int t;

    /** Adam with these hyper-parameters, before its first step. */
    public Adam(Optimizer.Adam config) {
      this.config = config;
    }

    /** The weights after one more step along {@code gradients}. */
    public LstmWeights step(LstmWeights weights, LstmWeights gradients) {
      double[] w = WeightTensors.flatten(weights);
      double[] g = WeightTensors.flatten(gradients);
      if (m == null) {
        m = new double[w.length];
        v = new double[w.length];
      }
      t++;
      double b1 = config.beta1();
      double b2 = config.beta2();
      double lrT = config.learningRate() * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
      for (int i = 0; i < w.length; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        w[i] -= lrT * m[i] / (Math.sqrt(v[i]) + config.epsilon());
      }
      return WeightTensors.unflatten(weights.spec(), w);
    }
  }
}
