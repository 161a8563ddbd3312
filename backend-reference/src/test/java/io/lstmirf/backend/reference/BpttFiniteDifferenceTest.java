package io.lstmirf.backend.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BPTT against central finite differences of the loss, entry by entry, for every parameter of
 * several architectures. The loss being differenced is computed from the public forward pass,
 * not by {@link Bptt}.
 */
class BpttFiniteDifferenceTest {
  private static final double STEP = 1e-5;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(LstmSpec.of(1, 1, 1), LossTarget.LAST_STEP, 1, 4),
        Arguments.of(LstmSpec.of(2, 3, 1), LossTarget.EVERY_STEP, 2, 5),
        Arguments.of(LstmSpec.withHead(2, 5, 1, 1), LossTarget.LAST_STEP, 2, 7),
        Arguments.of(LstmSpec.withHead(3, 4, 2, 2), LossTarget.EVERY_STEP, 2, 5),
        Arguments.of(LstmSpec.withHead(3, 4, 2, 2), LossTarget.LAST_STEP, 3, 6),
        Arguments.of(LstmSpec.of(2, 3, 3), LossTarget.EVERY_STEP, 3, 4));
  }

  @ParameterizedTest(name = "{0} {1} B={2} T={3}")
  @MethodSource("cases")
  void gradientsMatchCentralDifferences(LstmSpec spec, LossTarget loss, int batch, int steps) {
    long seed = 31L * spec.hashCode() + loss.ordinal();
    LstmWeights weights = TestData.weights(spec, 0.6, seed);
    double[][][] inputs = TestData.uniform(batch, steps, spec.inputSize(), 1.0, seed + 1);
    double[][][] targets = TestData.uniform(batch, loss.targetSteps(steps), spec.responseSize(),
        0.8, seed + 2);
    GradientResult result;
    try (LstmModel model = TestData.model(weights)) {
      result = model.gradients(inputs, targets, loss);
    }
    assertEquals(TestData.mse(weights, inputs, targets, loss), result.loss(), 1e-15, "loss");

    double[][] analytic = Parameters.of(result.gradients()).tensors();
    for (int n = 0; n < analytic.length; n++) {
      for (int k = 0; k < analytic[n].length; k++) {
        double plus = TestData.mse(TestData.perturbed(weights, n, k, STEP), inputs, targets, loss);
        double minus = TestData.mse(TestData.perturbed(weights, n, k, -STEP), inputs, targets,
            loss);
        double numeric = (plus - minus) / (2 * STEP);
        // Central differences err by O(STEP^2) plus rounding of ~1e-16 / STEP: about 1e-11
        // on these cases (gradients of order 1e-3 to 1); a wrong term is off by far more.
        assertEquals(numeric, analytic[n][k], 1e-9, "tensor " + n + " entry " + k
            + ": BPTT vs finite difference");
      }
    }
  }
}
