package io.lstmirf.backend.dl4j;

import static io.lstmirf.backend.dl4j.Oracle.assertClose;
import static io.lstmirf.backend.dl4j.Oracle.dl4j;
import static io.lstmirf.backend.dl4j.Oracle.random;
import static io.lstmirf.backend.dl4j.Oracle.randomWeights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DL4J's gradients (its own backpropagation through time, scaled to the canonical mean) against
 * finite differences of the reference backend's loss.
 */
class Dl4jGradientTest {

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (Precision p : Precision.values()) {
      for (LossTarget loss : LossTarget.values()) {
        cases.add(Arguments.of(p, loss, LstmSpec.withHead(2, 3, 2, 2)));
        cases.add(Arguments.of(p, loss, LstmSpec.of(2, 3, 1)));
        cases.add(Arguments.of(p, loss, LstmSpec.withHead(1, 1, 2, 1)));
      }
    }
    return cases.build();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void gradientsMatchFiniteDifferencesOfTheReference(Precision precision, LossTarget loss,
      LstmSpec spec) {
    LstmWeights w = randomWeights(spec, 0.7, 5);
    double[][][] x = random(3, 5, spec.inputSize(), 1.2, 6);
    double[][][] y = random(3, loss.targetSteps(5), spec.responseSize(), 0.8, 7);
    LstmWeights expected = Oracle.numericGradients(w, x, y, loss);
    double expectedLoss = Oracle.loss(w, x, y, loss);
    try (LstmModel m = dl4j(w, precision)) {
      GradientResult g = m.gradients(x, y, loss);
      double tol = Oracle.tolerance(precision);
      assertClose(expectedLoss, g.loss(), tol, "loss");
      assertClose(expected, g.gradients(), tol, "gradients, " + loss + ", " + spec);
      // taking gradients changes nothing
      assertEquals(m.weights(), dl4jRoundTrip(w, precision));
      GradientResult again = m.gradients(x, y, loss);
      assertEquals(g.loss(), again.loss());
      assertClose(g.gradients(), again.gradients(), 0, "repeatable");
    }
  }

  @Test
  void gradientsSeeTheLiveForgetBias() {
    LstmSpec spec = LstmSpec.withHead(1, 4, 1, 1);
    LstmWeights w = randomWeights(spec, 0.5, 15);
    double[][][] x = random(2, 6, 1, 1, 16);
    double[][][] y = random(2, 1, 1, 1, 17);
    try (LstmModel m = dl4j(w, Precision.FLOAT64)) {
      m.setForgetBias(2.5);
      LstmWeights changed = w.withForgetBias(2.5);
      assertClose(Oracle.numericGradients(changed, x, y, LossTarget.LAST_STEP),
          m.gradients(x, y, LossTarget.LAST_STEP).gradients(), 1e-10, "after setForgetBias");
    }
  }

  @Test
  void rejectsTargetsOfTheWrongShape() {
    LstmSpec spec = LstmSpec.withHead(1, 2, 1, 3);
    try (LstmModel m = dl4j(randomWeights(spec, 0.5, 25), Precision.FLOAT32)) {
      double[][][] x = new double[2][4][1];
      InvalidInputException every = assertThrows(InvalidInputException.class,
          () -> m.gradients(x, new double[2][1][3], LossTarget.EVERY_STEP));
      assertTrue(every.getMessage().contains("[2][4][3]"), every.getMessage());
      assertThrows(InvalidInputException.class,
          () -> m.gradients(x, new double[2][1][2], LossTarget.LAST_STEP));
      double[][][] nan = new double[2][1][3];
      nan[1][0][2] = Double.NaN;
      assertThrows(InvalidInputException.class, () -> m.gradients(x, nan, LossTarget.LAST_STEP));
    }
  }

  private static LstmWeights dl4jRoundTrip(LstmWeights w, Precision precision) {
    return precision == Precision.FLOAT64 ? w : Oracle.map(w, (v, set) -> (float) v);
  }
}
