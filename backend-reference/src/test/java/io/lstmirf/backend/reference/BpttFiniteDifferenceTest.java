package io.lstmirf.backend.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.testing.CentralDifference;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BPTT against central finite differences of the loss, entry by entry, for every parameter of
 * several architectures. The loss being differenced ({@link ReferenceOracle#loss}) is computed from
 * the public forward pass, not by {@link ReferenceBptt}.
 */
class BpttFiniteDifferenceTest {
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
    LstmWeights weights = RandomData.weights(spec, 0.6, seed);
    double[][][] inputs = RandomData.uniform(batch, steps, spec.inputSize(), 1.0, seed + 1);
    double[][][] targets =
        RandomData.uniform(batch, loss.targetSteps(steps), spec.responseSize(), 0.8, seed + 2);
    GradientResult result;
    try (LstmModel model = ReferenceUnderTest.model(weights)) {
      result = model.gradients(inputs, targets, loss);
    }
    assertEquals(
        ReferenceOracle.loss(weights, inputs, targets, loss), result.loss(), 1e-15, "loss");

    // Two-point differences with h = 1e-5 err by O(h^2) plus rounding of ~1e-16 / h: about 1e-11
    // on these cases (gradients of order 1e-3 to 1); a wrong term is off by far more.
    double[][] numeric =
        ReferenceParameters.of(
                ReferenceOracle.gradients(
                    weights, inputs, targets, loss, CentralDifference.TWO_POINT))
            .tensors();
    double[][] analytic = ReferenceParameters.of(result.gradients()).tensors();
    for (int n = 0; n < analytic.length; n++) {
      for (int k = 0; k < analytic[n].length; k++) {
        assertEquals(
            numeric[n][k],
            analytic[n][k],
            1e-9,
            "tensor " + n + " entry " + k + ": BPTT vs finite difference");
      }
    }
  }
}
