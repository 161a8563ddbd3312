package io.lstmirf.backend.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.testing.RandomData;
import org.junit.jupiter.api.Test;

/**
 * The trainer's update rules on a tiny model, against the formulas written out here, with the
 * gradients taken from {@code gradients()} (itself checked against finite differences).
 */
class ReferenceTrainerTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(2, 2, 1, 1);
  private static final LstmWeights START = RandomData.weights(SPEC, 0.5, 3);
  private static final double[][][] X1 = RandomData.uniform(3, 5, 2, 1.0, 4);
  private static final double[][][] Y1 = RandomData.uniform(3, 1, 1, 1.0, 5);
  private static final double[][][] X2 = RandomData.uniform(3, 5, 2, 1.0, 6);
  private static final double[][][] Y2 = RandomData.uniform(3, 1, 1, 1.0, 7);

  private static GradientResult gradients(LstmWeights at, double[][][] x, double[][][] y) {
    try (LstmModel model = ReferenceUnderTest.model(at)) {
      return model.gradients(x, y, LossTarget.LAST_STEP);
    }
  }

  private static double[][] tensors(LstmWeights w) {
    return ReferenceParameters.of(w).tensors();
  }

  private static void assertWeights(double[][] expected, LstmWeights actual, double delta) {
    double[][] a = tensors(actual);
    for (int n = 0; n < expected.length; n++) {
      assertArrayEquals(expected[n], a[n], delta, "tensor " + n);
    }
  }

  @Test
  void sgdStepsSubtractTheLearningRateTimesTheGradient() {
    double lr = 0.3;
    try (LstmModel model = ReferenceUnderTest.model(START);
        LstmTrainer trainer =
            model.openTrainer(TrainerConfig.of(new Optimizer.Sgd(lr), LossTarget.LAST_STEP))) {
      LstmWeights w = START;
      double[][][][] xs = {X1, X2, X1};
      double[][][][] ys = {Y1, Y2, Y1};
      for (int s = 0; s < 3; s++) {
        GradientResult g = gradients(w, xs[s], ys[s]);
        assertEquals(
            g.loss(),
            trainer.step(xs[s], ys[s]),
            0,
            "step returns the loss before" + " the update");
        double[][] expected = tensors(w);
        double[][] grad = tensors(g.gradients());
        for (int n = 0; n < expected.length; n++) {
          for (int k = 0; k < expected[n].length; k++) {
            expected[n][k] -= lr * grad[n][k];
          }
        }
        assertWeights(expected, model.weights(), 0);
        w = model.weights();
      }
    }
  }

  @Test
  void adamFollowsTheDocumentedFormulaOverTwoSteps() {
    Optimizer.Adam adam = new Optimizer.Adam(0.01, 0.8, 0.95, 1e-6);
    try (LstmModel model = ReferenceUnderTest.model(START);
        LstmTrainer trainer = model.openTrainer(TrainerConfig.of(adam, LossTarget.LAST_STEP))) {
      double[][] w = tensors(START);
      double[][] m = ReferenceParameters.zeros(SPEC).tensors();
      double[][] v = ReferenceParameters.zeros(SPEC).tensors();
      double[][][][] xs = {X1, X2};
      double[][][][] ys = {Y1, Y2};
      for (int t = 1; t <= 2; t++) {
        double[][] g = tensors(gradients(model.weights(), xs[t - 1], ys[t - 1]).gradients());
        trainer.step(xs[t - 1], ys[t - 1]);
        double lrT =
            adam.learningRate()
                * Math.sqrt(1 - Math.pow(adam.beta2(), t))
                / (1 - Math.pow(adam.beta1(), t));
        for (int n = 0; n < w.length; n++) {
          for (int k = 0; k < w[n].length; k++) {
            m[n][k] = adam.beta1() * m[n][k] + (1 - adam.beta1()) * g[n][k];
            v[n][k] = adam.beta2() * v[n][k] + (1 - adam.beta2()) * g[n][k] * g[n][k];
            w[n][k] -= lrT * m[n][k] / (Math.sqrt(v[n][k]) + adam.epsilon());
          }
        }
        assertWeights(w, model.weights(), 1e-15);
      }
    }
  }

  @Test
  void adamsFirstStepMovesEachWeightByAboutTheLearningRate() {
    double lr = 0.01;
    try (LstmModel model = ReferenceUnderTest.model(START);
        LstmTrainer trainer =
            model.openTrainer(
                TrainerConfig.of(Optimizer.Adam.withLearningRate(lr), LossTarget.LAST_STEP))) {
      double[][] g = tensors(gradients(START, X1, Y1).gradients());
      trainer.step(X1, Y1);
      double[][] before = tensors(START);
      double[][] after = tensors(model.weights());
      for (int n = 0; n < g.length; n++) {
        for (int k = 0; k < g[n].length; k++) {
          // lr g / (|g| + eps / sqrt(1 - b2)): lr sign(g) up to eps / (|g| sqrt(1 - b2))
          double expected = -lr * g[n][k] / (Math.abs(g[n][k]) + 1e-8 / Math.sqrt(0.001));
          assertEquals(expected, after[n][k] - before[n][k], 1e-15);
        }
      }
    }
  }

  @Test
  void clippingScalesTheGradientToTheGlobalNorm() {
    double lr = 0.5;
    GradientResult g = gradients(START, X1, Y1);
    double norm = ReferenceParameters.of(g.gradients()).globalNorm();
    double clip = norm / 4;
    try (LstmModel model = ReferenceUnderTest.model(START);
        LstmTrainer trainer =
            model.openTrainer(
                new TrainerConfig(new Optimizer.Sgd(lr), LossTarget.LAST_STEP, clip))) {
      trainer.step(X1, Y1);
      double[][] expected = tensors(START);
      double[][] grad = tensors(g.gradients());
      for (int n = 0; n < expected.length; n++) {
        for (int k = 0; k < expected[n].length; k++) {
          expected[n][k] -= lr * grad[n][k] * (clip / norm);
        }
      }
      assertWeights(expected, model.weights(), 1e-16);
      ReferenceParameters moved = ReferenceParameters.of(model.weights());
      ReferenceParameters start = ReferenceParameters.of(START);
      for (int n = 0; n < moved.tensors().length; n++) {
        for (int k = 0; k < moved.tensors()[n].length; k++) {
          moved.tensors()[n][k] -= start.tensors()[n][k];
        }
      }
      assertEquals(lr * clip, moved.globalNorm(), 1e-14, "the step has norm lr * clipNorm");
    }
  }

  @Test
  void aClipAboveTheNormChangesNothing() {
    GradientResult g = gradients(START, X1, Y1);
    double norm = ReferenceParameters.of(g.gradients()).globalNorm();
    try (LstmModel clipped = ReferenceUnderTest.model(START);
        LstmModel plain = ReferenceUnderTest.model(START);
        LstmTrainer a =
            clipped.openTrainer(
                new TrainerConfig(new Optimizer.Sgd(0.5), LossTarget.LAST_STEP, 2 * norm));
        LstmTrainer b =
            plain.openTrainer(TrainerConfig.of(new Optimizer.Sgd(0.5), LossTarget.LAST_STEP))) {
      a.step(X1, Y1);
      b.step(X1, Y1);
      assertEquals(plain.weights(), clipped.weights());
    }
  }

  @Test
  void lossDoesNotUpdate() {
    try (LstmModel model = ReferenceUnderTest.model(START);
        LstmTrainer trainer =
            model.openTrainer(TrainerConfig.of(Optimizer.Adam.defaults(), LossTarget.LAST_STEP))) {
      assertEquals(gradients(START, X2, Y2).loss(), trainer.loss(X2, Y2), 0);
      assertEquals(START, model.weights());
    }
  }

  @Test
  void everyStepTrainingUsesEveryStepTargets() {
    double[][][] y = RandomData.uniform(3, 5, 1, 1.0, 9);
    try (LstmModel model = ReferenceUnderTest.model(START);
        LstmTrainer trainer =
            model.openTrainer(TrainerConfig.of(new Optimizer.Sgd(0.1), LossTarget.EVERY_STEP))) {
      double expected = model.gradients(X1, y, LossTarget.EVERY_STEP).loss();
      assertEquals(expected, trainer.step(X1, y), 0);
      assertTrue(trainer.loss(X1, y) < expected, "a small SGD step lowers the loss");
    }
  }

  @Test
  void aLiveForgetBiasChangeIsTrainedFrom() {
    double[] bias = {3.0, -1.0};
    try (LstmModel model = ReferenceUnderTest.model(START);
        LstmTrainer trainer =
            model.openTrainer(TrainerConfig.of(new Optimizer.Sgd(0.2), LossTarget.LAST_STEP));
        LstmModel expected = ReferenceUnderTest.model(START.withForgetBias(0, bias));
        LstmTrainer expectedTrainer =
            expected.openTrainer(TrainerConfig.of(new Optimizer.Sgd(0.2), LossTarget.LAST_STEP))) {
      model.setForgetBias(0, bias);
      assertEquals(expectedTrainer.step(X1, Y1), trainer.step(X1, Y1), 0);
      assertEquals(expected.weights(), model.weights());
    }
  }

  @Test
  void aClosedTrainerFailsClearly() {
    try (LstmModel model = ReferenceUnderTest.model(START)) {
      LstmTrainer trainer =
          model.openTrainer(TrainerConfig.of(new Optimizer.Sgd(0.1), LossTarget.LAST_STEP));
      trainer.close();
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> trainer.step(X1, Y1));
      assertTrue(e.getMessage().contains("closed"));
    }
  }
}
