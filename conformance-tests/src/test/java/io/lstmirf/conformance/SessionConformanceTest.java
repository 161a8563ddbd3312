package io.lstmirf.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.StepResult;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.Slices;
import org.junit.jupiter.api.Test;

/** Stateful sessions: stepping, state get / reset / set, and live weight changes. */
@ForEachBackend
class SessionConformanceTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(3, 5, 2, 2);
  private static final int BATCH = 2;

  private final ConformanceTarget target;

  SessionConformanceTest(ConformanceTarget target) {
    this.target = target;
  }

  /** Steps {@code [from, to)} of {@code inputs} through the session, one step at a time. */
  private static StepResult[] steps(LstmSession session, double[][][] inputs, int from, int to) {
    StepResult[] out = new StepResult[to - from];
    for (int t = from; t < to; t++) {
      out[t - from] = session.step(Slices.step(inputs, t));
    }
    return out;
  }

  /** Compares step results with steps {@code [from, from + n)} of a whole-sequence result. */
  private void assertStepsMatch(
      String what, ForwardResult expected, StepResult[] actual, int from) {
    for (int s = 0; s < actual.length; s++) {
      int t = from + s;
      for (int b = 0; b < BATCH; b++) {
        String at = what + " step " + t + " row " + b;
        target
            .agreement()
            .assertClose(at + " hidden", expected.hidden()[b][t], actual[s].hidden()[b]);
        target
            .agreement()
            .assertClose(
                at + " output", expected.output().get()[b][t], actual[s].output().get()[b]);
      }
    }
  }

  @Test
  void steppingEqualsTheWholeSequence() {
    LstmWeights weights = RandomData.weights(SPEC, 0.8, 101);
    double[][][] inputs = RandomData.uniform(BATCH, 30, 3, 1.0, 102);
    LstmState initial = RandomData.state(SPEC, BATCH, 1.0, 103);
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(weights);
        LstmSession session = model.openSession(BATCH)) {
      assertEquals(BATCH, session.batchSize());
      session.setState(initial);
      StepResult[] stepped = steps(session, inputs, 0, 30);
      ForwardResult own = model.forward(inputs, initial);
      ForwardResult expected = reference.forward(inputs, initial);
      assertStepsMatch("stepping vs the same backend's sequence", own, stepped, 0);
      assertStepsMatch("stepping vs the reference", expected, stepped, 0);
      target
          .agreement()
          .assertClose("state after stepping", expected.finalState(), session.state());
    }
  }

  /** {@code forwardStepwise}, which a backend may override with its own stepping loop. */
  @Test
  void forwardStepwiseEqualsForward() {
    LstmWeights weights = RandomData.weights(SPEC, 0.8, 106);
    double[][][] inputs = RandomData.uniform(BATCH, 25, 3, 1.0, 107);
    LstmState initial = RandomData.state(SPEC, BATCH, 1.0, 108);
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(weights)) {
      ForwardResult stepwise = model.forwardStepwise(inputs, initial);
      ForwardResult expected = reference.forward(inputs, initial);
      target.agreement().assertClose("stepwise hidden", expected.hidden(), stepwise.hidden());
      target
          .agreement()
          .assertClose("stepwise output", expected.output().get(), stepwise.output().get());
      target
          .agreement()
          .assertClose("stepwise final state", expected.finalState(), stepwise.finalState());
      target
          .agreement()
          .assertClose(
              "stepwise from zeros",
              reference.forward(inputs).hidden(),
              model.forwardStepwise(inputs, null).hidden());
    }
  }

  /** Without a head a step returns the top layer's hidden state, on one layer or several. */
  @Test
  void steppingWithoutAHeadMatchesTheReference() {
    for (LstmSpec spec : new LstmSpec[] {LstmSpec.of(2, 5, 1), LstmSpec.of(2, 4, 2)}) {
      LstmWeights weights = RandomData.weights(spec, 0.9, 151);
      double[][][] inputs = RandomData.uniform(BATCH, 7, 2, 1.5, 152);
      try (LstmModel model = target.create(weights);
          LstmModel reference = ReferenceOracle.model(weights);
          LstmSession session = model.openSession(BATCH)) {
        ForwardResult expected = reference.forward(inputs);
        for (int t = 0; t < 7; t++) {
          StepResult step = session.step(Slices.step(inputs, t));
          assertFalse(step.output().isPresent(), spec + ": no head, no output");
          target
              .agreement()
              .assertClose(
                  spec + " hidden at step " + t, Slices.step(expected.hidden(), t), step.hidden());
        }
        target
            .agreement()
            .assertClose(spec + " state after stepping", expected.finalState(), session.state());
      }
    }
  }

  @Test
  void stepResultsHaveTheModelsShapes() {
    try (LstmModel model = target.create(RandomData.weights(SPEC, 0.5, 111));
        LstmModel headless = target.create(RandomData.weights(LstmSpec.of(3, 5, 2), 0.5, 112));
        LstmSession withHead = model.openSession(BATCH);
        LstmSession without = headless.openSession(BATCH)) {
      double[][] x = Slices.step(RandomData.uniform(BATCH, 1, 3, 1.0, 113), 0);
      StepResult r = withHead.step(x);
      assertEquals(BATCH, r.hidden().length);
      assertEquals(5, r.hidden()[0].length);
      assertEquals(2, r.output().get()[0].length);
      StepResult n = without.step(x);
      assertFalse(n.output().isPresent(), "no head, no output");
      assertArrayEquals(n.hidden()[1], n.responses()[1]);
    }
  }

  /**
   * Split a run at step 20, save the state, disturb the session, restore, continue: the outputs are
   * identical (bit for bit: the same engine computes the same thing from the same state) to an
   * uninterrupted run.
   */
  @Test
  void stateGetResetSetRoundTripResumesExactly() {
    LstmWeights weights = RandomData.weights(SPEC, 0.8, 121);
    double[][][] inputs = RandomData.uniform(BATCH, 40, 3, 1.0, 122);
    double[][][] noise = RandomData.uniform(BATCH, 5, 3, 2.0, 123);
    try (LstmModel model = target.create(weights);
        LstmSession uninterrupted = model.openSession(BATCH);
        LstmSession split = model.openSession(BATCH)) {
      StepResult[] whole = steps(uninterrupted, inputs, 0, 40);

      steps(split, inputs, 0, 20);
      LstmState saved = split.state();
      split.reset();
      assertEquals(LstmState.zeros(SPEC, BATCH), split.state(), "reset() gives the zero state");
      StepResult[] afterReset = steps(split, inputs, 0, 3);
      for (int t = 0; t < 3; t++) {
        assertArrayEquals(
            whole[t].hidden(),
            afterReset[t].hidden(),
            "after reset() the session runs as a fresh one, step " + t);
      }
      steps(split, noise, 0, 5);
      split.setState(saved);
      assertEquals(saved, split.state(), "state() returns what setState() set");
      StepResult[] resumed = steps(split, inputs, 20, 40);
      for (int t = 20; t < 40; t++) {
        assertArrayEquals(
            whole[t].hidden(), resumed[t - 20].hidden(), "resumed hidden state at step " + t);
        assertArrayEquals(
            whole[t].output().get(), resumed[t - 20].output().get(), "resumed output at step " + t);
      }
      assertEquals(uninterrupted.state(), split.state(), "final states");
      // the saved state resumes a fresh session just as well
      try (LstmSession other = model.openSession(BATCH)) {
        other.setState(saved);
        StepResult[] elsewhere = steps(other, inputs, 20, 40);
        for (int t = 20; t < 40; t++) {
          assertArrayEquals(
              whole[t].output().get(),
              elsewhere[t - 20].output().get(),
              "another session resumed from the saved state, output at step " + t);
        }
      }
    }
  }

  /**
   * A new session starts from zeros, and a state set from outside reads back as the engine holds
   * it: exactly, rounded to float in float32 (the state lives in the engine, not in Java).
   */
  @Test
  void aGivenStateReadsBackAsTheEngineHoldsIt() {
    LstmState given = RandomData.state(SPEC, BATCH, 0.8, 2.0, 125);
    try (LstmModel model = target.create(RandomData.weights(SPEC, 0.8, 126));
        LstmSession session = model.openSession(BATCH)) {
      assertEquals(LstmState.zeros(SPEC, BATCH), session.state(), "a new session starts at 0");
      session.setState(given);
      assertEquals(target.representable(given), session.state(), "state() after setState()");
    }
  }

  @Test
  void sessionsOnOneModelAreIndependent() {
    LstmWeights weights = RandomData.weights(SPEC, 0.8, 131);
    double[][][] a = RandomData.uniform(BATCH, 12, 3, 1.0, 132);
    double[][][] b = RandomData.uniform(1, 12, 3, 1.0, 133);
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(weights);
        LstmSession first = model.openSession(BATCH);
        LstmSession second = model.openSession(1)) {
      ForwardResult expectedA = reference.forward(a);
      ForwardResult expectedB = reference.forward(b);
      for (int t = 0; t < 12; t++) {
        StepResult ra = first.step(Slices.step(a, t));
        StepResult rb = second.step(Slices.step(b, t));
        target
            .agreement()
            .assertClose(
                "session 1 step " + t, expectedA.output().get()[1][t], ra.output().get()[1]);
        target
            .agreement()
            .assertClose(
                "session 2 step " + t, expectedB.output().get()[0][t], rb.output().get()[0]);
      }
    }
  }

  /**
   * A live {@code setForgetBias} reaches an open session at its next step: the continuation equals
   * a model built with the new bias, started from the state the old bias produced.
   */
  @Test
  void setForgetBiasReachesAnOpenSession() {
    LstmWeights before = RandomData.weights(SPEC, 0.8, 141);
    double[] newBias = {2.0, -1.0, 0.5, 3.0, Math.log(99)};
    LstmWeights after = before.withForgetBias(1, newBias);
    double[][][] inputs = RandomData.uniform(BATCH, 20, 3, 1.0, 142);
    try (LstmModel model = target.create(before);
        LstmSession session = model.openSession(BATCH);
        LstmModel refBefore = ReferenceOracle.model(before);
        LstmModel refAfter = ReferenceOracle.model(after)) {
      steps(session, inputs, 0, 10);
      model.setForgetBias(1, newBias);
      StepResult[] continued = steps(session, inputs, 10, 20);
      LstmState at10 = refBefore.forward(Slices.steps(inputs, 0, 10)).finalState();
      ForwardResult expected = refAfter.forward(Slices.steps(inputs, 10, 20), at10);
      for (int s = 0; s < 10; s++) {
        target
            .agreement()
            .assertClose(
                "output " + (10 + s) + " after the bias change",
                expected.output().get()[0][s],
                continued[s].output().get()[0]);
      }
    }
  }
}
