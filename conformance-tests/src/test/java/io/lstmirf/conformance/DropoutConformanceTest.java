package io.lstmirf.conformance;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.train.Dropout;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Training with dropout against the reference, on the canonical LSTM and every {@link Variant}:
 * from identical weights on identical batches, with the masks the api draws for every backend alike
 * ({@link Dropout}), SGD steps give the reference's losses and weights; and dropout is off outside
 * training steps. On a backend that does not declare dropout (or a variant), each test checks the
 * api's refusal instead ({@link ConformanceTarget#implementsOrRefuses}).
 */
@ForEachBackend
class DropoutConformanceTest {
  private static final int BATCH = 4;
  private static final int STEPS = 6;

  private final ConformanceTarget target;

  DropoutConformanceTest(ConformanceTarget target) {
    this.target = target;
  }

  /** Three SGD steps with {@code dropout}, every-step loss, on fresh batches. */
  private void assertSgdWithDropoutMatches(LstmSpec spec, Dropout dropout, long seed) {
    LstmWeights weights = RandomData.weights(spec, 0.7, seed);
    double[][][][] xs = new double[3][][][];
    double[][][][] ys = new double[3][][][];
    for (int s = 0; s < 3; s++) {
      xs[s] = RandomData.uniform(BATCH, STEPS, spec.inputSize(), 1.0, seed + 1 + 2 * s);
      ys[s] = RandomData.uniform(BATCH, STEPS, spec.responseSize(), 0.8, seed + 2 + 2 * s);
    }
    TrainerConfig config =
        TrainerConfig.of(new Optimizer.Sgd(0.5), LossTarget.EVERY_STEP).withDropout(dropout);
    if (target.implementsOrRefuses(weights, config)) {
      target.assertTrainsLikeTheReference(weights, config, xs, ys);
    }
  }

  @Test
  void inputDropoutOnTheCanonicalLstm() {
    assertSgdWithDropoutMatches(LstmSpec.withHead(3, 5, 2, 1), new Dropout(0.3, 0, 71), 1100);
  }

  @Test
  void recurrentDropoutOnTheCanonicalLstm() {
    assertSgdWithDropoutMatches(LstmSpec.withHead(3, 5, 2, 1), new Dropout(0, 0.4, 72), 1110);
  }

  @Test
  void bothDropoutsOnTheCanonicalLstmWithoutHead() {
    assertSgdWithDropoutMatches(LstmSpec.of(2, 4, 2), new Dropout(0.25, 0.25, 73), 1120);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lstmirf.conformance.Variant#all")
  void bothDropoutsOnEveryVariant(Variant v) {
    assertSgdWithDropoutMatches(v.spec(), new Dropout(0.25, 0.3, v.seed()), v.seed() + 50);
  }

  /**
   * Dropout acts in training steps only: a trainer's {@code loss} is the reference's loss without
   * dropout, and so is the loss of {@code gradients()} on the same model.
   */
  @Test
  void lossOutsideTrainingStepsDropsNothing() {
    LstmSpec spec = LstmSpec.withHead(2, 4, 1, 1);
    LstmWeights weights = RandomData.weights(spec, 0.7, 1130);
    double[][][] x = RandomData.uniform(BATCH, STEPS, 2, 1.0, 1131);
    double[][][] y = RandomData.uniform(BATCH, 1, 1, 0.8, 1132);
    TrainerConfig config =
        TrainerConfig.of(new Optimizer.Sgd(0.1), LossTarget.LAST_STEP)
            .withDropout(new Dropout(0.5, 0.5, 74));
    if (!target.implementsOrRefuses(weights, config)) {
      return;
    }
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(weights);
        LstmTrainer trainer = model.openTrainer(config)) {
      double expected = reference.gradients(x, y, LossTarget.LAST_STEP).loss();
      target.agreement().assertClose("trainer.loss", expected, trainer.loss(x, y));
      target
          .agreement()
          .assertClose(
              "gradients().loss", expected, model.gradients(x, y, LossTarget.LAST_STEP).loss());
    }
  }
}
