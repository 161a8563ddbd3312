package io.lstmirf.backend.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static io.lstmirf.backend.djl.DjlUnderTest.djl;
import static io.lstmirf.backend.djl.DjlUnderTest.randomWeights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.check.Tolerance;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.CentralDifference;
import io.lstmirf.testing.Engines;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.Slices;
import io.lstmirf.testing.UpdateRules;
import io.lstmirf.testing.WeightTensors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradients and optimiser steps against gradients taken outside any engine (five-point
 * differences of the reference backend's double-precision loss, and the reference's own
 * backpropagation) and the update rules the API documents, applied in plain Java.
 */
class DjlTrainingTest {
  private static final int BATCH = 3;
  private static final int STEPS = 6;
  private static final LstmSpec HEADED = LstmSpec.withHead(2, 4, 2, 2);

  @BeforeAll
  static void engineLoads() {
    Engines.requireAvailable(DjlUnderTest.DJL);
  }

  static Stream<Arguments> cases() {
    return Stream.of(Precision.values()).flatMap(p -> Stream.of(
        Arguments.of(p, LstmSpec.of(2, 3, 1), LossTarget.EVERY_STEP),
        Arguments.of(p, HEADED, LossTarget.EVERY_STEP),
        Arguments.of(p, HEADED, LossTarget.LAST_STEP)));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void gradientsMatchDifferencesOfTheReferenceLoss(Precision precision, LstmSpec spec,
      LossTarget loss) {
    LstmWeights w = randomWeights(spec, 101);
    double[][][] x = RandomData.uniform(BATCH, STEPS, spec.inputSize(), 1.0, 102);
    double[][][] y = targets(spec, loss, 103);
    LstmWeights wanted = ReferenceOracle.gradients(w, x, y, loss, CentralDifference.FIVE_POINT);
    try (LstmModel model = djl(w, precision); LstmModel ref = ReferenceOracle.model(w)) {
      GradientResult got = model.gradients(x, y, loss);
      double tol = Tolerance.of(precision).value();
      double gradientTol = tol * Math.max(1, WeightTensors.maxAbs(wanted));
      assertEquals(ReferenceOracle.loss(w, x, y, loss), got.loss(), tol, "loss");
      Agreement.absolute(gradientTol).assertClose("gradients vs differences", wanted,
          got.gradients());
      // and the reference backend's own backpropagation through time
      GradientResult bptt = ref.gradients(x, y, loss);
      assertEquals(bptt.loss(), got.loss(), tol, "loss vs reference");
      Agreement.absolute(gradientTol).assertClose("gradients vs reference", bptt.gradients(),
          got.gradients());
      // Nothing accumulates from one call to the next, and nothing changes the weights.
      assertEquals(got, model.gradients(x, y, loss));
      assertEquals(WeightTensors.heldIn(precision, w), model.weights());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  void sgdFollowsTheDocumentedRule(Precision precision) {
    // 0.1 is not a float: in float64 this also checks that DJL's float learning rate is undone.
    double lr = 0.1;
    checkSgd(precision, lr, 0);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  void clippingScalesByTheGlobalNorm(Precision precision) {
    checkSgd(precision, 0.5, 0.05);
  }

  private static void checkSgd(Precision precision, double lr, double clipNorm) {
    LossTarget loss = LossTarget.LAST_STEP;
    LstmWeights w = randomWeights(HEADED, 111);
    double[][][] x = RandomData.uniform(BATCH, STEPS, HEADED.inputSize(), 1.0, 112);
    double[][][] y = targets(HEADED, loss, 113);
    double tol = Tolerance.of(precision).value();
    TrainerConfig config = new TrainerConfig(new Optimizer.Sgd(lr), loss, clipNorm);
    try (LstmModel model = djl(w, precision); LstmTrainer trainer = model.openTrainer(config)) {
      LstmWeights expected = WeightTensors.heldIn(precision, w);
      for (int step = 0; step < 3; step++) {
        LstmWeights g = ReferenceOracle.gradients(expected, x, y, loss,
            CentralDifference.FIVE_POINT);
        if (clipNorm > 0) {
          assertTrue(WeightTensors.norm(g) > 2 * clipNorm, "the test must clip");
        }
        assertEquals(ReferenceOracle.loss(expected, x, y, loss), trainer.step(x, y), tol,
            "loss before update " + step);
        expected = UpdateRules.sgd(expected, g, lr, clipNorm);
        Agreement.absolute(tol).assertClose("weights after step " + step, expected,
            model.weights());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  void adamFollowsTheDocumentedRule(Precision precision) {
    Optimizer.Adam adam = precision == Precision.FLOAT64
        // DJL hands the engine float hyper-parameters, so float64 can follow the rule to 1e-10
        // only with values that are floats: here the first step size lr sqrt(1-b2)/(1-b1) =
        // lr/4 is exact too, and the second is rounded to float (relative 6e-8, 6e-11 here).
        // With 0.9, 0.999, 1e-8 the float betas move the step by up to ~1e-6 lr.
        ? new Optimizer.Adam(0x1p-10, 0.875, 1 - 0x1p-10, 0x1p-27)
        : Optimizer.Adam.defaults();
    LossTarget loss = LossTarget.EVERY_STEP;
    LstmWeights w = randomWeights(HEADED, 121);
    double[][][] x = RandomData.uniform(BATCH, STEPS, HEADED.inputSize(), 1.0, 122);
    double[][][] y = targets(HEADED, loss, 123);
    UpdateRules.Adam oracle = new UpdateRules.Adam(adam);
    try (LstmModel model = djl(w, precision);
        LstmTrainer trainer = model.openTrainer(TrainerConfig.of(adam, loss))) {
      LstmWeights expected = WeightTensors.heldIn(precision, w);
      int steps = precision == Precision.FLOAT64 ? 2 : 3;
      for (int step = 0; step < steps; step++) {
        LstmWeights g = ReferenceOracle.gradients(expected, x, y, loss,
            CentralDifference.FIVE_POINT);
        assertEquals(ReferenceOracle.loss(expected, x, y, loss), trainer.step(x, y),
            Tolerance.of(precision).value(), "loss before step " + step);
        expected = oracle.step(expected, g);
        Agreement.absolute(Tolerance.of(precision).value()).assertClose("after step " + step,
            expected, model.weights());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  void trainerSeesALiveForgetBiasAndLossDoesNotTrain(Precision precision) {
    LossTarget loss = LossTarget.EVERY_STEP;
    LstmWeights w = randomWeights(HEADED, 131);
    double[][][] x = RandomData.uniform(BATCH, STEPS, HEADED.inputSize(), 1.0, 132);
    double[][][] y = targets(HEADED, loss, 133);
    double tol = Tolerance.of(precision).value();
    double lr = 0.25;
    try (LstmModel model = djl(w, precision);
        LstmTrainer trainer = model.openTrainer(TrainerConfig.of(new Optimizer.Sgd(lr), loss))) {
      trainer.step(x, y);
      model.setForgetBias(1.0);
      LstmWeights before = model.weights();
      assertEquals(ReferenceOracle.loss(before, x, y, loss), trainer.loss(x, y), tol, "loss");
      assertEquals(before, model.weights(), "loss() leaves the weights alone");
      trainer.step(x, y);
      LstmWeights g = ReferenceOracle.gradients(before, x, y, loss, CentralDifference.FIVE_POINT);
      Agreement.absolute(tol).assertClose("step from the changed bias",
          UpdateRules.sgd(before, g, lr, 0), model.weights());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  void sessionsSeeTrainedWeights(Precision precision) {
    LossTarget loss = LossTarget.LAST_STEP;
    LstmWeights w = randomWeights(HEADED, 141);
    double[][][] x = RandomData.uniform(BATCH, STEPS, HEADED.inputSize(), 1.0, 142);
    double[][][] y = targets(HEADED, loss, 143);
    try (LstmModel model = djl(w, precision);
        var session = model.openSession(BATCH);
        LstmTrainer trainer = model.openTrainer(
            TrainerConfig.of(Optimizer.Adam.withLearningRate(0.05), loss))) {
      for (int i = 0; i < 3; i++) {
        trainer.step(x, y);
      }
      double[][][] sequence = model.forward(x).responses();
      try (LstmModel ref = ReferenceOracle.model(model.weights())) {
        Agreement.absolute(Tolerance.of(precision).value()).assertClose("forward after training",
            ref.forward(x).responses(), sequence);
      }
      double[][] first = session.step(Slices.step(x, 0)).responses();
      for (int b = 0; b < BATCH; b++) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(sequence[b][0], first[b],
            Tolerance.of(precision).value());
      }
    }
  }

  /** Targets shaped as {@code loss} requires, of the size of typical responses. */
  static double[][][] targets(LstmSpec spec, LossTarget loss, long seed) {
    return RandomData.uniform(BATCH, loss.targetSteps(STEPS), spec.responseSize(), 0.8, seed);
  }
}
