package io.lstmirf.backend.tfjava;

import static io.lstmirf.backend.tfjava.TfJavaUnderTest.TFJAVA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.check.Tolerance;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.CentralDifference;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.UpdateRules;
import io.lstmirf.testing.WeightTensors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradients by TensorFlow's graph autograd (through the registered BlockLSTMV2 gradient) against
 * central differences of the reference's loss, and TensorFlow's optimiser ops against the update
 * rules the api documents.
 */
class TfJavaTrainingTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(2, 4, 2, 2);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(SPEC, LossTarget.LAST_STEP),
        Arguments.of(SPEC, LossTarget.EVERY_STEP),
        Arguments.of(LstmSpec.of(3, 3, 1), LossTarget.EVERY_STEP),
        Arguments.of(LstmSpec.withHead(1, 5, 1, 1), LossTarget.LAST_STEP));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void gradientsMatchTheReference(LstmSpec spec, LossTarget target) {
    LstmWeights w = WeightTensors.roundedToFloat(RandomData.weights(spec, 0.8, 201));
    double[][][] x = RandomData.uniform(3, 6, spec.inputSize(), 1.2, 202);
    double[][][] y = RandomData.uniform(3, target.targetSteps(6), spec.responseSize(), 1.0, 203);
    try (LstmModel tf = TFJAVA.create(w)) {
      GradientResult actual = tf.gradients(x, y, target);
      assertEquals(ReferenceOracle.loss(w, x, y, target), actual.loss(), Tolerance.FLOAT32.value(),
          "loss");
      LstmWeights expected = ReferenceOracle.gradients(w, x, y, target,
          CentralDifference.TWO_POINT);
      assertEquals(expected.spec(), actual.gradients().spec());
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("gradients", expected,
          actual.gradients());
      assertTrue(WeightTensors.maxAbs(expected) > 1e-2,
          "the fixture must give non-trivial gradients");
    }
  }

  @Test
  void sgdStepsFollowTheRule() {
    LstmWeights w = WeightTensors.roundedToFloat(RandomData.weights(SPEC, 0.8, 211));
    double[][][] x = RandomData.uniform(4, 5, 2, 1.2, 212);
    double[][][] y = RandomData.uniform(4, 1, 2, 1.0, 213);
    double lr = 0.1;
    TrainerConfig config = TrainerConfig.of(new Optimizer.Sgd(lr), LossTarget.LAST_STEP);
    LstmWeights expected = w;
    try (LstmModel tf = TFJAVA.create(w); LstmTrainer trainer = tf.openTrainer(config)) {
      for (int step = 0; step < 3; step++) {
        GradientResult g = gradientsAt(expected, x, y, LossTarget.LAST_STEP);
        assertEquals(g.loss(), trainer.step(x, y), 1e-6, "loss before step " + step);
        expected = UpdateRules.sgd(expected, g.gradients(), lr, 0);
      }
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("weights after 3 SGD steps",
          expected, tf.weights());
    }
  }

  @Test
  void adamStepsFollowTheRule() {
    LstmWeights w = WeightTensors.roundedToFloat(RandomData.weights(SPEC, 0.8, 221));
    double[][][] x = RandomData.uniform(3, 4, 2, 1.2, 222);
    double[][][] y = RandomData.uniform(3, 4, 2, 1.0, 223);
    Optimizer.Adam adam = new Optimizer.Adam(0.01, 0.8, 0.95, 1e-6);
    TrainerConfig config = TrainerConfig.of(adam, LossTarget.EVERY_STEP);
    try (LstmModel tf = TFJAVA.create(w); LstmTrainer trainer = tf.openTrainer(config)) {
      LstmWeights expected = w;
      UpdateRules.Adam rule = new UpdateRules.Adam(adam);
      for (int t = 1; t <= 3; t++) {
        GradientResult g = gradientsAt(expected, x, y, LossTarget.EVERY_STEP);
        assertEquals(g.loss(), trainer.step(x, y), 1e-6, "loss before step " + t);
        expected = rule.step(expected, g.gradients());
      }
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("weights after 3 Adam steps",
          expected, tf.weights());
    }
  }

  @Test
  void clipsTheGlobalNorm() {
    LstmWeights w = WeightTensors.roundedToFloat(RandomData.weights(SPEC, 0.8, 231));
    double[][][] x = RandomData.uniform(2, 5, 2, 1.2, 232);
    double[][][] y = RandomData.uniform(2, 5, 2, 3.0, 233);
    GradientResult g = gradientsAt(w, x, y, LossTarget.EVERY_STEP);
    double norm = WeightTensors.norm(g.gradients());
    double clip = norm / 4;
    double lr = 0.5;
    TrainerConfig config = new TrainerConfig(new Optimizer.Sgd(lr), LossTarget.EVERY_STEP,
        clip);
    try (LstmModel tf = TFJAVA.create(w); LstmTrainer trainer = tf.openTrainer(config)) {
      trainer.step(x, y);
      LstmWeights expected = WeightTensors.combine(w, g.gradients(),
          (v, d) -> v - lr * d * clip / norm);
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("weights after a clipped step",
          expected, tf.weights());
    }
    // a norm under the limit is left alone
    TrainerConfig loose = new TrainerConfig(new Optimizer.Sgd(lr), LossTarget.EVERY_STEP,
        norm * 2);
    try (LstmModel tf = TFJAVA.create(w); LstmTrainer trainer = tf.openTrainer(loose)) {
      trainer.step(x, y);
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("weights after an unclipped step",
          WeightTensors.combine(w, g.gradients(), (v, d) -> v - lr * d), tf.weights());
    }
  }

  @Test
  void trainsTheLiveModelAndSeesItsForgetBias() {
    LstmWeights w = WeightTensors.roundedToFloat(RandomData.weights(SPEC, 0.8, 241));
    double[][][] x = RandomData.uniform(3, 4, 2, 1.2, 242);
    double[][][] y = RandomData.uniform(3, 1, 2, 1.0, 243);
    TrainerConfig config = TrainerConfig.of(new Optimizer.Sgd(0.05), LossTarget.LAST_STEP);
    try (LstmModel tf = TFJAVA.create(w); LstmTrainer trainer = tf.openTrainer(config)) {
      trainer.step(x, y);
      tf.setForgetBias(1.5);
      LstmWeights changed = tf.weights();
      assertEquals(tf.gradients(x, y, LossTarget.LAST_STEP).loss(), trainer.loss(x, y), 0.0,
          "the trainer's loss sees the new bias");
      GradientResult g = gradientsAt(changed, x, y, LossTarget.LAST_STEP);
      trainer.step(x, y);
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose(
          "the step after setForgetBias starts from the new bias",
          UpdateRules.sgd(changed, g.gradients(), 0.05, 0), tf.weights());
      try (LstmModel ref = ReferenceOracle.model(tf.weights())) {
        Agreement.absolute(Tolerance.FLOAT32.value()).assertClose(
            "forward runs the trained weights", ref.forward(x).output().get(),
            tf.forward(x).output().get());
      }
    }
  }

  @Test
  void aReopenedTrainerStartsAdamAfresh() {
    LstmWeights w = WeightTensors.roundedToFloat(RandomData.weights(SPEC, 0.8, 251));
    double[][][] x = RandomData.uniform(2, 3, 2, 1.2, 252);
    double[][][] y = RandomData.uniform(2, 1, 2, 1.0, 253);
    TrainerConfig config = TrainerConfig.of(Optimizer.Adam.withLearningRate(0.02),
        LossTarget.LAST_STEP);
    LstmWeights afterOne;
    try (LstmModel tf = TFJAVA.create(w)) {
      try (LstmTrainer trainer = tf.openTrainer(config)) {
        trainer.step(x, y);
        trainer.step(x, y);
      }
      LstmWeights start = tf.weights();
      try (LstmTrainer trainer = tf.openTrainer(config)) {
        trainer.step(x, y);
      }
      afterOne = tf.weights();
      try (LstmModel fresh = TFJAVA.create(start);
          LstmTrainer trainer = fresh.openTrainer(config)) {
        trainer.step(x, y);
        assertEquals(afterOne, fresh.weights(), "slots and step count were reset");
      }
    }
  }

  @Test
  void rejectsTargetsOfTheWrongShape() {
    try (LstmModel tf = TFJAVA.create(RandomData.weights(SPEC, 0.5, 261));
        LstmTrainer trainer = tf.openTrainer(TrainerConfig.of(Optimizer.Adam.defaults(),
            LossTarget.LAST_STEP))) {
      double[][][] x = new double[2][4][2];
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> trainer.step(x, new double[2][4][2]));
      assertTrue(e.getMessage().contains("[2][1][2]"), e.getMessage());
      assertThrows(InvalidInputException.class,
          () -> tf.gradients(x, new double[2][4][1], LossTarget.EVERY_STEP));
      double[][][] nan = new double[2][1][2];
      nan[1][0][1] = Double.NaN;
      assertThrows(InvalidInputException.class, () -> trainer.loss(x, nan));
    }
  }

  /** The engine's own gradients at these weights, from a fresh model. */
  private static GradientResult gradientsAt(LstmWeights w, double[][][] x, double[][][] y,
      LossTarget target) {
    try (LstmModel m = TFJAVA.create(w)) {
      return m.gradients(x, y, target);
    }
  }
}
