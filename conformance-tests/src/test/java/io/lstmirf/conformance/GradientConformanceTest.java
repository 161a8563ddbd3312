package io.lstmirf.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loss and gradients agree with the reference's BPTT. Each gradient tensor is compared relative to
 * its own largest reference entry ({@link io.lstmirf.testing.Agreement#assertGradientsClose}). The
 * bias entry is the gradient of the single canonical bias: an engine that splits it in two
 * (PyTorch's {@code b_ih + b_hh}) reports one of the two equal halves' gradient, not their sum.
 */
@ForEachBackend
class GradientConformanceTest {
  private static final int BATCH = 3;
  private static final int STEPS = 8;

  private final ConformanceTarget target;

  GradientConformanceTest(ConformanceTarget target) {
    this.target = target;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(LstmSpec.withHead(3, 5, 2, 2), LossTarget.LAST_STEP),
        Arguments.of(LstmSpec.withHead(3, 5, 2, 2), LossTarget.EVERY_STEP),
        Arguments.of(LstmSpec.of(3, 5, 2), LossTarget.LAST_STEP),
        Arguments.of(LstmSpec.of(3, 5, 2), LossTarget.EVERY_STEP),
        Arguments.of(LstmSpec.of(2, 3, 1), LossTarget.EVERY_STEP),
        Arguments.of(LstmSpec.withHead(1, 6, 1, 1), LossTarget.LAST_STEP));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void gradientsMatchTheReference(LstmSpec spec, LossTarget loss) {
    long seed = 500 + 7L * spec.numLayers() + 3L * spec.responseSize() + loss.ordinal();
    target.assertGradientsMatchReference(
        RandomData.weights(spec, 0.7, seed),
        RandomData.uniform(BATCH, STEPS, spec.inputSize(), 1.0, seed + 1),
        RandomData.uniform(BATCH, loss.targetSteps(STEPS), spec.responseSize(), 0.8, seed + 2),
        loss);
  }

  @Test
  void gradientsUseTheLiveForgetBiasAndLeaveTheModelAlone() {
    LstmSpec spec = LstmSpec.withHead(2, 4, 2, 1);
    LstmWeights weights = RandomData.weights(spec, 0.7, 551);
    double[] bias = {1.0, 2.0, -0.5, Math.log(99)};
    double[][][] inputs = RandomData.uniform(BATCH, STEPS, 2, 1.0, 552);
    double[][][] targets = RandomData.uniform(BATCH, 1, 1, 0.8, 553);
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(weights.withForgetBias(1, bias))) {
      model.setForgetBias(1, bias);
      LstmWeights before = model.weights();
      GradientResult actual = model.gradients(inputs, targets, LossTarget.LAST_STEP);
      GradientResult expected = reference.gradients(inputs, targets, LossTarget.LAST_STEP);
      target.agreement().assertClose("loss", expected.loss(), actual.loss());
      target
          .agreement()
          .assertGradientsClose("gradients", expected.gradients(), actual.gradients());
      assertEquals(before, model.weights(), "gradients() does not change the weights");
    }
  }

  @Test
  void gradientsAreRepeatable() {
    LstmSpec spec = LstmSpec.withHead(2, 4, 1, 1);
    double[][][] inputs = RandomData.uniform(BATCH, STEPS, 2, 1.0, 562);
    double[][][] targets = RandomData.uniform(BATCH, STEPS, 1, 0.8, 563);
    try (LstmModel model = target.create(RandomData.weights(spec, 0.7, 561))) {
      GradientResult first = model.gradients(inputs, targets, LossTarget.EVERY_STEP);
      GradientResult second = model.gradients(inputs, targets, LossTarget.EVERY_STEP);
      assertEquals(first.loss(), second.loss(), 0);
      assertEquals(first.gradients(), second.gradients(), "the same call gives the same bits");
    }
  }
}
