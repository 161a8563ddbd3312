package io.lstmirf.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.StepResult;
import io.lstmirf.api.check.Tolerance;
import io.lstmirf.api.train.Dataset;
import io.lstmirf.api.train.EpochListener;
import io.lstmirf.api.train.EpochReport;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.api.train.Training;
import io.lstmirf.api.train.TrainingConfig;
import io.lstmirf.api.train.TrainingHistory;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.Slices;
import io.lstmirf.testing.UpdateRules;
import io.lstmirf.testing.WeightTensors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Optimiser steps in the engine's own machinery give the reference's weights: from identical
 * weights on identical batches, a few SGD steps, one Adam step, and clipped steps agree within the
 * target's tolerance; several Adam steps follow the documented rule; training reaches the live
 * model and its open sessions; and {@link Training#fit} with a fixed seed is repeatable bit for
 * bit.
 */
@ForEachBackend
class TrainingConformanceTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(2, 4, 2, 1);
  private static final int BATCH = 4;
  private static final int STEPS = 6;

  private final ConformanceTarget target;

  TrainingConformanceTest(ConformanceTarget target) {
    this.target = target;
  }

  private static double[][][] inputs(long seed) {
    return RandomData.uniform(BATCH, STEPS, SPEC.inputSize(), 1.0, seed);
  }

  private static double[][][] lastStepTargets(long seed) {
    return RandomData.uniform(BATCH, 1, 1, 0.8, seed);
  }

  @Test
  void sgdStepsMatchTheReference() {
    LstmWeights weights = RandomData.weights(SPEC, 0.7, 601);
    target.assertTrainsLikeTheReference(
        weights,
        TrainerConfig.of(new Optimizer.Sgd(0.5), LossTarget.LAST_STEP),
        new double[][][][] {inputs(602), inputs(603), inputs(604)},
        new double[][][][] {lastStepTargets(605), lastStepTargets(606), lastStepTargets(607)});
  }

  @Test
  void everyStepSgdWithoutHeadMatchesTheReference() {
    LstmSpec spec = LstmSpec.of(2, 3, 2);
    LstmWeights weights = RandomData.weights(spec, 0.7, 611);
    double[][][][] ys = {
      RandomData.uniform(BATCH, STEPS, 3, 0.5, 614), RandomData.uniform(BATCH, STEPS, 3, 0.5, 615)
    };
    target.assertTrainsLikeTheReference(
        weights,
        TrainerConfig.of(new Optimizer.Sgd(0.5), LossTarget.EVERY_STEP),
        new double[][][][] {inputs(612), inputs(613)},
        ys);
  }

  /**
   * One Adam step. Adam's first step is {@code lr g / (|g| + eps')} with {@code eps' = eps / sqrt(1
   * - b2)}: about {@code lr sign(g)}. A gradient error {@code d} changes it by at most {@code lr
   * eps' d / (|g| - d + eps')^2}: nothing when {@code |g| >> d}, but up to {@code 2 lr} (a flipped
   * sign) when {@code |g| <= d}, where no tolerance short of {@code 2 lr} could pass a correct
   * engine. Rather than loosen the tolerance, the case is chosen so that every component is far
   * from that cliff, and the test asserts it: with {@code d} the float32 gradient tolerance (and
   * the target's own), every reference component has {@code |g| > 2 d} and its worst-case
   * discrepancy is below a tenth of the weight tolerance. The weights are then compared with the
   * ordinary tolerance. (Seeds 721-723 were picked by that criterion from the seeds tried; their
   * worst component uses under 2% of the allowance. Adam is Keras' default, the original
   * experiment's: lr 1e-3, so a flipped sign would show as an error of 2e-3, a hundred times the
   * float32 tolerance.)
   */
  @Test
  void oneAdamStepMatchesTheReference() {
    LstmWeights weights = RandomData.weights(SPEC, 0.7, 721);
    double[][][] x = inputs(722);
    double[][][] y = lastStepTargets(723);
    Optimizer.Adam adam = Optimizer.Adam.defaults();
    GradientResult reference;
    try (LstmModel oracle = ReferenceOracle.model(weights)) {
      reference = oracle.gradients(x, y, LossTarget.LAST_STEP);
    }
    for (Tolerance tolerance : List.of(Tolerance.FLOAT32, target.tolerance())) {
      assertWellConditionedForAdam(tolerance, adam, weights, reference.gradients());
    }
    target.assertTrainsLikeTheReference(
        weights,
        TrainerConfig.of(adam, LossTarget.LAST_STEP),
        new double[][][][] {x},
        new double[][][][] {y});
  }

  private static void assertWellConditionedForAdam(
      Tolerance tolerance, Optimizer.Adam adam, LstmWeights weights, LstmWeights gradients) {
    double epsPrime = adam.epsilon() / Math.sqrt(1 - adam.beta2());
    Map<String, double[]> w = WeightTensors.byName(weights);
    WeightTensors.byName(gradients)
        .forEach(
            (name, g) -> {
              double d = tolerance.value() * WeightTensors.maxAbs(g);
              for (int k = 0; k < g.length; k++) {
                double size = Math.abs(g[k]);
                double worst =
                    adam.learningRate() * epsPrime * d / Math.pow(size - d + epsPrime, 2);
                String at = name + "[" + k + "]";
                assertTrue(
                    size > 2 * d,
                    "ill-conditioned case: |g| of "
                        + at
                        + " = "
                        + size
                        + " is within the gradient tolerance "
                        + d
                        + "; choose another case");
                assertTrue(
                    worst <= tolerance.allowed(w.get(name)[k]) / 10,
                    "ill-conditioned case: "
                        + at
                        + " could move by "
                        + worst
                        + " under a gradient error of "
                        + d);
              }
            });
  }

  /**
   * Several Adam steps on changing batches follow the rule {@link Optimizer.Adam} documents: the
   * moments carried from step to step, the bias corrections of steps 1 to 3. The rule is applied to
   * the engine's own gradients (GradientConformanceTest holds those to the reference): Adam divides
   * by |g|, so where a model has near-zero gradients, float noise in g would otherwise decide the
   * direction of a whole step (see {@link #oneAdamStepMatchesTheReference}). The hyper-parameters
   * are away from the defaults, so each must be the one configured, with {@code (1 - b1) / sqrt(1 -
   * b2) = 1.41}, so that a missing bias correction moves the first step by 0.41 lr (1e-4, five
   * float32 tolerances); and they are floats, because DJL hands the engine floats: in float64 its
   * step size, rounded to float (relative 6e-8), is then off by about 2e-11 a step with lr = 2^-12,
   * well within 1e-10 over three steps.
   */
  @Test
  void severalAdamStepsFollowTheDocumentedRule() {
    Optimizer.Adam adam = new Optimizer.Adam(0x1p-12, 0.75, 1 - 0x1p-5, 0x1p-20);
    LstmWeights weights = RandomData.weights(SPEC, 0.7, 751);
    // The loss a trainer reports is what gradients() gives on the same engine at the same
    // weights: the same numbers, so to a few float32 ulps of a loss of order 1.
    Agreement sameEngine =
        target.precision() == Precision.FLOAT32 ? Agreement.absolute(1e-6) : target.agreement();
    try (LstmModel model = target.create(weights);
        LstmTrainer trainer = model.openTrainer(TrainerConfig.of(adam, LossTarget.EVERY_STEP))) {
      LstmWeights expected = target.representable(weights);
      UpdateRules.Adam rule = new UpdateRules.Adam(adam);
      for (int t = 1; t <= 3; t++) {
        double[][][] x = inputs(750 + 2 * t);
        double[][][] y = RandomData.uniform(BATCH, STEPS, 1, 0.8, 751 + 2 * t);
        GradientResult g = model.gradients(x, y, LossTarget.EVERY_STEP);
        sameEngine.assertClose("loss() before step " + t, g.loss(), trainer.loss(x, y));
        sameEngine.assertClose("loss returned by step " + t, g.loss(), trainer.step(x, y));
        expected = rule.step(expected, g.gradients());
        target.agreement().assertClose("weights after Adam step " + t, expected, model.weights());
      }
    }
  }

  /**
   * Training changes the live model: opening a trainer changes nothing, and after its steps the
   * model's forward passes, and a session opened before them, run the trained weights.
   */
  @Test
  void trainingReachesForwardPassesAndOpenSessions() {
    LstmWeights weights = RandomData.weights(SPEC, 0.7, 771);
    double[][][] x = inputs(772);
    double[][][] y = lastStepTargets(773);
    try (LstmModel model = target.create(weights);
        LstmSession session = model.openSession(BATCH);
        LstmTrainer trainer =
            model.openTrainer(
                TrainerConfig.of(Optimizer.Adam.withLearningRate(0.05), LossTarget.LAST_STEP))) {
      assertEquals(
          target.representable(weights), model.weights(), "opening a trainer changes nothing");
      for (int i = 0; i < 3; i++) {
        trainer.step(x, y);
      }
      LstmWeights trained = model.weights();
      assertNotEquals(target.representable(weights), trained, "training moved the weights");
      ForwardResult sequence = model.forward(x);
      try (LstmModel reference = ReferenceOracle.model(trained)) {
        target.agreement().assertClose("forward after training", reference.forward(x), sequence);
      }
      StepResult first = session.step(Slices.step(x, 0));
      for (int b = 0; b < BATCH; b++) {
        target
            .agreement()
            .assertClose(
                "first step of a session opened before training, row " + b,
                sequence.output().get()[b][0],
                first.output().get()[b]);
      }
    }
  }

  /** A clip norm above the gradients' norm leaves the step as plain SGD takes it. */
  @Test
  void aClipNormAboveTheGradientNormLeavesTheStepAlone() {
    LstmWeights weights = RandomData.weights(SPEC, 0.7, 781);
    double[][][] x = inputs(782);
    double[][][] y = lastStepTargets(783);
    LstmWeights g;
    try (LstmModel oracle = ReferenceOracle.model(weights)) {
      g = oracle.gradients(x, y, LossTarget.LAST_STEP).gradients();
    }
    double lr = 0.5;
    TrainerConfig loose =
        new TrainerConfig(new Optimizer.Sgd(lr), LossTarget.LAST_STEP, 4 * WeightTensors.norm(g));
    target.assertTrainsLikeTheReference(
        weights, loose, new double[][][][] {x}, new double[][][][] {y});
    try (LstmModel model = target.create(weights);
        LstmTrainer trainer = model.openTrainer(loose)) {
      trainer.step(x, y);
      target
          .agreement()
          .assertClose(
              "a step under the clip norm",
              UpdateRules.sgd(target.representable(weights), g, lr, 0),
              model.weights());
    }
  }

  @Test
  void clippedStepsMatchTheReference() {
    LstmWeights weights = RandomData.weights(SPEC, 0.7, 631);
    double[][][][] xs = {inputs(632), inputs(633)};
    double[][][][] ys = {lastStepTargets(634), lastStepTargets(635)};
    double norm;
    try (LstmModel oracle = ReferenceOracle.model(weights)) {
      norm = WeightTensors.norm(oracle.gradients(xs[0], ys[0], LossTarget.LAST_STEP).gradients());
    }
    double clip = norm / 5;
    target.assertTrainsLikeTheReference(
        weights, new TrainerConfig(new Optimizer.Sgd(1.0), LossTarget.LAST_STEP, clip), xs, ys);
    // and the clip really acted: the first step's length is lr * clipNorm
    try (LstmModel model = target.create(weights);
        LstmTrainer trainer =
            model.openTrainer(
                new TrainerConfig(new Optimizer.Sgd(1.0), LossTarget.LAST_STEP, clip))) {
      LstmWeights before = model.weights();
      trainer.step(xs[0], ys[0]);
      target
          .agreement()
          .assertClose("length of a clipped SGD step", clip, distance(before, model.weights()));
    }
  }

  @Test
  void lossOnlyMatchesAndChangesNothing() {
    LstmWeights weights = RandomData.weights(SPEC, 0.7, 641);
    double[][][] x = inputs(642);
    double[][][] y = lastStepTargets(643);
    TrainerConfig config = TrainerConfig.of(Optimizer.Adam.defaults(), LossTarget.LAST_STEP);
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(weights);
        LstmTrainer trainer = model.openTrainer(config);
        LstmTrainer oracle = reference.openTrainer(config)) {
      LstmWeights before = model.weights();
      target.agreement().assertClose("loss", oracle.loss(x, y), trainer.loss(x, y));
      assertEquals(before, model.weights(), "loss() does not train");
    }
  }

  /** The adaptive forget-bias rule changes the bias between steps; training must follow. */
  @Test
  void aForgetBiasChangedBetweenStepsIsTrainedFrom() {
    LstmWeights weights = RandomData.weights(SPEC, 0.7, 651);
    double[] bias = {1.5, 1.5, 1.5, 1.5};
    TrainerConfig config = TrainerConfig.of(new Optimizer.Sgd(0.5), LossTarget.LAST_STEP);
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(weights);
        LstmTrainer trainer = model.openTrainer(config);
        LstmTrainer oracle = reference.openTrainer(config)) {
      trainer.step(inputs(652), lastStepTargets(653));
      oracle.step(inputs(652), lastStepTargets(653));
      model.setForgetBias(0, bias);
      reference.setForgetBias(0, bias);
      target
          .agreement()
          .assertClose(
              "loss after the change",
              oracle.step(inputs(654), lastStepTargets(655)),
              trainer.step(inputs(654), lastStepTargets(655)));
      target.agreement().assertClose("weights", reference.weights(), model.weights());
    }
  }

  private static Dataset dataset(int n, long seed) {
    return new Dataset(
        RandomData.uniform(n, STEPS, SPEC.inputSize(), 1.0, seed),
        RandomData.uniform(n, 1, 1, 0.8, seed + 1));
  }

  private TrainingHistory fit(LstmModel model, TrainingConfig config) {
    return Training.fit(model, dataset(10, 661), dataset(4, 663), config, EpochListener.none());
  }

  @Test
  void fitWithAFixedSeedIsRepeatable() {
    LstmWeights weights = RandomData.weights(SPEC, 0.7, 671);
    TrainingConfig config =
        new TrainingConfig(
            TrainerConfig.of(Optimizer.Adam.withLearningRate(0.01), LossTarget.LAST_STEP),
            3,
            4,
            true,
            42,
            0);
    try (LstmModel first = target.create(weights);
        LstmModel second = target.create(weights)) {
      TrainingHistory a = fit(first, config);
      TrainingHistory b = fit(second, config);
      assertEquals(first.weights(), second.weights(), "identical weights after two runs");
      for (int e = 0; e < a.epochs().size(); e++) {
        EpochReport ra = a.epochs().get(e);
        EpochReport rb = b.epochs().get(e);
        assertEquals(ra.trainLoss(), rb.trainLoss(), 0, "train loss, epoch " + ra.epoch());
        assertEquals(ra.validationLoss(), rb.validationLoss(), 0, "validation loss");
      }
      assertTrue(!first.weights().equals(weights), "training moved the weights");
    }
  }

  @Test
  void fitWithSgdMatchesTheReference() {
    LstmWeights weights = RandomData.weights(SPEC, 0.7, 681);
    TrainingConfig config =
        new TrainingConfig(
            TrainerConfig.of(new Optimizer.Sgd(0.5), LossTarget.LAST_STEP), 3, 4, true, 7, 0);
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(weights)) {
      TrainingHistory actual = fit(model, config);
      TrainingHistory expected = fit(reference, config);
      for (int e = 0; e < expected.epochs().size(); e++) {
        target
            .agreement()
            .assertClose(
                "train loss, epoch " + (e + 1),
                expected.epochs().get(e).trainLoss(),
                actual.epochs().get(e).trainLoss());
        target
            .agreement()
            .assertClose(
                "validation loss, epoch " + (e + 1),
                expected.epochs().get(e).validationLoss(),
                actual.epochs().get(e).validationLoss());
      }
      target.agreement().assertClose("weights after fit", reference.weights(), model.weights());
    }
  }

  private static double distance(LstmWeights a, LstmWeights b) {
    return WeightTensors.norm(WeightTensors.combine(a, b, (x, y) -> x - y));
  }
}
