package io.lstmirf.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Trace;
import io.lstmirf.testing.ClosedFormLayer;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.Slices;
import io.lstmirf.testing.WeightTensors;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole-sequence forward passes agree with the reference. */
@ForEachBackend
class ForwardConformanceTest {
  private static final Set<Trace> ALL_TRACES = EnumSet.allOf(Trace.class);

  private final ConformanceTarget target;

  ForwardConformanceTest(ConformanceTarget target) {
    this.target = target;
  }

  @Test
  void singleLayerWithRandomWeights() {
    LstmSpec spec = LstmSpec.of(3, 5, 1);
    target.assertForwardMatchesReference(
        RandomData.weights(spec, 0.8, 11), RandomData.uniform(2, 30, 3, 1.0, 12), null, Set.of());
  }

  @Test
  void stackedLayersWithHead() {
    LstmSpec spec = LstmSpec.withHead(2, 4, 3, 2);
    target.assertForwardMatchesReference(
        RandomData.weights(spec, 0.7, 21), RandomData.uniform(3, 25, 2, 1.0, 22), null, ALL_TRACES);
  }

  @Test
  void nonZeroInitialState() {
    LstmSpec spec = LstmSpec.withHead(3, 4, 2, 1);
    LstmWeights weights = RandomData.weights(spec, 0.6, 31);
    double[][][] inputs = RandomData.uniform(2, 15, 3, 1.0, 32);
    ForwardResult fromState =
        target.assertForwardMatchesReference(
            weights, inputs, RandomData.state(spec, 2, 1.5, 33), Set.of());
    try (LstmModel reference = ReferenceOracle.model(weights)) {
      // The state must change the outputs, or this case would not test that it is used.
      double[][][] fromZero = reference.forward(inputs).output().get();
      assertTrue(
          Math.abs(fromZero[0][0][0] - fromState.output().get()[0][0][0]) > 1e-3,
          "the initial state changes the first output");
    }
  }

  @Test
  void batchRowsAreIndependent() {
    LstmSpec spec = LstmSpec.withHead(2, 4, 2, 2);
    LstmWeights weights = RandomData.weights(spec, 0.7, 41);
    double[][][] inputs = RandomData.uniform(3, 20, 2, 1.0, 42);
    LstmState initial = RandomData.state(spec, 3, 0.8, 43);
    ForwardResult batched =
        target.assertForwardMatchesReference(weights, inputs, initial, ALL_TRACES);
    try (LstmModel model = target.create(weights)) {
      ForwardResult together = model.forward(inputs, initial, ALL_TRACES);
      for (int b = 0; b < 3; b++) {
        ForwardResult alone =
            model.forward(Slices.rows(inputs, b, b + 1), Slices.row(initial, b), ALL_TRACES);
        String row = "row " + b + " alone vs in a batch of 3: ";
        target.agreement().assertClose(row + "hidden", together.hidden()[b], alone.hidden()[0]);
        target
            .agreement()
            .assertClose(row + "output", together.output().get()[b], alone.output().get()[0]);
        target
            .agreement()
            .assertClose(
                row + "cellStates", together.cellStates().get()[b], alone.cellStates().get()[0]);
        target
            .agreement()
            .assertClose(
                row + "finalState", Slices.row(together.finalState(), b), alone.finalState());
        // and against the reference's batched run, so a row mix-up cannot cancel out
        target
            .agreement()
            .assertClose(row + "hidden vs reference", batched.hidden()[b], alone.hidden()[0]);
      }
    }
  }

  @Test
  void saturatingInputsAreNotClipped() {
    LstmSpec spec = LstmSpec.withHead(3, 6, 2, 1);
    LstmWeights weights = RandomData.weights(spec, 3.0, 51).withForgetBias(0, fill(6, 4.0));
    double[][][] inputs = RandomData.uniform(2, 40, 3, 5.0, 52);
    ForwardResult expected =
        target.assertForwardMatchesReference(weights, inputs, null, ALL_TRACES);
    // TF's block cells clip |c| at 3 by default; the case must reach beyond that to catch it.
    assertTrue(
        maxAbs(expected.cellStates().get()) > 6,
        "the case drives |c| well past a cell clip of 3: max |c| = "
            + maxAbs(expected.cellStates().get()));
  }

  @Test
  void extremeForgetBiases() {
    LstmSpec spec = LstmSpec.withHead(2, 4, 2, 1);
    double[][][] inputs = RandomData.uniform(2, 60, 2, 1.0, 62);
    for (double bias : new double[] {-10, Math.log(99), 20}) {
      LstmWeights weights = RandomData.weights(spec, 0.5, 61).withForgetBias(bias);
      target.assertForwardMatchesReference(weights, inputs, null, ALL_TRACES);
    }
  }

