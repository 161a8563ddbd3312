package io.lstmirf.backend.dl4j;

import static io.lstmirf.backend.dl4j.Dl4jUnderTest.dl4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.check.Tolerance;
import io.lstmirf.api.train.Dataset;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.api.train.Training;
import io.lstmirf.api.train.TrainingConfig;
import io.lstmirf.api.train.TrainingHistory;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.CentralDifference;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.UpdateRules;
import io.lstmirf.testing.WeightTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Training steps on DL4J's network and updaters against the update rules of {@link Optimizer}
 * and {@link TrainerConfig}, applied to finite-difference gradients of the reference loss.
 */
class Dl4jTrainerTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(2, 3, 2, 1);

  @ParameterizedTest
  @EnumSource(Precision.class)
  void sgdStepsFollowTheRule(Precision precision) {
    for (LossTarget loss : LossTarget.values()) {
      LstmWeights w = RandomData.weights(SPEC, 0.6, 101);
      double lr = 0.05;
      try (LstmModel m = dl4j(w, precision);
          LstmTrainer trainer = m.openTrainer(TrainerConfig.of(new Optimizer.Sgd(lr), loss))) {
        LstmWeights expected = WeightTensors.heldIn(precision, w);
        for (int k = 0; k < 2; k++) {
          double[][][] x = RandomData.uniform(3, 4, 2, 1, 110 + k);
          double[][][] y = RandomData.uniform(3, loss.targetSteps(4), 1, 1, 120 + k);
          LstmWeights g = ReferenceOracle.gradients(expected, x, y, loss,
              CentralDifference.FIVE_POINT);
          assertEquals(ReferenceOracle.loss(expected, x, y, loss), trainer.step(x, y),
              Tolerance.of(precision).value(), "step returns the loss before the update");
          expected = UpdateRules.sgd(expected, g, lr, 0);
          Agreement.absolute(Tolerance.of(precision).value()).assertClose(
              "SGD step " + k + ", " + loss, expected, m.weights());
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void adamStepsFollowTheEpsilonHatRule(Precision precision) {
    // betas and epsilon away from their defaults, so that each must be the one configured
    Optimizer.Adam adam = new Optimizer.Adam(0.01, 0.8, 0.95, 1e-6);
    LstmWeights w = RandomData.weights(SPEC, 0.6, 201);
    try (LstmModel m = dl4j(w, precision);
        LstmTrainer trainer = m.openTrainer(TrainerConfig.of(adam, LossTarget.EVERY_STEP))) {
      LstmWeights expected = WeightTensors.heldIn(precision, w);
      UpdateRules.Adam rule = new UpdateRules.Adam(adam);
      for (int t = 1; t <= 3; t++) {
        double[][][] x = RandomData.uniform(2, 5, 2, 1, 210 + t);
        double[][][] y = RandomData.uniform(2, 5, 1, 1, 220 + t);
        // The rule is applied to the engine's own gradient (tested against finite differences in
        // Dl4jGradientTest): Adam divides by |g|, so for the near-zero gradients every model has
        // somewhere, float noise in g would otherwise decide the direction of a whole lr step.
        LstmWeights g = m.gradients(x, y, LossTarget.EVERY_STEP).gradients();
        trainer.step(x, y);
        expected = rule.step(expected, g);
        Agreement.absolute(Tolerance.of(precision).value()).assertClose("Adam step " + t, expected,
            m.weights());
      }
    }
  }

  @Test
  void clipsTheGlobalNormBeforeTheUpdate() {
    LstmWeights w = RandomData.weights(SPEC, 0.6, 301);
    double[][][] x = RandomData.uniform(3, 4, 2, 1, 302);
    double[][][] y = RandomData.uniform(3, 1, 1, 1, 303);
    LstmWeights g = ReferenceOracle.gradients(w, x, y, LossTarget.LAST_STEP,
        CentralDifference.FIVE_POINT);
    double norm = WeightTensors.norm(g);
    double lr = 0.1;
    for (double clip : new double[] {0.25 * norm, 4 * norm}) {
      try (LstmModel m = dl4j(w, Precision.FLOAT64); LstmTrainer trainer = m.openTrainer(
          new TrainerConfig(new Optimizer.Sgd(lr), LossTarget.LAST_STEP, clip))) {
        trainer.step(x, y);
        Agreement.absolute(1e-10).assertClose("clip " + clip + " of norm " + norm,
            UpdateRules.sgd(w, g, lr, clip), m.weights());
      }
    }
  }

  @Test
  void trainsTheLiveModelThatSessionsAndForgetBiasShare() {
    LstmWeights w = RandomData.weights(SPEC, 0.6, 401);
    double[][][] x = RandomData.uniform(2, 4, 2, 1, 402);
    double[][][] y = RandomData.uniform(2, 4, 1, 1, 403);
    try (LstmModel m = dl4j(w, Precision.FLOAT64); LstmSession session = m.openSession(2);
        LstmTrainer trainer = m.openTrainer(
            TrainerConfig.of(new Optimizer.Sgd(0.1), LossTarget.EVERY_STEP))) {
      assertEquals(w, m.weights(), "opening a trainer changes nothing");
      m.forward(x);
      trainer.step(x, y);
      LstmWeights trained = m.weights();
      assertNotEquals(w, trained);
      try (LstmModel ref = ReferenceOracle.model(trained)) {
        Dl4jModelTest.assertForwardClose(ref.forward(x), m.forward(x), 1e-12, "forward");
        double[][] firstStep = {x[0][0], x[1][0]};
        Dl4jModelTest.assertArrayClose(ref.forward(x).hidden()[1][0],
            session.step(firstStep).hidden()[1], 1e-12, "an open session sees the update");
      }
      // a live forget-bias change is what the next step trains from
      m.setForgetBias(1, new double[] {1, 2, 3});
      LstmWeights changed = trained.withForgetBias(1, new double[] {1, 2, 3});
      assertEquals(ReferenceOracle.loss(changed, x, y, LossTarget.EVERY_STEP), trainer.loss(x, y),
          1e-12, "loss after setForgetBias");
      assertEquals(changed, m.weights(), "loss() updates nothing");
      assertEquals(ReferenceOracle.loss(changed, x, y, LossTarget.EVERY_STEP), trainer.step(x, y),
          1e-12, "the step starts from the new bias");
    }
  }

  /**
   * A one-unit model runs two units wide (libnd4j's one-unit bug, see {@link Dl4jParameters}); the
   * padding unit must stay inert through Adam steps on batches of several rows.
   */
  @Test
  void oneUnitModelsTrainLikeTheReference() {
    LstmSpec spec = LstmSpec.withHead(2, 1, 2, 1);
    LstmWeights w = RandomData.weights(spec, 0.8, 701);
    TrainerConfig config = new TrainerConfig(Optimizer.Adam.withLearningRate(0.05),
        LossTarget.LAST_STEP, 0.5);
    try (LstmModel m = dl4j(w, Precision.FLOAT64); LstmModel ref = ReferenceOracle.model(w);
        LstmTrainer trainer = m.openTrainer(config);
        LstmTrainer oracle = ref.openTrainer(config)) {
      for (int k = 0; k < 5; k++) {
        double[][][] x = RandomData.uniform(3, 5, 2, 1, 710 + k);
        double[][][] y = RandomData.uniform(3, 1, 1, 1, 720 + k);
        assertEquals(oracle.step(x, y), trainer.step(x, y), 1e-10, "loss before step " + k);
        Agreement.absolute(1e-10).assertClose("weights after step " + k, ref.weights(),
            m.weights());
      }
    }
  }

  @Test
  void trainingWithASeedIsRepeatable() {
    LstmSpec spec = LstmSpec.withHead(1, 4, 1, 1);
    LstmWeights w = RandomData.weights(spec, 0.5, 501);
    Dataset data = new Dataset(RandomData.uniform(20, 6, 1, 1, 502),
        RandomData.uniform(20, 1, 1, 1, 503));
    Dataset[] split = data.chronologicalSplit(0.75);
    TrainingConfig config = TrainingConfig.originalExperiment(7).withEpochs(3);
    LstmWeights[] results = new LstmWeights[2];
    for (int run = 0; run < 2; run++) {
      try (LstmModel m = dl4j(w, Precision.FLOAT32)) {
        TrainingHistory history = Training.fit(m, split[0], split[1],
            config.withTrainer(new TrainerConfig(Optimizer.Adam.withLearningRate(0.01),
                LossTarget.LAST_STEP, 1.0)), (report, model) -> { });
        assertEquals(3, history.epochs().size());
        assertTrue(history.last().trainLoss() < history.epochs().get(0).trainLoss() * 1.5);
        results[run] = m.weights();
      }
    }
    assertEquals(results[0], results[1]);
  }

  @Test
  void aClosedTrainerOrModelRefusesSteps() {
    double[][][] x = RandomData.uniform(1, 2, 2, 1, 601);
    double[][][] y = RandomData.uniform(1, 1, 1, 1, 602);
    LstmModel m = dl4j(RandomData.weights(SPEC, 0.5, 603), Precision.FLOAT32);
    LstmTrainer closedFirst = m.openTrainer(TrainerConfig.of(new Optimizer.Sgd(0.1),
        LossTarget.LAST_STEP));
    closedFirst.close();
    assertThrows(IllegalStateException.class, () -> closedFirst.step(x, y));
    LstmTrainer open = m.openTrainer(TrainerConfig.of(Optimizer.Adam.defaults(),
        LossTarget.LAST_STEP));
    open.step(x, y);
    m.forward(x); // the model outlives its closed trainer
    m.close();
    assertThrows(IllegalStateException.class, () -> open.step(x, y));
  }
}
