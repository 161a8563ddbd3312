package io.lstmirf.backend.dl4j;

import static io.lstmirf.backend.dl4j.Dl4jUnderTest.dl4j;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
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
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.WeightTensors;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The DL4J model against the reference backend: forward, traces, sessions, weights. */
class Dl4jModelTest {
  /** Two layers, three inputs, a two-output head: every layout path is exercised. */
  private static final LstmSpec STACKED = LstmSpec.withHead(3, 5, 2, 2);
  private static final LstmSpec NO_HEAD = LstmSpec.of(2, 4, 1);

  @ParameterizedTest
  @EnumSource(Precision.class)
  void forwardMatchesReference(Precision precision) {
    for (LstmSpec spec : new LstmSpec[] {STACKED, NO_HEAD}) {
      LstmWeights w = RandomData.weights(spec, 0.6, 11);
      double[][][] x = RandomData.uniform(4, 9, spec.inputSize(), 1.5, 12);
      try (LstmModel m = dl4j(w, precision); LstmModel ref = ReferenceOracle.model(w)) {
        assertForwardClose(ref.forward(x), m.forward(x), Tolerance.of(precision).value(),
            spec + "");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void forwardFromInitialStateMatchesReference(Precision precision) {
    LstmWeights w = RandomData.weights(STACKED, 0.6, 21);
    double[][][] x = RandomData.uniform(3, 6, 3, 1, 22);
    LstmState s0 = RandomData.state(STACKED, 3, 0.8, 2, 23);
    try (LstmModel m = dl4j(w, precision); LstmModel ref = ReferenceOracle.model(w)) {
      assertForwardClose(ref.forward(x, s0), m.forward(x, s0), Tolerance.of(precision).value(),
          "from s0");
    }
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void tracesMatchReference(Precision precision) {
    LstmWeights w = RandomData.weights(STACKED, 0.6, 31);
    double[][][] x = RandomData.uniform(3, 8, 3, 1, 32);
    LstmState s0 = RandomData.state(STACKED, 3, 0.5, 1, 33);
    Set<Trace> all = Set.of(Trace.CELL_STATES, Trace.FORGET_GATES);
    double tol = Tolerance.of(precision).value();
    try (LstmModel m = dl4j(w, precision); LstmModel ref = ReferenceOracle.model(w)) {
      ForwardResult expected = ref.forward(x, s0, all);
      ForwardResult actual = m.forward(x, s0, all);
      assertForwardClose(expected, actual, tol, "traced");
      Agreement.absolute(tol).assertClose("cell states", expected.cellStates().orElseThrow(),
          actual.cellStates().orElseThrow());
      double[][][][] fe = expected.forgetGates().orElseThrow();
      double[][][][] fa = actual.forgetGates().orElseThrow();
      assertEquals(fe.length, fa.length);
      for (int l = 0; l < fe.length; l++) {
        Agreement.absolute(tol).assertClose("forget gates of layer " + l, fe[l], fa[l]);
      }
      ForwardResult onlyCells = m.forward(x, s0, Set.of(Trace.CELL_STATES));
      assertTrue(onlyCells.cellStates().isPresent());
      assertFalse(onlyCells.forgetGates().isPresent(), "only the traces asked for");
      assertFalse(m.forward(x).cellStates().isPresent());
    }
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void sessionStepsLikeTheSequence(Precision precision) {
    LstmWeights w = RandomData.weights(STACKED, 0.6, 41);
    double[][][] x = RandomData.uniform(2, 12, 3, 1, 42);
    double tol = Tolerance.of(precision).value();
    try (LstmModel m = dl4j(w, precision); LstmModel ref = ReferenceOracle.model(w);
        LstmSession s = m.openSession(2)) {
      ForwardResult expected = ref.forward(x);
      for (int t = 0; t < x[0].length; t++) {
        StepResult r = s.step(new double[][] {x[0][t], x[1][t]});
        for (int b = 0; b < 2; b++) {
          assertArrayClose(expected.hidden()[b][t], r.hidden()[b], tol, "h at t=" + t);
          assertArrayClose(expected.output().orElseThrow()[b][t], r.output().orElseThrow()[b],
              tol, "y at t=" + t);
        }
      }
      assertTrue(expected.finalState().maxAbsDifference(s.state()) <= tol, "final state");
    }
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void sessionStateRoundTripAndReset(Precision precision) {
    LstmWeights w = RandomData.weights(STACKED, 0.6, 51);
    double[][][] x = RandomData.uniform(1, 6, 3, 1, 52);
    double tol = Tolerance.of(precision).value();
    try (LstmModel m = dl4j(w, precision); LstmSession s = m.openSession(1);
        LstmSession other = m.openSession(1)) {
      assertEquals(0, s.state().maxAbsDifference(LstmState.zeros(STACKED, 1)), "starts at zero");
      for (int t = 0; t < 3; t++) {
        s.step(x[0][t].length == 3 ? new double[][] {x[0][t]} : null);
      }
      LstmState saved = s.state();
      StepResult next = s.step(new double[][] {x[0][3]});
      other.setState(saved);
      assertTrue(saved.maxAbsDifference(other.state()) <= exactIn(precision), "set then get");
      StepResult resumed = other.step(new double[][] {x[0][3]});
      assertArrayClose(next.hidden()[0], resumed.hidden()[0], tol, "resumed from saved state");

      LstmState s0 = RandomData.state(STACKED, 1, 0.7, 1.5, 53);
      s.setState(s0);
      double[][][] rest = {Arrays.copyOfRange(x[0], 0, 3)};
      ForwardResult expected;
      try (LstmModel ref = ReferenceOracle.model(w)) {
        expected = ref.forward(rest, s0);
      }
      for (int t = 0; t < 3; t++) {
        assertArrayClose(expected.hidden()[0][t], s.step(new double[][] {rest[0][t]})
            .hidden()[0], tol, "from a set state");
      }

      s.reset();
      assertEquals(0, s.state().maxAbsDifference(LstmState.zeros(STACKED, 1)), "reset");
      try (LstmModel ref = ReferenceOracle.model(w)) {
        assertArrayClose(ref.forward(new double[][][] {{x[0][0]}}).hidden()[0][0],
            s.step(new double[][] {x[0][0]}).hidden()[0], tol, "after reset");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void setForgetBiasChangesTheLiveModel(Precision precision) {
    LstmWeights w = RandomData.weights(STACKED, 0.6, 61);
    double[][][] x = RandomData.uniform(2, 7, 3, 1, 62);
    double[] bias = {2.0, -1.0, 0.5, 3.0, -0.25};
    LstmWeights changed = w.withForgetBias(1, bias);
    double tol = Tolerance.of(precision).value();
    try (LstmModel m = dl4j(w, precision); LstmModel ref = ReferenceOracle.model(changed);
        LstmSession before = m.openSession(2)) {
      m.forward(x); // the fused weights are current before the change
      m.setForgetBias(1, bias);
      assertArrayClose(bias, m.forgetBias(1), exactIn(precision), "forgetBias reads it back");
      assertTrue(changed.maxAbsDifference(m.weights()) <= exactIn(precision),
          "only the forget gate of layer 1 changed");
      ForwardResult expected = ref.forward(x);
      assertForwardClose(expected, m.forward(x), tol, "forward after setForgetBias");
      StepResult r = before.step(new double[][] {x[0][0], x[1][0]});
      assertArrayClose(expected.hidden()[1][0], r.hidden()[1], tol,
          "a session opened before the change sees it");

      m.setForgetBias(0.75);
      try (LstmModel ref2 = ReferenceOracle.model(w.withForgetBias(0.75))) {
        assertForwardClose(ref2.forward(x), m.forward(x), tol, "every layer");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void oneUnitLayersWithSeveralRows(Precision precision) {
    // libnd4j's LSTM ops mis-shape one-unit layers when the batch has several rows
    LstmSpec spec = LstmSpec.withHead(2, 1, 2, 1);
    LstmWeights w = RandomData.weights(spec, 0.8, 95);
    double[][][] x = RandomData.uniform(3, 7, 2, 1, 96);
    LstmState s0 = RandomData.state(spec, 3, 0.5, 1, 97);
    Set<Trace> all = Set.of(Trace.CELL_STATES, Trace.FORGET_GATES);
    double tol = Tolerance.of(precision).value();
    try (LstmModel m = dl4j(w, precision); LstmModel ref = ReferenceOracle.model(w);
        LstmSession s = m.openSession(3)) {
      ForwardResult expected = ref.forward(x, s0, all);
      ForwardResult actual = m.forward(x, s0, all);
      assertForwardClose(expected, actual, tol, "one unit");
      Agreement.absolute(tol).assertClose("one unit: cell states",
          expected.cellStates().orElseThrow(), actual.cellStates().orElseThrow());
      for (int l = 0; l < 2; l++) {
        Agreement.absolute(tol).assertClose("one unit: forget gates of layer " + l,
            expected.forgetGates().orElseThrow()[l], actual.forgetGates().orElseThrow()[l]);
      }
      s.setState(s0);
      for (int t = 0; t < x[0].length; t++) {
        StepResult r = s.step(new double[][] {x[0][t], x[1][t], x[2][t]});
        for (int b = 0; b < 3; b++) {
          assertArrayClose(expected.output().orElseThrow()[b][t], r.output().orElseThrow()[b],
              tol, "one unit: step " + t + ", row " + b);
        }
      }
      assertTrue(expected.finalState().maxAbsDifference(s.state()) <= tol, "one unit: state");
    }
  }

  @Test
  void weightsRoundTripFloat32IsTheInputRoundedToFloat() {
    LstmWeights w = RandomData.weights(STACKED, 0.9, 71);
    try (LstmModel m = dl4j(w, Precision.FLOAT32)) {
      LstmWeights rounded = WeightTensors.roundedToFloat(w);
      assertEquals(rounded, m.weights(), "exactly the float-rounded input");
    }
  }

  @Test
  void weightsRoundTripFloat64IsBitExact() {
    for (LstmSpec spec : new LstmSpec[] {STACKED, NO_HEAD}) {
      LstmWeights w = RandomData.weights(spec, 0.9, 72);
      try (LstmModel m = dl4j(w, Precision.FLOAT64)) {
        assertEquals(w, m.weights());
      }
    }
  }

  @Test
  void eachGateLandsInItsPlace() {
    // A model whose only nonzero parameter is one gate's bias: the hidden state after one step
    // on zero input identifies the gate, so a block mix-up cannot pass.
    LstmSpec spec = LstmSpec.of(1, 1, 1);
    double big = 3;
    double[][] zero = {{0}};
    for (io.lstmirf.api.Gate gate : io.lstmirf.api.Gate.values()) {
      double[] b = new double[4];
      b[gate.offset(1)] = big;
      LstmWeights w = new LstmWeights(java.util.List.of(LayerWeights.of(new double[4][1],
          new double[4][1], b)));
      try (LstmModel m = dl4j(w, Precision.FLOAT64); LstmModel ref = ReferenceOracle.model(w)) {
        assertArrayClose(ref.forward(new double[][][] {zero}).hidden()[0][0],
            m.forward(new double[][][] {zero}).hidden()[0][0], 1e-12, gate.name());
      }
    }
  }

  @Test
  void rejectsInvalidInputWithClearMessages() {
    LstmWeights w = RandomData.weights(STACKED, 0.5, 81);
    try (LstmModel m = dl4j(w, Precision.FLOAT32); LstmSession s = m.openSession(2)) {
      InvalidInputException wrongFeatures = assertThrows(InvalidInputException.class,
          () -> m.forward(new double[1][4][2]));
      assertTrue(wrongFeatures.getMessage().contains("expected 3"), wrongFeatures.getMessage());
      double[][][] nan = new double[1][2][3];
      nan[0][1][2] = Double.NaN;
      InvalidInputException notFinite = assertThrows(InvalidInputException.class,
          () -> m.forward(nan));
      assertTrue(notFinite.getMessage().contains("inputs[0][1][2]"), notFinite.getMessage());
      assertThrows(InvalidInputException.class, () -> m.forward(new double[0][][]));
      assertThrows(InvalidInputException.class,
          () -> m.forward(new double[2][3][3], LstmState.zeros(STACKED, 1)));
      assertThrows(InvalidInputException.class, () -> s.step(new double[1][3]));
      assertThrows(InvalidInputException.class, () -> s.setState(LstmState.zeros(STACKED, 3)));
      assertThrows(InvalidInputException.class, () -> m.setForgetBias(2, new double[5]));
      assertThrows(InvalidInputException.class, () -> m.setForgetBias(0, new double[4]));
      assertThrows(InvalidInputException.class, () -> m.openSession(0));
    }
    double[][] ih = new double[4][1];
    ih[2][0] = Double.POSITIVE_INFINITY;
    LstmWeights infinite = new LstmWeights(java.util.List.of(LayerWeights.of(ih, new double[4][1],
        new double[4])));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Dl4jUnderTest.DL4J.create(infinite));
    assertTrue(e.getMessage().contains("weightIh[2][0]"), e.getMessage());
  }

  @Test
  void closedModelAndSessionsRefuseCalls() {
    LstmModel m = dl4j(RandomData.weights(NO_HEAD, 0.5, 91), Precision.FLOAT32);
    LstmSession s = m.openSession(1);
    m.close();
    m.close(); // idempotent
    assertThrows(IllegalStateException.class, () -> m.forward(new double[1][1][2]));
    assertThrows(IllegalStateException.class, () -> s.step(new double[1][2]));
    assertThrows(IllegalStateException.class, m::weights);
  }

  // --- assertions -----------------------------------------------------------------------------

  /** Float32 stores a float64 value rounded; float64 stores it exactly. */
  private static double exactIn(Precision precision) {
    return precision == Precision.FLOAT32 ? 1e-6 : 0;
  }

  static void assertForwardClose(ForwardResult expected, ForwardResult actual, double tol,
      String what) {
    Agreement.absolute(tol).assertClose(what + ": hidden", expected.hidden(), actual.hidden());
    assertEquals(expected.output().isPresent(), actual.output().isPresent(), what + ": head");
    if (expected.output().isPresent()) {
      Agreement.absolute(tol).assertClose(what + ": outputs", expected.output().get(),
          actual.output().get());
    }
    double d = expected.finalState().maxAbsDifference(actual.finalState());
    assertTrue(d <= tol, what + ": final state differs by " + d);
  }

  static void assertArrayClose(double[] expected, double[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tol, what + " [" + i + "]");
    }
  }

  static void assertArrayExact(double[] expected, double[] actual) {
    assertArrayEquals(expected, actual);
  }
}
