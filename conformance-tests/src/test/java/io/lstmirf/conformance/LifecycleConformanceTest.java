package io.lstmirf.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.testing.RandomData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Closing models, sessions and trainers: idempotent, and any use after it fails clearly instead of
 * touching freed memory.
 */
@ForEachBackend
class LifecycleConformanceTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(2, 3, 1, 1);

  private final ConformanceTarget target;

  LifecycleConformanceTest(ConformanceTarget target) {
    this.target = target;
  }

  private static void assertClosed(Executable call, String what) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, call, what + " after close");
    assertTrue(e.getMessage().contains("closed"), () -> what + ": " + e.getMessage());
  }

  @Test
  void aClosedModelFailsClearly() {
    LstmModel model = target.create(RandomData.weights(SPEC, 0.5, 401));
    double[][][] x = new double[1][4][2];
    model.close();
    assertDoesNotThrow(model::close, "close() is idempotent");
    assertClosed(() -> model.forward(x), "forward");
    assertClosed(() -> model.openSession(1), "openSession");
    assertClosed(model::weights, "weights");
    assertClosed(() -> model.forgetBias(0), "forgetBias");
    assertClosed(() -> model.setForgetBias(0, new double[3]), "setForgetBias");
    assertClosed(() -> model.gradients(x, new double[1][1][1], LossTarget.LAST_STEP), "gradients");
    assertClosed(
        () -> model.openTrainer(TrainerConfig.of(new Optimizer.Sgd(0.1), LossTarget.LAST_STEP)),
        "openTrainer");
  }

  @Test
  void aClosedSessionFailsClearly() {
    try (LstmModel model = target.create(RandomData.weights(SPEC, 0.5, 411))) {
      LstmSession session = model.openSession(1);
      session.step(new double[1][2]);
      session.close();
      assertDoesNotThrow(session::close, "close() is idempotent");
      assertClosed(() -> session.step(new double[1][2]), "step");
      assertClosed(session::state, "state");
      assertClosed(session::reset, "reset");
      // the model itself is unaffected
      try (LstmSession again = model.openSession(1)) {
        again.step(new double[1][2]);
      }
    }
  }

  @Test
  void closingTheModelClosesItsSessions() {
    LstmModel model = target.create(RandomData.weights(SPEC, 0.5, 421));
    LstmSession session = model.openSession(2);
    session.step(new double[2][2]);
    model.close();
    assertClosed(() -> session.step(new double[2][2]), "step on a session of a closed model");
    assertDoesNotThrow(session::close, "closing it afterwards is harmless");
  }

  @Test
  void aClosedTrainerFailsClearlyAndKeepsItsWeights() {
    try (LstmModel model = target.create(RandomData.weights(SPEC, 0.5, 431))) {
      LstmTrainer trainer =
          model.openTrainer(TrainerConfig.of(new Optimizer.Sgd(0.1), LossTarget.LAST_STEP));
      double[][][] x = RandomData.uniform(2, 4, 2, 1.0, 432);
      double[][][] y = new double[2][1][1];
      trainer.step(x, y);
      LstmWeights trained = model.weights();
      trainer.close();
      assertDoesNotThrow(trainer::close, "close() is idempotent");
      assertClosed(() -> trainer.step(x, y), "trainer step");
      assertClosed(() -> trainer.loss(x, y), "trainer loss");
      assertEquals(trained, model.weights(), "the trained weights stay in the model");
      assertEquals(2, model.forward(x).hidden().length, "the model outlives its trainer");
    }
  }

  @Test
  void closingTheModelClosesItsTrainers() {
    LstmModel model = target.create(RandomData.weights(SPEC, 0.5, 441));
    LstmTrainer trainer =
        model.openTrainer(TrainerConfig.of(Optimizer.Adam.defaults(), LossTarget.LAST_STEP));
    model.close();
    assertClosed(
        () -> trainer.step(new double[1][3][2], new double[1][1][1]),
        "step on a trainer of a closed model");
    assertDoesNotThrow(trainer::close, "closing it afterwards is harmless");
  }
}
