package io.lstmirf.api.train;

import io.lstmirf.api.InvalidInputException;

/**
 * An optimiser and its hyper-parameters. Every backend applies exactly these update rules with its
 * engine's own optimiser, so the same gradients give the same weights on every engine.
 */
public sealed interface Optimizer permits Optimizer.Adam, Optimizer.Sgd {

  double learningRate();

  /**
   * Adam in the form TensorFlow, DL4J and DJL implement (Kingma and Ba, section 2, "epsilon hat"):
   * at step t, {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2}, {@code lr_t = lr
   * sqrt(1-b2^t) / (1-b1^t)}, {@code w -= lr_t m / (sqrt(v) + epsilon)}.
   */
  record Adam(double learningRate, double beta1, double beta2, double epsilon)
      implements Optimizer {
    public Adam {
      positive("learning rate", learningRate);
      if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
        throw new InvalidInputException(
            "Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
      }
      positive("epsilon", epsilon);
    }

    /** Keras' and PyTorch's defaults with the given learning rate: 0.9, 0.999, 1e-8. */
    public static Adam withLearningRate(double learningRate) {
      return new Adam(learningRate, 0.9, 0.999, 1e-8);
    }

    /** Learning rate 0.001, betas 0.9 and 0.999, epsilon 1e-8 (Keras' defaults). */
    public static Adam defaults() {
      return withLearningRate(1e-3);
    }
  }

  /** Plain stochastic gradient descent: {@code w -= lr g}. */
  record Sgd(double learningRate) implements Optimizer {
    public Sgd {
      positive("learning rate", learningRate);
    }
  }

  private static void positive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new InvalidInputException(name + " must be a positive number, got " + value);
    }
  }
}
