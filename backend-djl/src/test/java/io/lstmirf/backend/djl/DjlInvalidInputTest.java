package io.lstmirf.backend.djl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.testing.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input is refused with a message that names it, before the engine sees it. */
class DjlInvalidInputTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(2, 3, 1, 1);
  private static final LstmWeights WEIGHTS = DjlUnderTest.randomWeights(SPEC, 5);

  @BeforeAll
  static void engineLoads() {
    Engines.requireAvailable(DjlUnderTest.DJL);
  }

  @Test
  void rejectsMisshapenOrNonFiniteInputs() {
    try (LstmModel model = DjlUnderTest.DJL.create(WEIGHTS)) {
      invalid(() -> model.forward(new double[0][][]), "empty");
      invalid(() -> model.forward(new double[][][] {{{1, 2, 3}}}), "expected 2");
      invalid(() -> model.forward(new double[][][] {{{1, Double.NaN}}}), "NaN");
      invalid(() -> model.forward(new double[][][] {{{1, 2}}},
          LstmState.zeros(2, 1, 3)), "state has shape");
      invalid(() -> model.setForgetBias(0, new double[] {1, 2}), "expected 3");
      invalid(() -> model.setForgetBias(1, new double[] {1, 2, 3}), "layer 1 does not exist");
      invalid(() -> model.gradients(new double[][][] {{{1, 2}}}, new double[][][] {{{1}, {2}}},
          LossTarget.LAST_STEP), "targets have shape");
      try (LstmSession session = model.openSession(2)) {
        invalid(() -> session.step(new double[][] {{1, 2}}), "expected 2");
        invalid(() -> session.step(new double[][] {{1, 2}, {3, Double.POSITIVE_INFINITY}}),
            "Infinity");
        invalid(() -> session.setState(LstmState.zeros(1, 1, 3)), "state has shape");
      }
      invalid(() -> model.openSession(0), "at least 1");
    }
  }

  @Test
  void rejectsNonFiniteWeights() {
    LstmWeights bad = WEIGHTS.withForgetBias(0, new double[] {0, Double.NaN, 0});
    invalid(() -> DjlUnderTest.DJL.create(bad), "layers[0].bias[4]");
  }

  @Test
  void refusesWorkAfterClose() {
    LstmModel model = DjlUnderTest.DJL.create(WEIGHTS);
    LstmSession session = model.openSession(1);
    LstmTrainer trainer = model.openTrainer(TrainerConfig.of(Optimizer.Adam.defaults(),
        LossTarget.LAST_STEP));
    model.close();
    model.close(); // idempotent
    double[][][] x = {{{1, 2}}};
    assertThrows(IllegalStateException.class, () -> model.forward(x));
    assertThrows(IllegalStateException.class, () -> session.step(new double[][] {{1, 2}}));
    assertThrows(IllegalStateException.class, () -> trainer.step(x, new double[][][] {{{1}}}));
    session.close();
    trainer.close();
  }

  private static void invalid(Executable call, String mentions) {
    InvalidInputException e = assertThrows(InvalidInputException.class, call);
    assertTrue(e.getMessage().contains(mentions), () -> "'" + e.getMessage()
        + "' should mention '" + mentions + "'");
  }
}
