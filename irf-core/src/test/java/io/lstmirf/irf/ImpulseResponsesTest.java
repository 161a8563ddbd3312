package io.lstmirf.irf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.backend.reference.ReferenceBackend;
import io.lstmirf.irf.metrics.ResponseMetrics;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.ClosedFormLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Conditional and batched IRFs on the reference backend, the oracle. */
class ImpulseResponsesTest {
  private static final double LN99 = Math.log(99);

  /** b_f = 0, 1, 2, ln 99: forget gates 0.5, 0.731, 0.881, 0.99. */
  private static final ClosedFormLayer CLOSED_FORM =
      ClosedFormLayer.ofForgetBiases(0.8, 0.3, new double[] {0, 1, 2, LN99}, -0.2);

  private static final int HORIZON = 100;
  private static final Shock SHOCK = new Shock(5, 0, 1.5);

  private static LstmModel reference(io.lstmirf.api.LstmWeights weights) {
    return new ReferenceBackend().create(weights);
  }

  @ParameterizedTest
  @EnumSource(IrfMode.class)
  void closedFormIsReproducedInBothModes(IrfMode mode) {
    try (LstmModel model = reference(CLOSED_FORM.weights())) {
      ImpulseResponse r =
          new ImpulseResponses(model).compute(Baseline.zeros(), SHOCK, HORIZON, mode);
      assertEquals(SHOCK, r.shock());
      assertEquals(HORIZON, r.horizon());
      Agreement.absolute(1e-9)
          .assertClose("response", CLOSED_FORM.hiddenResponse(1.5, HORIZON), r.response());
      Agreement.absolute(1e-9)
          .assertClose("cell response", CLOSED_FORM.cellResponse(1.5, HORIZON), r.cellResponse());
    }
  }

  @ParameterizedTest
  @EnumSource(IrfMode.class)
  void halfLivesAreExactIntegers(IrfMode mode) {
    try (LstmModel model = reference(CLOSED_FORM.weights())) {
      ImpulseResponse r =
          new ImpulseResponses(model).compute(Baseline.zeros(), SHOCK, HORIZON, mode);
      // first j with f^j < 1/2, strictly: f = 0.5 gives 2 (0.5^1 is not below 0.5), then
      // 1 + floor(ln 0.5 / ln f) = 3, 6, 69 for ln 0.5 / ln f = 2.21, 5.46, 68.97
      assertEquals(
          List.of(OptionalInt.of(2), OptionalInt.of(3), OptionalInt.of(6), OptionalInt.of(69)),
          r.cellMetrics().stream().map(ResponseMetrics::halfLife).toList());
      // h = sigmoid(b_o) tanh(c) is concave in c, so its half-life can only be longer; these
      // integers come from the closed form (numpy, the same strict inequality)
      assertEquals(
          List.of(OptionalInt.of(2), OptionalInt.of(3), OptionalInt.of(6), OptionalInt.of(75)),
          r.metrics().stream().map(ResponseMetrics::halfLife).toList());
    }
  }

  @Test
  void halfLifeGrowsWithTheForgetBiasSetOnTheLiveModel() {
    ClosedFormLayer oneUnit = ClosedFormLayer.ofForgetBiases(0.8, 0.3, new double[] {0}, -0.2);
    double[] biases = {0, 1, 2, LN99};
    int[] expected = {2, 3, 6, 69};
    try (LstmModel model = reference(oneUnit.weights())) {
      ImpulseResponses irf = new ImpulseResponses(model);
      int previous = 0;
      for (int i = 0; i < biases.length; i++) {
        model.setForgetBias(biases[i]);
        ImpulseResponse r = irf.compute(Baseline.zeros(), SHOCK, HORIZON, IrfMode.SEQUENCE);
        int halfLife = r.cellMetrics().get(0).halfLife().getAsInt();
        assertEquals(expected[i], halfLife, "b_f = " + biases[i]);
        assertTrue(halfLife > previous);
        previous = halfLife;
        // the measured integer is the first lag past the theoretical half-life ln 0.5 / ln f
        double theory = LayerForgetGates.halfLife(ClosedFormLayer.sigmoid(biases[i]));
        assertEquals((int) Math.floor(theory) + 1, halfLife);
      }
    }
  }

  @Test
  void sequenceAndStepAgreeOnAStackedModelWithAHeadFromAWindow() {
    LstmSpec spec = LstmSpec.withHead(3, 6, 2, 2);
    double[][] window = randomWindow(40, 3, 7);
    LstmState start = randomState(spec, 8);
    List<Shock> shocks =
        List.of(
            new Shock(4, 0, 1.0),
            new Shock(10, 2, -0.7),
            new Shock(0, 1, 2.5),
            new Shock(4, 0, -1.0));
    try (LstmModel model = reference(Initializer.xavier(spec, 1.0, 42))) {
      ImpulseResponses irf = new ImpulseResponses(model);
      Baseline baseline = Baseline.window(window, start);
      List<ImpulseResponse> seq = irf.computeAll(baseline, shocks, 25, IrfMode.SEQUENCE);
      List<ImpulseResponse> step = irf.computeAll(baseline, shocks, 25, IrfMode.STEP);
      for (int k = 0; k < shocks.size(); k++) {
        assertEquals(2, seq.get(k).responseChannels());
        assertEquals(6, seq.get(k).cellResponse()[0].length);
        Agreement.absolute(1e-12)
            .assertClose(
                "step vs sequence response", seq.get(k).response(), step.get(k).response());
        Agreement.absolute(1e-12)
            .assertClose(
                "step vs sequence cell response",
                seq.get(k).cellResponse(),
                step.get(k).cellResponse());
        assertTrue(maxAbs(seq.get(k).response()) > 1e-3, "the shock must move the output");
      }
    }
  }

