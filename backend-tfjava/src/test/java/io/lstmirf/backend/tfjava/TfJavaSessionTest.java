package io.lstmirf.backend.tfjava;

import static io.lstmirf.backend.tfjava.TfJavaUnderTest.TFJAVA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.StepResult;
import io.lstmirf.api.check.Tolerance;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.Slices;
import org.junit.jupiter.api.Test;

/** Stateful stepping: one step per call, state carried in the engine. */
class TfJavaSessionTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(3, 5, 2, 2);

  @Test
  void steppingMatchesTheReferenceSequenceStepByStep() {
    LstmWeights w = RandomData.weights(SPEC, 0.9, 61);
    double[][][] x = RandomData.uniform(3, 9, 3, 1.5, 62);
    try (LstmModel tf = TFJAVA.create(w); LstmModel ref = ReferenceOracle.model(w);
        LstmSession session = tf.openSession(3)) {
      ForwardResult expected = ref.forward(x);
      for (int t = 0; t < 9; t++) {
        StepResult step = session.step(Slices.step(x, t));
        Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("output at step " + t,
            Slices.step(expected.output().get(), t), step.output().get());
        Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("hidden at step " + t,
            Slices.step(expected.hidden(), t), step.hidden());
      }
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("final state",
          expected.finalState(), session.state());
    }
  }

  @Test
  void steppingWithoutAHeadReturnsTheTopHiddenState() {
    LstmSpec spec = LstmSpec.of(2, 4, 2);
    LstmWeights w = RandomData.weights(spec, 0.9, 71);
    double[][][] x = RandomData.uniform(2, 5, 2, 1.5, 72);
    try (LstmModel tf = TFJAVA.create(w); LstmModel ref = ReferenceOracle.model(w);
        LstmSession session = tf.openSession(2)) {
      ForwardResult expected = ref.forward(x);
      for (int t = 0; t < 5; t++) {
        StepResult step = session.step(Slices.step(x, t));
        assertFalse(step.output().isPresent());
        Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("hidden at step " + t,
            Slices.step(expected.hidden(), t), step.hidden());
      }
    }
  }

  @Test
  void stateRoundTripsAndResumes() {
    LstmWeights w = RandomData.weights(SPEC, 0.9, 81);
    double[][][] x = RandomData.uniform(2, 8, 3, 1.5, 82);
    LstmState given = RandomData.state(SPEC, 2, 0.8, 2.0, 83);
    try (LstmModel tf = TFJAVA.create(w); LstmModel ref = ReferenceOracle.model(w);
        LstmSession session = tf.openSession(2)) {
      assertEquals(LstmState.zeros(SPEC, 2), session.state(), "a new session starts at zero");

      session.setState(given);
      Agreement.absolute(1e-7).assertClose("state read back (float32-rounded)", given,
          session.state());

      ForwardResult expected = ref.forward(x, given);
      for (int t = 0; t < 4; t++) {
        session.step(Slices.step(x, t));
      }
      LstmState middle = session.state();
      for (int t = 4; t < 8; t++) {
        session.step(Slices.step(x, t));
      }
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose(
          "state after 8 steps from a given state", expected.finalState(), session.state());

      // resume from the saved middle state: the same last four outputs
      session.setState(middle);
      StepResult last = null;
      for (int t = 4; t < 8; t++) {
        last = session.step(Slices.step(x, t));
      }
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("output after resuming",
          Slices.step(expected.output().get(), 7), last.output().get());

      session.reset();
      assertEquals(LstmState.zeros(SPEC, 2), session.state(), "reset returns to zero");
      StepResult first = session.step(Slices.step(x, 0));
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("first output after reset",
          Slices.step(ref.forward(x).output().get(), 0), first.output().get());
    }
  }

  @Test
  void sessionsAreIndependent() {
    LstmWeights w = RandomData.weights(SPEC, 0.9, 91);
    double[][][] x = RandomData.uniform(1, 6, 3, 1.5, 92);
    try (LstmModel tf = TFJAVA.create(w); LstmModel ref = ReferenceOracle.model(w);
        LstmSession a = tf.openSession(1); LstmSession b = tf.openSession(1)) {
      ForwardResult expected = ref.forward(x);
      for (int t = 0; t < 6; t++) {
        a.step(Slices.step(x, t));
        if (t % 2 == 0) {
          b.step(Slices.step(x, t / 2));
        }
      }
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("session a", expected.finalState(),
          a.state());
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("session b",
          ref.forward(new double[][][] {{x[0][0], x[0][1], x[0][2]}}).finalState(), b.state());
    }
  }

  @Test
  void rejectsBadInputsAndStates() {
    try (LstmModel tf = TFJAVA.create(RandomData.weights(SPEC, 0.5, 101));
        LstmSession session = tf.openSession(2)) {
      assertThrows(InvalidInputException.class, () -> session.step(new double[1][3]),
          "wrong batch size");
      assertThrows(InvalidInputException.class, () -> session.step(new double[2][2]),
          "wrong input size");
      double[][] nan = new double[2][3];
      nan[1][2] = Double.NaN;
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> session.step(nan));
      assertTrue(e.getMessage().contains("inputs[1][2]"), e.getMessage());
      assertThrows(InvalidInputException.class,
          () -> session.setState(LstmState.zeros(SPEC, 3)), "state for another batch size");
      assertThrows(InvalidInputException.class, () -> tf.openSession(0));
      // a failed call leaves the session usable
      assertEquals(2, session.step(new double[2][3]).hidden().length);
    }
  }

  @Test
  void closedSessionsAndModelsRefuseCalls() {
    LstmModel tf = TFJAVA.create(RandomData.weights(SPEC, 0.5, 111));
    LstmSession session = tf.openSession(1);
    LstmSession other = tf.openSession(1);
    session.close();
    session.close(); // idempotent
    assertThrows(IllegalStateException.class, () -> session.step(new double[1][3]));
    tf.close();
    assertThrows(IllegalStateException.class, () -> other.step(new double[1][3]),
        "closing the model closes its sessions");
    assertThrows(IllegalStateException.class, () -> tf.forward(new double[1][1][3]));
    tf.close(); // idempotent
  }
}