  /**
   * The closed form of irf-method.md, checked against the formula itself rather than the reference:
   * with {@code W_hh = 0} and the input feeding only the g gate, a shock {@code s} at {@code t0} on
   * a zero baseline gives {@code c[t0+j] = sigmoid(b_f)^j sigmoid(b_i) tanh(w s)} and {@code h =
   * sigmoid(b_o) tanh(c)}.
   */
  @Test
  void closedFormImpulseResponse() {
    int hidden = 4;
    int steps = 40;
    int t0 = 5;
    double shock = 0.8;
    double[] w = {1.0, -0.5, 2.0, 0.3};
    double[] bf = {0.0, 1.0, 2.0, Math.log(99)};
    double[] bi = {0.5, -1.0, 0.0, 2.0};
    double[] bo = {-0.3, 0.7, 1.5, 0.0};
    ClosedFormLayer layer = ClosedFormLayer.of(w, bf, bi, bo);
    try (LstmModel model = target.create(layer.weights())) {
      ForwardResult r =
          model.forward(
              ClosedFormLayer.shockedInput(steps, t0, shock), null, Set.of(Trace.CELL_STATES));
      double[][] c = r.cellStates().get()[0];
      double[][] h = r.hidden()[0];
      for (int t = 0; t < steps; t++) {
        for (int k = 0; k < hidden; k++) {
          target
              .agreement()
              .assertClose("c[" + t + "][" + k + "]", layer.cell(k, t, t0, shock), c[t][k]);
          target
              .agreement()
              .assertClose("h[" + t + "][" + k + "]", layer.hidden(k, t, t0, shock), h[t][k]);
        }
      }
    }
  }

  @Test
  void tracesMatchTheReferenceAndAreOnlyRecordedWhenAsked() {
    LstmSpec spec = LstmSpec.withHead(2, 3, 2, 1);
    LstmWeights weights = RandomData.weights(spec, 0.9, 71);
    double[][][] inputs = RandomData.uniform(2, 12, 2, 1.0, 72);
    ForwardResult all = target.assertForwardMatchesReference(weights, inputs, null, ALL_TRACES);
    assertEquals(2, all.forgetGates().get().length, "forget gates of every layer");
    target.assertForwardMatchesReference(weights, inputs, null, Set.of(Trace.CELL_STATES));
    target.assertForwardMatchesReference(weights, inputs, null, Set.of(Trace.FORGET_GATES));
    try (LstmModel model = target.create(weights)) {
      ForwardResult none = model.forward(inputs);
      assertFalse(none.cellStates().isPresent(), "no cell states unless asked");
      assertFalse(none.forgetGates().isPresent(), "no forget gates unless asked");
      ForwardResult cells = model.forward(inputs, null, Set.of(Trace.CELL_STATES));
      assertTrue(cells.cellStates().isPresent());
      assertFalse(cells.forgetGates().isPresent(), "only the traces asked for");
      // The last cell-state trace entry is the top layer's final cell state.
      target
          .agreement()
          .assertClose(
              "last cell state vs final c",
              cells.finalState().c()[1][1],
              cells.cellStates().get()[1][11]);
    }
  }

  /**
   * Architectures and batch shapes the cases above do not reach: one unit on one step of one row, a
   * single layer of five units without a head, a wide single layer with a head, two layers with a
   * two-output head, three layers without one. From zeros and from a given state, without traces,
   * with each and with both.
   */
  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(LstmSpec.of(1, 1, 1), 1, 1),
        Arguments.of(LstmSpec.of(3, 5, 1), 4, 9),
        Arguments.of(LstmSpec.withHead(1, 8, 1, 1), 2, 12),
        Arguments.of(LstmSpec.withHead(3, 5, 2, 2), 3, 7),
        Arguments.of(LstmSpec.of(2, 4, 3), 2, 5));
  }

  @ParameterizedTest(name = "{0} batch {1} steps {2}")
  @MethodSource("shapes")
  void shapesMatchTheReferenceWithAndWithoutTraces(LstmSpec spec, int batch, int steps) {
    LstmWeights weights = RandomData.weights(spec, 0.9, 91);
    double[][][] inputs = RandomData.uniform(batch, steps, spec.inputSize(), 1.5, 92);
    LstmState given = RandomData.state(spec, batch, 0.8, 2.0, 93);
    for (LstmState initial : new LstmState[] {null, given}) {
      for (Set<Trace> traces :
          List.of(
              Set.<Trace>of(), Set.of(Trace.CELL_STATES), Set.of(Trace.FORGET_GATES), ALL_TRACES)) {
        target.assertForwardMatchesReference(weights, inputs, initial, traces);
      }
    }
  }

  /** A sequence of one step: each trace holds that step alone. */
  @Test
  void singleStepSequencesAndTheirTraces() {
    for (LstmSpec spec : new LstmSpec[] {LstmSpec.of(2, 5, 1), LstmSpec.withHead(3, 4, 2, 2)}) {
      LstmWeights weights = RandomData.weights(spec, 0.6, 95);
      double[][][] inputs = RandomData.uniform(3, 1, spec.inputSize(), 1.0, 96);
      ForwardResult r = target.assertForwardMatchesReference(weights, inputs, null, ALL_TRACES);
      assertEquals(1, r.cellStates().get()[0].length, spec + ": one step of cell states");
      target.assertForwardMatchesReference(
          weights, inputs, RandomData.state(spec, 3, 0.9, 2.0, 97), ALL_TRACES);
    }
  }

  @Test
  void longSequencesStayWithinTolerance() {
    LstmSpec spec = LstmSpec.withHead(2, 8, 2, 1);
    target.assertForwardMatchesReference(
        RandomData.weights(spec, 0.5, 81),
        RandomData.uniform(2, 500, 2, 1.0, 82),
        null,
        ALL_TRACES);
  }

  private static double[] fill(int n, double value) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, value);
    return a;
  }

  /** The largest absolute entry. */
  private static double maxAbs(double[][][] x) {
    double m = 0;
    for (double[][] plane : x) {
      for (double[] row : plane) {
        m = Math.max(m, WeightTensors.maxAbs(row));
      }
    }
    return m;
  }
}
