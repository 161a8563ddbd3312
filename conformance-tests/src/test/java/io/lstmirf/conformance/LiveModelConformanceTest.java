package io.lstmirf.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import org.junit.jupiter.api.Test;

/** What a model reports about itself, its weights, and live forget-bias changes. */
@ForEachBackend
class LiveModelConformanceTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(3, 4, 2, 2);

  private final ConformanceTarget target;

  LiveModelConformanceTest(ConformanceTarget target) {
    this.target = target;
  }

  @Test
  void modelReportsItsBackendSpecAndOptions() {
    try (LstmModel model = target.create(RandomData.weights(SPEC, 0.5, 201))) {
      assertEquals(target.name(), model.backendName());
      assertEquals(SPEC, model.spec());
      assertEquals(target.options(), model.options());
    }
  }

  /**
   * {@code weights()} reads back what the engine holds: exactly the weights for float64, and
   * exactly the weights rounded to float for float32 (a layout conversion that reorders or
   * transposes wrongly cannot pass this, whatever the tolerance).
   */
  @Test
  void weightsRoundTrip() {
    for (LstmSpec spec : new LstmSpec[] {SPEC, LstmSpec.of(1, 3, 1), LstmSpec.of(2, 6, 3)}) {
      LstmWeights weights = RandomData.weights(spec, 1.3, 202);
      try (LstmModel model = target.create(weights)) {
        LstmWeights back = model.weights();
        LstmWeights expected = target.representable(weights);
        assertEquals(
            expected,
            back,
            () ->
                spec
                    + ": weights() differs from what was given by up"
                    + " to "
                    + expected.maxAbsDifference(back));
      }
    }
  }

  @Test
  void setForgetBiasEqualsAModelBuiltWithThatBias() {
    LstmWeights weights = RandomData.weights(SPEC, 0.8, 211);
    double[] newBias = {1.0, -2.0, Math.log(99), 0.25};
    LstmWeights expectedWeights = weights.withForgetBias(1, newBias);
    double[][][] inputs = RandomData.uniform(2, 25, 3, 1.0, 212);
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(expectedWeights)) {
      model.forward(inputs); // the change must reach a model that has already run
      model.setForgetBias(1, newBias);
      target.agreement().assertClose(reference.forward(inputs), model.forward(inputs));
      assertArrayEquals(
          target.representable(expectedWeights).forgetBias(1),
          model.forgetBias(1),
          "forgetBias(1) reads back the new bias");
      assertArrayEquals(
          target.representable(weights).forgetBias(0), model.forgetBias(0), "layer 0 is untouched");
      assertEquals(
          target.representable(expectedWeights),
          model.weights(),
          "only the forget-gate bias of layer 1 changed; every other weight and gate is as"
              + " before");
    }
  }

  @Test
  void setForgetBiasOnEveryLayerAndBack() {
    LstmWeights weights = RandomData.weights(SPEC, 0.8, 221);
    double[][][] inputs = RandomData.uniform(1, 20, 3, 1.0, 222);
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(weights.withForgetBias(2.5))) {
      model.setForgetBias(2.5);
      target.agreement().assertClose(reference.forward(inputs), model.forward(inputs));
      assertEquals(target.representable(weights.withForgetBias(2.5)), model.weights());
      model.setForgetBias(0, weights.forgetBias(0));
      model.setForgetBias(1, weights.forgetBias(1));
      assertEquals(target.representable(weights), model.weights(), "restored exactly");
    }
  }

  @Test
  void modelsOfOneBackendAreIndependent() {
    LstmWeights a = RandomData.weights(SPEC, 0.8, 231);
    LstmWeights b = RandomData.weights(SPEC, 0.8, 232);
    double[][][] inputs = RandomData.uniform(2, 10, 3, 1.0, 233);
    try (LstmModel first = target.create(a);
        LstmModel second = target.create(b);
        LstmModel refA = ReferenceOracle.model(a.withForgetBias(-1));
        LstmModel refB = ReferenceOracle.model(b)) {
      first.setForgetBias(-1);
      target.agreement().assertClose(refB.forward(inputs), second.forward(inputs));
      target.agreement().assertClose(refA.forward(inputs), first.forward(inputs));
    }
  }

  @Test
  void defaultPrecisionIsTheFirstListed() {
    target.requireAvailable();
    try (LstmModel model = target.backend().create(RandomData.weights(SPEC, 0.5, 241))) {
      assertEquals(
          ModelOptions.of(target.backend().capabilities().defaultPrecision()), model.options());
    }
  }
}