  @Test
  void batchedEqualsOneAtATimeAndChunkingChangesNothing() {
    LstmSpec spec = LstmSpec.of(2, 5, 1);
    List<Shock> shocks = new ArrayList<>();
    for (int t : new int[] {0, 3, 9}) {
      for (int ch = 0; ch < 2; ch++) {
        for (double size : new double[] {0.5, -0.5, 2.0}) {
          shocks.add(new Shock(t, ch, size));
        }
      }
    }
    Baseline baseline = Baseline.window(randomWindow(30, 2, 3));
    try (LstmModel model = reference(Initializer.xavier(spec, 1.0, 5))) {
      List<ImpulseResponse> batched =
          new ImpulseResponses(model).computeAll(baseline, shocks, 20, IrfMode.SEQUENCE);
      List<ImpulseResponse> chunked =
          new ImpulseResponses(model, 3).computeAll(baseline, shocks, 20, IrfMode.SEQUENCE);
      assertEquals(shocks.size(), batched.size());
      for (int k = 0; k < shocks.size(); k++) {
        ImpulseResponse alone =
            new ImpulseResponses(model).compute(baseline, shocks.get(k), 20, IrfMode.SEQUENCE);
        assertEquals(shocks.get(k), batched.get(k).shock());
        Agreement oneAtATime = Agreement.absolute(1e-13);
        oneAtATime.assertClose("batched response", alone.response(), batched.get(k).response());
        oneAtATime.assertClose(
            "batched cell response", alone.cellResponse(), batched.get(k).cellResponse());
        oneAtATime.assertClose("chunked response", alone.response(), chunked.get(k).response());
      }
    }
  }

  @Test
  void aLongerWindowOnlyItsPrefixMatters() {
    LstmSpec spec = LstmSpec.of(1, 3, 1);
    double[][] window = randomWindow(50, 1, 11);
    double[][] prefix = java.util.Arrays.copyOf(window, 2 + 10);
    try (LstmModel model = reference(Initializer.xavier(spec, 0.5, 2))) {
      ImpulseResponses irf = new ImpulseResponses(model);
      Shock s = new Shock(2, 0, 1);
      assertArrayEquals(
          irf.compute(Baseline.window(prefix), s, 10, IrfMode.SEQUENCE).response(),
          irf.compute(Baseline.window(window), s, 10, IrfMode.SEQUENCE).response());
    }
  }

  @Test
  void rejectsWhatCannotBeComputedWithMessagesThatSayWhy() {
    try (LstmModel model = reference(CLOSED_FORM.weights())) {
      ImpulseResponses irf = new ImpulseResponses(model);
      InvalidInputException tooShort =
          assertThrows(
              InvalidInputException.class,
              () ->
                  irf.compute(
                      Baseline.window(new double[10][1]), new Shock(5, 0, 1), 8, IrfMode.SEQUENCE));
      assertTrue(tooShort.getMessage().contains("needs 13"), tooShort.getMessage());
      InvalidInputException channel =
          assertThrows(
              InvalidInputException.class,
              () -> irf.compute(Baseline.zeros(), new Shock(0, 1, 1), 8, IrfMode.STEP));
      assertTrue(channel.getMessage().contains("channel 1"), channel.getMessage());
      assertThrows(
          InvalidInputException.class,
          () -> irf.compute(Baseline.zeros(), SHOCK, 0, IrfMode.SEQUENCE));
      assertThrows(
          InvalidInputException.class,
          () -> irf.computeAll(Baseline.zeros(), List.of(), 5, IrfMode.SEQUENCE));
      assertThrows(
          InvalidInputException.class,
          () -> irf.compute(Baseline.window(new double[20][2]), SHOCK, 5, IrfMode.SEQUENCE));
      assertThrows(InvalidInputException.class, () -> new ImpulseResponses(model, 1));
      assertThrows(InvalidInputException.class, () -> new Shock(-1, 0, 1));
      assertThrows(InvalidInputException.class, () -> new Shock(0, 0, Double.NaN));
      assertThrows(InvalidInputException.class, () -> IrfMode.parse("batch"));
      assertEquals(IrfMode.STEP, IrfMode.parse(" Step "));
    }
  }

  static double[][] randomWindow(int steps, int inputs, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[steps][inputs];
    for (double[] row : x) {
      for (int i = 0; i < inputs; i++) {
        row[i] = random.nextGaussian();
      }
    }
    return x;
  }

  private static LstmState randomState(LstmSpec spec, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][][] h = new double[spec.numLayers()][1][spec.hiddenSize()];
    double[][][] c = new double[spec.numLayers()][1][spec.hiddenSize()];
    for (int l = 0; l < spec.numLayers(); l++) {
      for (int k = 0; k < spec.hiddenSize(); k++) {
        h[l][0][k] = random.nextDouble(-0.5, 0.5);
        c[l][0][k] = random.nextDouble(-1, 1);
      }
    }
    return new LstmState(h, c);
  }

  private static double maxAbs(double[][] a) {
    double m = 0;
    for (double[] row : a) {
      for (double v : row) {
        m = Math.max(m, Math.abs(v));
      }
    }
    return m;
  }
}
