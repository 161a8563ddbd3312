package io.lstmirf.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.Slices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input is rejected before it reaches the engine, with an {@link InvalidInputException} whose
 * message names the offending field and the shape or value expected; the model stays usable.
 */
@ForEachBackend
class InputValidationConformanceTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(3, 4, 2, 1);

  private final ConformanceTarget target;

  InputValidationConformanceTest(ConformanceTarget target) {
    this.target = target;
  }

  private static void assertRejected(Executable call, String... mustMention) {
    InvalidInputException e = assertThrows(InvalidInputException.class, call);
    for (String part : mustMention) {
      assertTrue(
          e.getMessage().contains(part),
          () -> "message should mention '" + part + "': " + e.getMessage());
    }
  }

  @Test
  void forwardRejectsWrongShapesAndNonFiniteValues() {
    LstmWeights weights = RandomData.weights(SPEC, 0.5, 301);
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(weights)) {
      assertRejected(
          () -> model.forward(new double[2][5][2]), "inputs[0][0]", "2 entries", "expected 3");
      double[][][] ragged = new double[2][5][3];
      ragged[1] = new double[4][3];
      assertRejected(() -> model.forward(ragged), "inputs[1]", "4 entries", "expected 5");
      assertRejected(() -> model.forward(new double[0][][]), "inputs is empty", "[batch][time][3]");
      assertRejected(() -> model.forward(new double[2][0][3]), "inputs[0] has no time steps");
      assertRejected(() -> model.forward(null), "inputs", "[batch][time][3]");
      double[][][] nan = new double[2][5][3];
      nan[1][2][0] = Double.NaN;
      assertRejected(() -> model.forward(nan), "inputs[1][2][0]", "NaN", "finite");
      double[][][] inf = new double[2][5][3];
      inf[0][4][2] = Double.POSITIVE_INFINITY;
      assertRejected(() -> model.forward(inf), "inputs[0][4][2]", "Infinity", "finite");

      double[][][] ok = RandomData.uniform(2, 5, 3, 1.0, 302);
      assertRejected(
          () -> model.forward(ok, LstmState.zeros(1, 2, 4)),
          "state",
          "[1][2][4]",
          "expected [2][2][4]");
      assertRejected(() -> model.forward(ok, LstmState.zeros(2, 3, 4)), "expected [2][2][4]");
      assertRejected(() -> model.forward(ok, LstmState.zeros(2, 2, 5)), "expected [2][2][4]");

      // none of that broke the model
      target.agreement().assertClose(reference.forward(ok), model.forward(ok));
    }
  }

  @Test
  void sessionRejectsWrongShapesAndNonFiniteValues() {
    LstmWeights weights = RandomData.weights(SPEC, 0.5, 311);
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(weights);
        LstmSession session = model.openSession(2)) {
      assertRejected(() -> session.step(new double[3][3]), "inputs has 3 rows", "expected 2");
      assertRejected(
          () -> session.step(new double[][] {{0, 0, 0}, {0, 0}}),
          "inputs[1]",
          "2 entries",
          "expected 3");
      assertRejected(
          () -> session.step(new double[][] {{0, Double.NaN, 0}, {0, 0, 0}}),
          "inputs[0][1]",
          "NaN");
      assertRejected(
          () -> session.setState(LstmState.zeros(2, 1, 4)), "[2][1][4]", "expected [2][2][4]");
      assertRejected(() -> model.openSession(0), "batch size", "at least 1");

      // the rejected calls changed nothing: the session still starts from zeros
      double[][][] x = RandomData.uniform(2, 1, 3, 1.0, 312);
      target
          .agreement()
          .assertClose(
              "first step after rejected calls",
              reference.forward(x).output().get()[1][0],
              session.step(Slices.step(x, 0)).output().get()[1]);
    }
  }

  @Test
  void forgetBiasChangesAreChecked() {
    try (LstmModel model = target.create(RandomData.weights(SPEC, 0.5, 321))) {
      assertRejected(
          () -> model.setForgetBias(0, new double[3]),
          "forget-gate bias",
          "length 3",
          "expected 4");
      assertRejected(
          () -> model.setForgetBias(0, new double[] {0, Double.NaN, 0, 0}),
          "forget-gate bias[1]",
          "NaN");
      assertRejected(
          () -> model.setForgetBias(2, new double[4]), "layer 2 does not exist", "2 layer(s)");
      assertRejected(() -> model.forgetBias(-1), "layer -1 does not exist");
      assertRejected(
          () -> model.setForgetBias(Double.POSITIVE_INFINITY), "forget-gate bias[0]", "Infinity");
    }
  }

  @Test
  void nonFiniteWeightsAreRejectedByCreate() {
    LstmWeights good = RandomData.weights(SPEC, 0.5, 331);
    LayerWeights layer = good.layer(1);
    double[] hh = layer.weightHh().toRowMajor();
    hh[2 * 4 + 3] = Double.NaN;
    LstmWeights bad =
        good.withLayer(
            1, new LayerWeights(layer.weightIh(), Matrix.ofRowMajor(16, 4, hh), layer.bias()));
    assertRejected(() -> target.create(bad).close(), "layers[1].weightHh[2][3]", "finite");
  }

  @Test
  void gradientTargetsAreChecked() {
    try (LstmModel model = target.create(RandomData.weights(SPEC, 0.5, 341))) {
      double[][][] x = RandomData.uniform(2, 5, 3, 1.0, 342);
      assertRejected(
          () -> model.gradients(x, new double[2][5][1], LossTarget.LAST_STEP),
          "targets have shape [2][5][1]",
          "expected [2][1][1]",
          "last-step");
      assertRejected(
          () -> model.gradients(x, new double[2][1][1], LossTarget.EVERY_STEP),
          "targets have shape [2][1][1]",
          "expected [2][5][1]",
          "every-step");
      assertRejected(
          () -> model.gradients(x, new double[2][1][2], LossTarget.LAST_STEP),
          "targets[0][0]",
          "expected 1");
      double[][][] nan = new double[2][1][1];
      nan[1][0][0] = Double.NaN;
      assertRejected(
          () -> model.gradients(x, nan, LossTarget.LAST_STEP), "targets[1][0][0]", "NaN");
      assertRejected(
          () -> model.gradients(new double[2][5][4], new double[2][1][1], LossTarget.LAST_STEP),
          "inputs[0][0]",
          "expected 3");
    }
  }

  /** A trainer checks its batches as {@code gradients} does, and a rejected step trains nothing. */
  @Test
  void trainerBatchesAreChecked() {
    LstmWeights weights = RandomData.weights(SPEC, 0.5, 351);
    try (LstmModel model = target.create(weights);
        LstmTrainer trainer =
            model.openTrainer(TrainerConfig.of(Optimizer.Adam.defaults(), LossTarget.LAST_STEP))) {
      double[][][] x = RandomData.uniform(2, 5, 3, 1.0, 352);
      assertRejected(
          () -> trainer.step(x, new double[2][5][1]),
          "targets have shape [2][5][1]",
          "expected [2][1][1]",
          "last-step");
      assertRejected(
          () -> trainer.step(new double[2][5][2], new double[2][1][1]),
          "inputs[0][0]",
          "expected 3");
      double[][][] nan = new double[2][1][1];
      nan[1][0][0] = Double.NaN;
      assertRejected(() -> trainer.loss(x, nan), "targets[1][0][0]", "NaN");
      assertRejected(() -> trainer.step(x, nan), "targets[1][0][0]", "NaN");
      assertEquals(
          target.representable(weights), model.weights(), "the rejected steps changed nothing");
    }
  }
}
