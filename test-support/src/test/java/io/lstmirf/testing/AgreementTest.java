package io.lstmirf.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.Availability;
import io.lstmirf.api.Capabilities;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.check.Tolerance;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** {@link Agreement} and {@link Engines}: they pass what they should and fail the rest. */
class AgreementTest {

  @Test
  void theToleranceRuleIsAbsoluteNearOneAndRelativeBeyond() {
    Agreement f32 = Agreement.of(Precision.FLOAT32);
    assertEquals(2e-5, f32.value());
    assertEquals(2e-5, f32.allowed(0.3));
    assertEquals(2e-4, f32.allowed(-10), 1e-20);
    assertTrue(f32.isClose(100, 100 + 1.9e-3));
    assertFalse(f32.isClose(100, 100 + 2.1e-3));
    assertEquals(1e-10, Agreement.of(Precision.FLOAT64).value());
    assertEquals(Tolerance.FLOAT64.value(), Agreement.of(Tolerance.FLOAT64).value());
  }

  @Test
  void anAbsoluteBoundIgnoresTheSizeOfTheValue() {
    Agreement bound = Agreement.absolute(1e-7);
    assertEquals(1e-7, bound.allowed(1e6));
    assertFalse(bound.isClose(1e6, 1e6 + 1e-6));
    assertFalse(bound.isClose(0, Double.NaN), "a NaN never agrees");
    assertThrows(IllegalArgumentException.class, () -> Agreement.absolute(0));
  }

  @Test
  void arraysWithinTheBoundAgree() {
    double[][][] x = RandomData.uniform(2, 3, 2, 1.0, 1);
    double[][][] y = RandomData.uniform(2, 3, 2, 1.0, 1);
    y[1][2][1] += 1e-6;
    Agreement.absolute(2e-6).assertClose("x", x, y);
    assertThrows(AssertionFailedError.class, () -> Agreement.absolute(5e-7).assertClose("x", x, y));
    y[0][0][0] = Double.NaN;
    assertThrows(AssertionFailedError.class, () -> Agreement.absolute(1).assertClose("x", x, y));
    assertThrows(
        AssertionFailedError.class,
        () -> Agreement.absolute(1).assertClose("x", x, RandomData.uniform(2, 3, 3, 1.0, 1)));
    assertThrows(
        AssertionFailedError.class,
        () -> Agreement.absolute(1).assertClose("x", x[0], new double[][] {x[0][0], x[0][1]}));
  }

  @Test
  void aFailureNamesTheWorstValueAndCountsTheOthers() {
    double[] expected = {0, 1, 100, 3};
    double[] actual = {0, 1 + 3e-5, 100 + 1e-3, 3 + 1e-4};
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class,
            () -> Agreement.of(Precision.FLOAT32).assertClose("v", expected, actual));
    // |diff| / allowed: 1.5 at [1], 0.5 at [2] (allowed 2e-3 there), 5 at [3]
    assertTrue(e.getMessage().startsWith("v[3]: "), e.getMessage());
    assertTrue(e.getMessage().contains("2 of 4 values out of tolerance 2.0E-5"), e.getMessage());
  }

  @Test
  void statesWeightsAndForwardResultsAreComparedWhole() {
    LstmSpec spec = LstmSpec.withHead(2, 3, 2, 1);
    LstmState s = RandomData.state(spec, 2, 1.0, 3);
    Agreement.absolute(1e-300).assertClose("state", s, s);
    assertThrows(
        AssertionFailedError.class,
        () -> Agreement.absolute(1e-3).assertClose("state", s, RandomData.state(spec, 2, 1.0, 4)));
    LstmWeights w = RandomData.weights(spec, 1.0, 5);
    Agreement.absolute(1e-7).assertClose("weights", w, WeightTensors.roundedToFloat(w));
    assertThrows(
        AssertionFailedError.class,
        () ->
            Agreement.absolute(1)
                .assertClose("weights", w, RandomData.weights(LstmSpec.of(2, 3, 2), 1.0, 5)));
    double[][][] h = RandomData.uniform(2, 4, 3, 1.0, 6);
    ForwardResult withHead = new ForwardResult(h, Optional.of(new double[2][4][1]), s);
    ForwardResult headless = new ForwardResult(h, Optional.empty(), s);
    Agreement.of(Precision.FLOAT64).assertClose(withHead, withHead);
    assertThrows(
        AssertionFailedError.class,
        () -> Agreement.of(Precision.FLOAT64).assertClose(withHead, headless));
  }

  @Test
  void gradientsAreHeldRelativeToEachTensorsLargestEntry() {
    LstmWeights g =
        WeightTensors.map(RandomData.weights(LstmSpec.of(1, 2, 1), 1.0, 7), v -> 10 * v);
    // 1e-5 of each entry: within every tensor's allowance, though beyond 2e-5 absolute
    LstmWeights near = WeightTensors.map(g, v -> v * (1 + 1e-5));
    assertTrue(g.maxAbsDifference(near) > 2e-5, "the case needs entries larger than 2");
    Agreement.of(Precision.FLOAT32).assertGradientsClose("g", g, near);
    LstmWeights far = WeightTensors.map(g, v -> v + 4e-5 * WeightTensors.maxAbs(g));
    assertThrows(
        AssertionFailedError.class,
        () -> Agreement.of(Precision.FLOAT32).assertGradientsClose("g", g, far));
  }

  @Test
  void anUnavailableEngineFailsWithItsReason() {
    AssertionFailedError e =
        assertThrows(AssertionFailedError.class, () -> Engines.requireAvailable(new Unloadable()));
    assertTrue(
        e.getMessage().contains("'unloadable'") && e.getMessage().contains("no natives here"),
        e.getMessage());
  }

  /** A backend whose engine never loads. */
  private static final class Unloadable implements LstmBackend {
    @Override
    public String name() {
      return "unloadable";
    }

    @Override
    public String description() {
      return "a backend for this test";
    }

    @Override
    public Availability availability() {
      return Availability.unavailable("no natives here");
    }

    @Override
    public Capabilities capabilities() {
      throw new UnsupportedOperationException();
    }

    @Override
    public LstmModel create(LstmWeights weights, ModelOptions options) {
      throw new UnsupportedOperationException();
    }
  }
}
