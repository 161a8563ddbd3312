package io.lstmirf.backend.tfjava;

import static io.lstmirf.backend.tfjava.TfJavaUnderTest.TFJAVA;
import static io.lstmirf.testing.CloseAssertions.assertClose;
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
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.Slices;
import io.lstmirf.testing.Tolerances;
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
        assertClose(Slices.step(expected.output().get(), t), step.output().get(),
            Tolerances.FLOAT32, "output at step " + t);
        assertClose(Slices.step(expected.hidden(), t), step.hidden(), Tolerances.FLOAT32,
            "hidden at step " + t);
      }
      assertClose(expected.finalState(), session.state(), Tolerances.FLOAT32, "final state");
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
        assertClose(Slices.step(expected.hidden(), t), step.hidden(), Tolerances.FLOAT32,
            "hidden at step " + t);
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
      assertClose(given, session.state(), 1e-7, "state read back (float32-rounded)");

      ForwardResult expected = ref.forward(x, given);
      for (int t = 0; t < 4; t++) {
        session.step(Slices.step(x, t));
      }
      LstmState middle = session.state();
      for (int t = 4; t < 8; t++) {
        session.step(Slices.step(x, t));
      }
      assertClose(expected.finalState(), session.state(), Tolerances.FLOAT32,
          "state after 8 steps from a given state");

      // resume from the saved middle state: the same last four outputs
      session.setState(middle);
      StepResult last = null;
      for (int t = 4; t < 8; t++) {
        last = session.step(Slices.step(x, t));
      }
      assertClose(Slices.step(expected.output().get(), 7), last.output().get(),
          Tolerances.FLOAT32, "output after resuming");

      session.reset();
      assertEquals(LstmState.zeros(SPEC, 2), session.state(), "reset returns to zero");
      StepResult first = session.step(Slices.step(x, 0));
      assertClose(Slices.step(ref.forward(x).output().get(), 0), first.output().get(),
          Tolerances.FLOAT32, "first output after reset");
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
      assertClose(expected.finalState(), a.state(), Tolerances.FLOAT32, "session a");
      assertClose(ref.forward(new double[][][] {{x[0][0], x[0][1], x[0][2]}}).finalState(),
          b.state(), Tolerances.FLOAT32, "session b");
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
