package io.lstmirf.backend.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.train.Dropout;
import io.lstmirf.api.train.DropoutMasks;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.CentralDifference;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.WeightTensors;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written backpropagation of every variant against central finite differences of the loss,
 * entry by entry, for every parameter: peepholes, GRUs (with their recurrent bias), bidirectional
 * layers, mixed stacks, and each of them with dropout masks. Without dropout the loss differenced
 * is the public forward pass's ({@link ReferenceOracle#loss}); with dropout it is {@link
 * ReferenceBptt#loss} under the same masks, the forward pass alone.
 */
class VariantBpttFiniteDifferenceTest {
  private static final LayerKind PEEPHOLE = LayerKind.LSTM.withPeepholes();

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("lstm+peepholes", LstmSpec.withHead(2, 3, 2, 1).withKind(PEEPHOLE)),
        Arguments.of("gru", LstmSpec.withHead(2, 3, 2, 2).withKind(LayerKind.GRU)),
        Arguments.of("gru without head", LstmSpec.of(3, 2, 1).withKind(LayerKind.GRU)),
        Arguments.of(
            "bidirectional lstm",
            LstmSpec.withHead(2, 3, 2, 1).withKind(LayerKind.LSTM.bidirectional())),
        Arguments.of(
            "bidirectional gru without head",
            LstmSpec.of(2, 2, 2).withKind(LayerKind.GRU.bidirectional())),
        Arguments.of(
            "bidirectional gru under lstm+peepholes",
            LstmSpec.withHead(2, 3, 2, 1)
                .withLayerKinds(List.of(LayerKind.GRU.bidirectional(), PEEPHOLE))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientsMatchCentralDifferences(String name, LstmSpec spec) {
    long seed = 77L + name.hashCode();
    LstmWeights weights = RandomData.weights(spec, 0.6, seed);
    double[][][] inputs = RandomData.uniform(2, 5, spec.inputSize(), 1.0, seed + 1);
    double[][][] targets = RandomData.uniform(2, 5, spec.responseSize(), 0.8, seed + 2);
    GradientResult result;
    try (LstmModel model = ReferenceUnderTest.model(weights)) {
      result = model.gradients(inputs, targets, LossTarget.EVERY_STEP);
    }
    assertEquals(
        ReferenceOracle.loss(weights, inputs, targets, LossTarget.EVERY_STEP),
        result.loss(),
        1e-15,
        "loss");
    assertMatches(
        ReferenceOracle.gradients(
            weights, inputs, targets, LossTarget.EVERY_STEP, CentralDifference.TWO_POINT),
        result.gradients());
  }

  @ParameterizedTest(name = "{0} with dropout")
  @MethodSource("cases")
  void gradientsWithDropoutMatchCentralDifferences(String name, LstmSpec spec) {
    long seed = 177L + name.hashCode();
    LstmWeights weights = RandomData.weights(spec, 0.6, seed);
    double[][][] inputs = RandomData.uniform(3, 4, spec.inputSize(), 1.0, seed + 1);
    double[][][] targets = RandomData.uniform(3, 1, spec.responseSize(), 0.8, seed + 2);
    DropoutMasks masks = new Dropout(0.3, 0.4, seed).masks(spec, 3, 5);
    ReferenceParameters gradients = ReferenceParameters.zeros(spec);
    double loss =
        new ReferenceBptt(ReferenceParameters.of(weights))
            .lossAndGradients(inputs, targets, LossTarget.LAST_STEP, masks, gradients);
    assertEquals(maskedLoss(weights, inputs, targets, masks), loss, 1e-15, "loss");
    double[] w = WeightTensors.flatten(weights);
    double[] numeric = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      int at = i;
      numeric[i] =
          CentralDifference.TWO_POINT.derivative(
              v -> {
                double[] moved = w.clone();
                moved[at] = v;
                return maskedLoss(WeightTensors.unflatten(spec, moved), inputs, targets, masks);
              },
              w[i]);
    }
    assertMatches(WeightTensors.unflatten(spec, numeric), gradients.toWeights());
  }

  private static double maskedLoss(
      LstmWeights weights, double[][][] inputs, double[][][] targets, DropoutMasks masks) {
    return new ReferenceBptt(ReferenceParameters.of(weights))
        .loss(inputs, targets, LossTarget.LAST_STEP, masks);
  }

  /**
   * Two-point differences with h = 1e-5 err by O(h^2) plus rounding of ~1e-16 / h: about 1e-11 on
   * these cases; a wrong term is off by far more.
   */
  private static void assertMatches(LstmWeights numeric, LstmWeights analytic) {
    Agreement.absolute(1e-9).assertClose("BPTT vs finite differences", numeric, analytic);
  }
}
