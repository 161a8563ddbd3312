package io.lstmirf.backend.tfjava;

import static io.lstmirf.backend.tfjava.TfJavaUnderTest.TFJAVA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.Gate;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Trace;
import io.lstmirf.api.check.Tolerance;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole-sequence forward passes against the double-precision reference. */
class TfJavaForwardTest {

  static Stream<Arguments> specs() {
    return Stream.of(
        Arguments.of(LstmSpec.of(1, 1, 1), 1, 1),
        Arguments.of(LstmSpec.of(3, 5, 1), 4, 9),
        Arguments.of(LstmSpec.withHead(1, 8, 1, 1), 2, 12),
        Arguments.of(LstmSpec.withHead(3, 5, 2, 2), 3, 7),
        Arguments.of(LstmSpec.of(2, 4, 3), 2, 5));
  }

  @ParameterizedTest
  @MethodSource("specs")
  void matchesTheReferenceFromZeroAndFromAGivenState(LstmSpec spec, int batch, int steps) {
    LstmWeights w = RandomData.weights(spec, 0.9, 11);
    double[][][] x = RandomData.uniform(batch, steps, spec.inputSize(), 1.5, 12);
    LstmState s0 = RandomData.state(spec, batch, 0.8, 2.0, 13);
    try (LstmModel tf = TFJAVA.create(w); LstmModel ref = ReferenceOracle.model(w)) {
      for (LstmState initial : new LstmState[] {null, s0}) {
        ForwardResult expected = ref.forward(x, initial);
        ForwardResult actual = tf.forward(x, initial);
        Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("hidden", expected.hidden(),
            actual.hidden());
        assertEquals(spec.hasHead(), actual.output().isPresent());
        if (spec.hasHead()) {
          Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("output",
              expected.output().get(), actual.output().get());
        }
        Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("final state",
            expected.finalState(), actual.finalState());
        assertFalse(actual.cellStates().isPresent(), "no trace asked for");
        assertFalse(actual.forgetGates().isPresent(), "no trace asked for");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("specs")
  void tracesMatchTheReference(LstmSpec spec, int batch, int steps) {
    LstmWeights w = RandomData.weights(spec, 0.9, 21);
    double[][][] x = RandomData.uniform(batch, steps, spec.inputSize(), 1.5, 22);
    LstmState s0 = RandomData.state(spec, batch, 0.8, 2.0, 23);
    try (LstmModel tf = TFJAVA.create(w); LstmModel ref = ReferenceOracle.model(w)) {
      Set<Trace> all = EnumSet.allOf(Trace.class);
      ForwardResult expected = ref.forward(x, s0, all);
      ForwardResult actual = tf.forward(x, s0, all);
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("top-layer cell states",
          expected.cellStates().get(), actual.cellStates().get());
      double[][][][] f = actual.forgetGates().get();
      assertEquals(spec.numLayers(), f.length);
      for (int l = 0; l < spec.numLayers(); l++) {
        Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("forget gates of layer " + l,
            expected.forgetGates().get()[l], f[l]);
      }
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("hidden with traces",
          expected.hidden(), actual.hidden());

      ForwardResult cellsOnly = tf.forward(x, s0, Set.of(Trace.CELL_STATES));
      assertTrue(cellsOnly.cellStates().isPresent());
      assertFalse(cellsOnly.forgetGates().isPresent());
      ForwardResult forgetOnly = tf.forward(x, s0, Set.of(Trace.FORGET_GATES));
      assertFalse(forgetOnly.cellStates().isPresent());
      assertTrue(forgetOnly.forgetGates().isPresent());
    }
  }

  /**
   * Cell states far beyond 3 in magnitude: BlockLSTM v1 would clip them at its default
   * cell_clip = 3, and a forget bias of 1 would be added silently; V2 must do neither.
   */
  @Test
  void neitherClipsTheCellNorAddsAForgetBias() {
    LstmSpec spec = LstmSpec.of(1, 3, 1);
    double[] open = {3.0, 3.0, 3.0};
    LstmWeights small = RandomData.weights(spec, 0.3, 31);
    // input gate and candidate saturated, forget gate nearly 1: c grows by ~1 per step
    LstmWeights w = small.withLayer(0, small.layer(0).withGateBias(Gate.INPUT, open)
        .withGateBias(Gate.CELL, open)).withForgetBias(6.0);
    double[][][] x = new double[1][40][1];
    for (double[] row : x[0]) {
      row[0] = 3.0;
    }
    try (LstmModel tf = TFJAVA.create(w); LstmModel ref = ReferenceOracle.model(w)) {
      ForwardResult expected = ref.forward(x, null, Set.of(Trace.CELL_STATES));
      ForwardResult actual = tf.forward(x, null, Set.of(Trace.CELL_STATES));
      double largest = 0;
      for (double[] c : expected.cellStates().get()[0]) {
        for (double v : c) {
          largest = Math.max(largest, Math.abs(v));
        }
      }
      assertTrue(largest > 20, "the fixture must drive |c| far past 3, got " + largest);
      // float32 carries ~7 digits: the tolerance scales with the values' size
      Agreement.absolute(Tolerance.FLOAT32.value() * largest).assertClose("cell states",
          expected.cellStates().get(), actual.cellStates().get());
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("hidden", expected.hidden(),
          actual.hidden());
    }
  }

  @Test
  void longSequencesMatchTheReference() {
    LstmSpec spec = LstmSpec.withHead(1, 16, 1, 1);
    LstmWeights w = RandomData.weights(spec, 0.4, 41);
    double[][][] x = RandomData.uniform(2, 500, 1, 1.0, 42);
    try (LstmModel tf = TFJAVA.create(w); LstmModel ref = ReferenceOracle.model(w)) {
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("output over 500 steps",
          ref.forward(x).output().get(), tf.forward(x).output().get());
    }
  }

  @Test
  void repeatedCallsWithOtherShapesReuseTheGraph() {
    LstmSpec spec = LstmSpec.withHead(2, 6, 2, 1);
    LstmWeights w = RandomData.weights(spec, 0.9, 51);
    try (LstmModel tf = TFJAVA.create(w); LstmModel ref = ReferenceOracle.model(w)) {
      for (int k = 0; k < 4; k++) {
        double[][][] x = RandomData.uniform(1 + k, 3 + 2 * k, 2, 1.0, 52 + k);
        Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("output, call " + k,
            ref.forward(x).output().get(), tf.forward(x).output().get());
      }
    }
  }
}
