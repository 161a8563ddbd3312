package io.lstmirf.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Trace;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.testing.ClosedFormGru;
import io.lstmirf.testing.ClosedFormLayer;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recurrent variant ({@link Variant}: peepholes, GRU, bidirectional and mixed stacks) on
 * every backend and precision against the reference: whole sequences with and without a state and
 * traces, stepping (causal variants) or its refusal (bidirectional ones), gradients, and the live
 * memory-gate bias. On a backend that does not declare a variant's feature, each test checks the
 * api's refusal instead ({@link ConformanceTarget#implementsOrRefuses}): one line naming the
 * variant, the backend and those that implement it, and nothing computed. Training, with dropout,
 * is in {@link DropoutConformanceTest}.
 */
@ForEachBackend
class VariantConformanceTest {
  private static final Set<Trace> ALL_TRACES = EnumSet.allOf(Trace.class);
  private static final int BATCH = 3;
  private static final int STEPS = 12;

  private final ConformanceTarget target;

  VariantConformanceTest(ConformanceTarget target) {
    this.target = target;
  }

  private static double[][][] inputs(Variant v, int batch, int steps, long seed) {
    return RandomData.uniform(batch, steps, v.spec().inputSize(), 1.0, seed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lstmirf.conformance.Variant#all")
  void sequencesMatchTheReference(Variant v) {
    LstmWeights weights = RandomData.weights(v.spec(), 0.8, v.seed());
    if (!target.implementsOrRefuses(weights, null)) {
      return;
    }
    double[][][] x = inputs(v, BATCH, STEPS, v.seed() + 1);
    LstmState state = RandomData.state(v.spec(), BATCH, 0.8, 1.5, v.seed() + 2);
    for (LstmState initial : new LstmState[] {null, state}) {
      for (Set<Trace> traces : java.util.List.of(Set.<Trace>of(), ALL_TRACES)) {
        ForwardResult r = target.assertForwardMatchesReference(weights, x, initial, traces);
        assertEquals(v.spec().outputSize(), r.hidden()[0][0].length, "outputs per step");
      }
    }
  }

  /** A sequence of one step, and the smallest batch: each direction has read one input. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lstmirf.conformance.Variant#all")
  void singleStepSingleRowMatchesTheReference(Variant v) {
    LstmWeights weights = RandomData.weights(v.spec(), 0.9, v.seed() + 5);
    if (!target.implementsOrRefuses(weights, null)) {
      return;
    }
    target.assertForwardMatchesReference(weights, inputs(v, 1, 1, v.seed() + 6), null, ALL_TRACES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lstmirf.conformance.Variant#causal")
  void steppingMatchesTheReference(Variant v) {
    LstmWeights weights = RandomData.weights(v.spec(), 0.8, v.seed() + 10);
    if (!target.implementsOrRefuses(weights, null)) {
      return;
    }
    double[][][] x = inputs(v, BATCH, STEPS, v.seed() + 11);
    LstmState initial = RandomData.state(v.spec(), BATCH, 0.8, 1.5, v.seed() + 12);
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(weights)) {
      ForwardResult expected = reference.forward(x, initial);
      target
          .agreement()
          .assertClose(
              "stepped vs the reference's sequence", expected, model.forwardStepwise(x, initial));
      target
          .agreement()
          .assertClose("stepped from zeros", reference.forward(x), model.forwardStepwise(x, null));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lstmirf.conformance.Variant#bidirectional")
  void bidirectionalLayersRefuseSessions(Variant v) {
    LstmWeights weights = RandomData.weights(v.spec(), 0.8, v.seed() + 20);
    if (!target.implementsOrRefuses(weights, null)) {
      return;
    }
    try (LstmModel model = target.create(weights)) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> model.openSession(1));
      assertTrue(e.getMessage().contains("is bidirectional and cannot be stepped"), e.getMessage());
      assertThrows(
          InvalidInputException.class,
          () -> model.forwardStepwise(inputs(v, 1, 3, v.seed() + 21), null));
    }
  }

  /**
   * Gradients for every-step loss, and for last-step loss where every tensor then has a gradient:
   * not for a bidirectional layer, whose backward direction has read only the last input by the
   * last step, from the zero state, so that its {@code W_hh} gets exactly none.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lstmirf.conformance.Variant#all")
  void gradientsMatchTheReference(Variant v) {
    LstmWeights weights = RandomData.weights(v.spec(), 0.7, v.seed() + 30);
    if (!target.implementsOrRefuses(weights, null)) {
      return;
    }
    for (LossTarget loss :
        v.spec().isCausal() ? LossTarget.values() : new LossTarget[] {LossTarget.EVERY_STEP}) {
      int response = v.spec().responseSize();
      target.assertGradientsMatchReference(
          weights,
          inputs(v, BATCH, 8, v.seed() + 31),
          RandomData.uniform(BATCH, loss.targetSteps(8), response, 0.8, v.seed() + 32),
          loss);
    }
  }

  /**
   * The memory gate's bias (forget gate f, update gate z; both directions) set on the live model
   * reads back, and the model then runs as one built with it; {@code weights()} reads back what was
   * given, in the precision's rounding.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lstmirf.conformance.Variant#all")
  void memoryGateBiasIsLiveAndWeightsRoundTrip(Variant v) {
    LstmSpec spec = v.spec();
    LstmWeights weights = RandomData.weights(spec, 0.8, v.seed() + 40);
    if (!target.implementsOrRefuses(weights, null)) {
      return;
    }
    int top = spec.numLayers() - 1;
    double[] bias = new double[spec.layerOutputSize(top)];
    for (int k = 0; k < bias.length; k++) {
      bias[k] = k % 2 == 0 ? Math.log(99) : -1.5 + 0.25 * k;
    }
    LstmWeights changed = weights.withMemoryGateBias(top, bias);
    double[][][] x = inputs(v, 2, 10, v.seed() + 41);
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(changed)) {
      assertEquals(target.representable(weights), model.weights(), "weights() reads back");
      model.forward(x); // the change must reach a model that has already run
      model.setMemoryGateBias(top, bias);
      target
          .agreement()
          .assertClose("memoryGateBias", changed.memoryGateBias(top), model.memoryGateBias(top));
      target
          .agreement()
          .assertClose(reference.forward(x, null, ALL_TRACES), model.forward(x, null, ALL_TRACES));
    }
  }

  /**
   * The closed form of {@link ClosedFormGru}, checked against the formula rather than the
   * reference: the update gate's bias sets the memory time exactly as the forget gate's does,
   * {@code h[t0+j] = sigmoid(b_z)^j (1 - sigmoid(b_z)) tanh(w s)}; the memory gates traced are
   * {@code sigmoid(b_z)}; the reset gate's bias has no effect.
   */
  @Test
  void closedFormGruImpulseResponse() {
    int steps = 40;
    int t0 = 5;
    double shock = 0.8;
    ClosedFormGru gru =
        new ClosedFormGru(
            new double[] {1.0, -0.5, 2.0, 0.3},
            new double[] {0.0, 1.0, 2.0, Math.log(99)},
            new double[] {0.5, -1.0, 3.0, 2.0});
    if (!target.implementsOrRefuses(gru.weights(), null)) {
      return;
    }
    try (LstmModel model = target.create(gru.weights())) {
      ForwardResult r =
          model.forward(ClosedFormLayer.shockedInput(steps, t0, shock), null, ALL_TRACES);
      for (int t = 0; t < steps; t++) {
        for (int k = 0; k < 4; k++) {
          String at = "[" + t + "][" + k + "]";
          target
              .agreement()
              .assertClose("h" + at, gru.hidden(k, t, t0, shock), r.hidden()[0][t][k]);
          target
              .agreement()
              .assertClose(
                  "memory trace" + at, gru.hidden(k, t, t0, shock), r.cellStates().get()[0][t][k]);
          target
              .agreement()
              .assertClose("z" + at, gru.updateGate(k), r.forgetGates().get()[0][0][t][k]);
        }
      }
    }
  }
}
