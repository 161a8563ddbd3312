package io.lstmirf.backend.djl;

import static io.lstmirf.backend.djl.DjlUnderTest.djl;
import static io.lstmirf.backend.djl.DjlUnderTest.randomWeights;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.CentralDifference;
import io.lstmirf.testing.Engines;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.UpdateRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DJL hands the engine its hyper-parameters as floats. In float64 that is visible at the
 * reference's 1e-10, so these tests pin down what DjlTrainer does about it: the SGD learning rate
 * is undone exactly, and Adam follows the rule when its hyper-parameters are floats. Each step is
 * checked against the documented rule applied in plain Java to five-point differences of the
 * reference loss. (Gradients, SGD, clipping and Adam in general are the conformance suite's.)
 */
class DjlTrainingTest {
  private static final int BATCH = 3;
  private static final int STEPS = 6;
  private static final LstmSpec HEADED = LstmSpec.withHead(2, 4, 2, 2);
  private static final Agreement FLOAT64 = Agreement.absolute(1e-10);

  @BeforeAll
  static void engineLoads() {
    Engines.requireAvailable(DjlUnderTest.DJL);
  }

  /** 0.1 is not a float: the float64 update must still be {@code w - 0.1 g}, not float(0.1). */
  @Test
  void float64SgdUndoesTheFloatLearningRate() {
    double lr = 0.1;
    LossTarget loss = LossTarget.LAST_STEP;
    LstmWeights w = randomWeights(HEADED, 111);
    double[][][] x = RandomData.uniform(BATCH, STEPS, HEADED.inputSize(), 1.0, 112);
    double[][][] y = targets(HEADED, loss, 113);
    try (LstmModel model = djl(w, Precision.FLOAT64);
        LstmTrainer trainer = model.openTrainer(TrainerConfig.of(new Optimizer.Sgd(lr), loss))) {
      LstmWeights expected = w;
      for (int step = 0; step < 3; step++) {
        LstmWeights g =
            ReferenceOracle.gradients(expected, x, y, loss, CentralDifference.FIVE_POINT);
        assertEquals(
            ReferenceOracle.loss(expected, x, y, loss),
            trainer.step(x, y),
            FLOAT64.value(),
            "loss before update " + step);
        expected = UpdateRules.sgd(expected, g, lr, 0);
        FLOAT64.assertClose("weights after step " + step, expected, model.weights());
      }
    }
  }

  /**
   * Float64 follows Adam to 1e-10 only with hyper-parameters that are floats: here the first step
   * size {@code lr sqrt(1-b2)/(1-b1)} = lr/4 is exact too, and the second is rounded to float
   * (relative 6e-8, 6e-11 here). With 0.9, 0.999, 1e-8 the float betas move the step by up to ~1e-6
   * lr.
   */
  @Test
  void float64AdamFollowsTheRuleWithFloatHyperParameters() {
    Optimizer.Adam adam = new Optimizer.Adam(0x1p-10, 0.875, 1 - 0x1p-10, 0x1p-27);
    LossTarget loss = LossTarget.EVERY_STEP;
    LstmWeights w = randomWeights(HEADED, 121);
    double[][][] x = RandomData.uniform(BATCH, STEPS, HEADED.inputSize(), 1.0, 122);
    double[][][] y = targets(HEADED, loss, 123);
    UpdateRules.Adam oracle = new UpdateRules.Adam(adam);
    try (LstmModel model = djl(w, Precision.FLOAT64);
        LstmTrainer trainer = model.openTrainer(TrainerConfig.of(adam, loss))) {
      LstmWeights expected = w;
      for (int step = 0; step < 2; step++) {
        LstmWeights g =
            ReferenceOracle.gradients(expected, x, y, loss, CentralDifference.FIVE_POINT);
        assertEquals(
            ReferenceOracle.loss(expected, x, y, loss),
            trainer.step(x, y),
            FLOAT64.value(),
            "loss before step " + step);
        expected = oracle.step(expected, g);
        FLOAT64.assertClose("after step " + step, expected, model.weights());
      }
    }
  }

  /** Targets shaped as {@code loss} requires, of the size of typical responses. */
  private static double[][][] targets(LstmSpec spec, LossTarget loss, long seed) {
    return RandomData.uniform(BATCH, loss.targetSteps(STEPS), spec.responseSize(), 0.8, seed);
  }
}
