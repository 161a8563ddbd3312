package io.lstmirf.testing;

import static io.lstmirf.testing.CloseAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.Availability;
import io.lstmirf.api.Capabilities;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** {@link CloseAssertions} and {@link Engines}: they pass what they should and fail the rest. */
class AssertionsTest {

  @Test
  void arraysWithinTheToleranceAreClose() {
    double[][][] x = RandomData.uniform(2, 3, 2, 1.0, 1);
    double[][][] y = RandomData.uniform(2, 3, 2, 1.0, 1);
    y[1][2][1] += 1e-6;
    assertClose(x, y, 2e-6, "x");
    assertThrows(AssertionFailedError.class, () -> assertClose(x, y, 5e-7, "x"));
    y[0][0][0] = Double.NaN;
    assertThrows(AssertionFailedError.class, () -> assertClose(x, y, 1, "x"));
    assertThrows(AssertionFailedError.class,
        () -> assertClose(x, RandomData.uniform(2, 3, 3, 1.0, 1), 1, "x"));
    assertThrows(AssertionFailedError.class,
        () -> assertClose(x[0], new double[][] {x[0][0], x[0][1]}, 1, "x"));
  }

  @Test
  void statesAndWeightsAreComparedWhole() {
    LstmSpec spec = LstmSpec.withHead(2, 3, 2, 1);
    LstmState s = RandomData.state(spec, 2, 1.0, 3);
    assertClose(s, s, 0, "state");
    assertThrows(AssertionFailedError.class,
        () -> assertClose(s, RandomData.state(spec, 2, 1.0, 4), 1e-3, "state"));
    LstmWeights w = RandomData.weights(spec, 1.0, 5);
    assertClose(w, WeightTensors.roundedToFloat(w), 1e-7, "weights");
    assertThrows(AssertionFailedError.class,
        () -> assertClose(w, RandomData.weights(LstmSpec.of(2, 3, 2), 1.0, 5), 1, "weights"));
  }

  @Test
  void anUnavailableEngineFailsWithItsReason() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> Engines.requireAvailable(new Unloadable()));
    assertTrue(e.getMessage().contains("'unloadable'")
        && e.getMessage().contains("no natives here"), e.getMessage());
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
