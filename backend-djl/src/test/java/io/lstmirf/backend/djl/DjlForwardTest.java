package io.lstmirf.backend.djl;

import static io.lstmirf.backend.djl.DjlUnderTest.djl;
import static io.lstmirf.backend.djl.DjlUnderTest.randomWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.Gate;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.StepResult;
import io.lstmirf.api.Trace;
import io.lstmirf.api.check.Tolerance;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.Engines;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.Slices;
import io.lstmirf.testing.WeightTensors;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Forward passes, traces and sessions against the reference backend. */
class DjlForwardTest {
  private static final int BATCH = 3;
  private static final int STEPS = 7;

  @BeforeAll
  static void engineLoads() {
    Engines.requireAvailable(DjlUnderTest.DJL);
  }

  /** One layer without a head, and two stacked layers with a two-output head, per precision. */
  static Stream<Arguments> cases() {
    return Stream.of(Precision.values()).flatMap(p -> Stream.of(
        Arguments.of(p, LstmSpec.of(2, 5, 1)),
        Arguments.of(p, LstmSpec.withHead(3, 4, 2, 2))));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void sequenceMatchesReference(Precision precision, LstmSpec spec) {
    LstmWeights w = randomWeights(spec, 11);
    double[][][] x = RandomData.uniform(BATCH, STEPS, spec.inputSize(), 1.0, 12);
    try (LstmModel model = djl(w, precision); LstmModel ref = ReferenceOracle.model(w)) {
      ForwardResult got = model.forward(x);
      ForwardResult want = ref.forward(x);
      double tol = Tolerance.of(precision).value();
      Agreement.absolute(tol).assertClose("hidden", want.hidden(), got.hidden());
      assertEquals(want.output().isPresent(), got.output().isPresent());
      want.output().ifPresent(o -> Agreement.absolute(tol).assertClose("output", o,
          got.output().get()));
      assertTrue(want.finalState().maxAbsDifference(got.finalState()) < tol, "final state");
      assertFalse(got.cellStates().isPresent());
      assertFalse(got.forgetGates().isPresent());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void startsFromTheGivenState(Precision precision, LstmSpec spec) {
    LstmWeights w = randomWeights(spec, 21);
    double[][][] x = RandomData.uniform(BATCH, STEPS, spec.inputSize(), 1.0, 22);
    LstmState initial = RandomData.state(spec, BATCH, 0.9, 2.0, 23);
    try (LstmModel model = djl(w, precision); LstmModel ref = ReferenceOracle.model(w)) {
      ForwardResult got = model.forward(x, initial);
      ForwardResult want = ref.forward(x, initial);
      Agreement.absolute(Tolerance.of(precision).value()).assertClose("responses", want.responses(),
          got.responses());
      assertTrue(want.finalState().maxAbsDifference(got.finalState())
          < Tolerance.of(precision).value());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void tracesMatchReference(Precision precision, LstmSpec spec) {
    LstmWeights w = randomWeights(spec, 31);
    double[][][] x = RandomData.uniform(BATCH, STEPS, spec.inputSize(), 1.0, 32);
    LstmState initial = RandomData.state(spec, BATCH, 0.9, 2.0, 33);
    Set<Trace> all = EnumSet.allOf(Trace.class);
    try (LstmModel model = djl(w, precision); LstmModel ref = ReferenceOracle.model(w)) {
      ForwardResult got = model.forward(x, initial, all);
      ForwardResult want = ref.forward(x, initial, all);
      double tol = Tolerance.of(precision).value();
      Agreement.absolute(tol).assertClose("cell states", want.cellStates().get(),
          got.cellStates().get());
      double[][][][] wantF = want.forgetGates().get();
      double[][][][] gotF = got.forgetGates().get();
      assertEquals(spec.numLayers(), gotF.length);
      for (int l = 0; l < wantF.length; l++) {
        Agreement.absolute(tol).assertClose("forget gates of layer " + l, wantF[l], gotF[l]);
      }
      // The traced path computes the same sequence as the fast one.
      Agreement.absolute(tol).assertClose("responses", want.responses(), got.responses());
      assertTrue(want.finalState().maxAbsDifference(got.finalState()) < tol);
      // Only what was asked for.
      ForwardResult cellsOnly = model.forward(x, initial, Set.of(Trace.CELL_STATES));
      assertTrue(cellsOnly.cellStates().isPresent());
      assertFalse(cellsOnly.forgetGates().isPresent());
      ForwardResult forgetOnly = model.forward(x, null, Set.of(Trace.FORGET_GATES));
      assertFalse(forgetOnly.cellStates().isPresent());
      Agreement.absolute(tol).assertClose("forget gates from zeros",
          ref.forward(x, null, all).forgetGates().get()[0], forgetOnly.forgetGates().get()[0]);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void singleStepTraces(Precision precision, LstmSpec spec) {
    LstmWeights w = randomWeights(spec, 35);
    double[][][] x = RandomData.uniform(BATCH, 1, spec.inputSize(), 1.0, 36);
    Set<Trace> all = EnumSet.allOf(Trace.class);
    try (LstmModel model = djl(w, precision); LstmModel ref = ReferenceOracle.model(w)) {
      ForwardResult got = model.forward(x, null, all);
      ForwardResult want = ref.forward(x, null, all);
      Agreement.absolute(Tolerance.of(precision).value()).assertClose("c", want.cellStates().get(),
          got.cellStates().get());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void steppingMatchesReferenceAndSequence(Precision precision, LstmSpec spec) {
    LstmWeights w = randomWeights(spec, 41);
    double[][][] x = RandomData.uniform(BATCH, STEPS, spec.inputSize(), 1.0, 42);
    double tol = Tolerance.of(precision).value();
    try (LstmModel model = djl(w, precision); LstmModel ref = ReferenceOracle.model(w);
        LstmSession session = model.openSession(BATCH);
        LstmSession refSession = ref.openSession(BATCH)) {
      double[][][] sequence = model.forward(x).responses();
      for (int t = 0; t < STEPS; t++) {
        double[][] step = Slices.step(x, t);
        StepResult got = session.step(step);
        StepResult want = refSession.step(step);
        Agreement.absolute(tol).assertClose("hidden at step " + t, want.hidden(), got.hidden());
        assertEquals(want.output().isPresent(), got.output().isPresent());
        Agreement.absolute(tol).assertClose("responses at step " + t, want.responses(),
            got.responses());
        for (int b = 0; b < BATCH; b++) {
          assertArrayEquals(sequence[b][t], got.responses()[b], tol, "sequence vs step");
        }
      }
      assertTrue(refSession.state().maxAbsDifference(session.state()) < tol);
      assertTrue(model.forward(x).finalState().maxAbsDifference(session.state()) < tol);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void stateRoundTripsAndResets(Precision precision, LstmSpec spec) {
    LstmWeights w = randomWeights(spec, 51);
    double[][][] x = RandomData.uniform(BATCH, STEPS, spec.inputSize(), 1.0, 52);
    try (LstmModel model = djl(w, precision);
        LstmSession first = model.openSession(BATCH);
        LstmSession second = model.openSession(BATCH)) {
      assertEquals(LstmState.zeros(spec, BATCH), first.state());
      for (int t = 0; t < 3; t++) {
        first.step(Slices.step(x, t));
      }
      LstmState saved = first.state();
      second.setState(saved);
      assertEquals(saved, second.state(), "setState then state() is exact");
      for (int t = 3; t < STEPS; t++) {
        double[][] a = first.step(Slices.step(x, t)).responses();
        double[][] b = second.step(Slices.step(x, t)).responses();
        assertArrayEquals(a, b, "resumed session at step " + t);
      }
      first.reset();
      assertEquals(LstmState.zeros(spec, BATCH), first.state());
      try (LstmSession fresh = model.openSession(BATCH)) {
        assertArrayEquals(fresh.step(Slices.step(x, 0)).responses(),
            first.step(Slices.step(x, 0)).responses(), "step 0 after reset");
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void forgetBiasChangesTheLiveModel(Precision precision, LstmSpec spec) {
    LstmWeights w = randomWeights(spec, 61);
    double[][][] x = RandomData.uniform(BATCH, STEPS, spec.inputSize(), 1.0, 62);
    int top = spec.numLayers() - 1;
    double[] bias = new double[spec.hiddenSize()];
    for (int k = 0; k < bias.length; k++) {
      bias[k] = 1.5 + 0.25 * k;
    }
    LstmWeights changed = w.withForgetBias(top, bias);
    double tol = Tolerance.of(precision).value();
    try (LstmModel model = djl(w, precision); LstmModel ref = ReferenceOracle.model(changed);
        LstmSession session = model.openSession(BATCH)) {
      session.step(Slices.step(x, 0));
      LstmState before = session.state();
      model.setForgetBias(top, bias);
      assertArrayEquals(bias, model.forgetBias(top), precision == Precision.FLOAT64 ? 0 : 1e-7);
      LstmWeights now = model.weights();
      for (Gate g : Gate.values()) {
        if (g != Gate.FORGET) {
          assertArrayEquals(WeightTensors.heldIn(precision, w).layer(top).gateBias(g),
              now.layer(top).gateBias(g), 0, "gate " + g + " untouched");
        }
      }
      assertEquals(WeightTensors.heldIn(precision, w).layer(top).weightHh(),
          now.layer(top).weightHh());
      Agreement.absolute(tol).assertClose("forward", ref.forward(x).responses(),
          model.forward(x).responses());
      // The open session sees the new bias at its next step, from the state it had.
      try (LstmSession refSession = ref.openSession(BATCH)) {
        refSession.setState(before);
        Agreement.absolute(tol).assertClose("session after setForgetBias",
            refSession.step(Slices.step(x, 1)).responses(),
            session.step(Slices.step(x, 1)).responses());
      }
      model.setForgetBias(0.75);
      for (int l = 0; l < spec.numLayers(); l++) {
        for (double b : model.forgetBias(l)) {
          assertEquals(0.75, b, 0);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void weightsRoundTripExactly(Precision precision, LstmSpec spec) {
    LstmWeights w = randomWeights(spec, 71);
    try (LstmModel model = djl(w, precision)) {
      assertEquals(WeightTensors.heldIn(precision, w), model.weights());
      assertEquals(spec, model.spec());
      assertEquals(DjlBackend.NAME, model.backendName());
    }
  }
}
