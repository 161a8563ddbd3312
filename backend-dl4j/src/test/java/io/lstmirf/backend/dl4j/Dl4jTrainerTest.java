package io.lstmirf.backend.dl4j;

import static io.lstmirf.backend.dl4j.Oracle.assertClose;
import static io.lstmirf.backend.dl4j.Oracle.combine;
import static io.lstmirf.backend.dl4j.Oracle.dl4j;
import static io.lstmirf.backend.dl4j.Oracle.random;
import static io.lstmirf.backend.dl4j.Oracle.randomWeights;
import static io.lstmirf.backend.dl4j.Oracle.tolerance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.train.Dataset;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.api.train.Training;
import io.lstmirf.api.train.TrainingConfig;
import io.lstmirf.api.train.TrainingHistory;
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
      LstmWeights w = randomWeights(SPEC, 0.6, 101);
      double lr = 0.05;
      try (LstmModel m = dl4j(w, precision);
          LstmTrainer trainer = m.openTrainer(TrainerConfig.of(new Optimizer.Sgd(lr), loss))) {
        LstmWeights expected = rounded(w, precision);
        for (int k = 0; k < 2; k++) {
          double[][][] x = random(3, 4, 2, 1, 110 + k);
          double[][][] y = random(3, loss.targetSteps(4), 1, 1, 120 + k);
          LstmWeights g = Oracle.numericGradients(expected, x, y, loss);
          assertClose(Oracle.loss(expected, x, y, loss), trainer.step(x, y), tolerance(precision),
              "step returns the loss before the update");
          expected = combine(expected, g, (p, d) -> p - lr * d);
          assertClose(expected, m.weights(), tolerance(precision), "SGD step " + k + ", " + loss);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void adamStepsFollowTheEpsilonHatRule(Precision precision) {
    // betas and epsilon away from their defaults, so that each must be the one configured
    Optimizer.Adam adam = new Optimizer.Adam(0.01, 0.8, 0.95, 1e-6);
    LstmWeights w = randomWeights(SPEC, 0.6, 201);
    try (LstmModel m = dl4j(w, precision);
        LstmTrainer trainer = m.openTrainer(TrainerConfig.of(adam, LossTarget.EVERY_STEP))) {
      LstmWeights expected = rounded(w, precision);
      LstmWeights first = null;
      LstmWeights second = null;
      for (int t = 1; t <= 3; t++) {
        double[][][] x = random(2, 5, 2, 1, 210 + t);
        double[][][] y = random(2, 5, 1, 1, 220 + t);
        // The rule is applied to the engine's own gradient (tested against finite differences in
        // Dl4jGradientTest): Adam divides by |g|, so for the near-zero gradients every model has
        // somewhere, float noise in g would otherwise decide the direction of a whole lr step.
        LstmWeights g = m.gradients(x, y, LossTarget.EVERY_STEP).gradients();
        double b1 = adam.beta1();
        double b2 = adam.beta2();
        LstmWeights m1 = first == null ? combine(g, g, (a, b) -> (1 - b1) * a)
            : combine(first, g, (mm, gg) -> b1 * mm + (1 - b1) * gg);
        LstmWeights v1 = second == null ? combine(g, g, (a, b) -> (1 - b2) * a * a)
            : combine(second, g, (vv, gg) -> b2 * vv + (1 - b2) * gg * gg);
        double lrT = adam.learningRate() * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
        LstmWeights step = combine(m1, v1, (mm, vv) -> lrT * mm / (Math.sqrt(vv) + adam.epsilon()));
        trainer.step(x, y);
        expected = combine(expected, step, (p, s) -> p - s);
        first = m1;
        second = v1;
        assertClose(expected, m.weights(), tolerance(precision), "Adam step " + t);
      }
    }
  }

  @Test
  void clipsTheGlobalNormBeforeTheUpdate() {
    LstmWeights w = randomWeights(SPEC, 0.6, 301);
    double[][][] x = random(3, 4, 2, 1, 302);
    double[][][] y = random(3, 1, 1, 1, 303);
    LstmWeights g = Oracle.numericGradients(w, x, y, LossTarget.LAST_STEP);
    double norm = Oracle.norm(g);
    double lr = 0.1;
    for (double clip : new double[] {0.25 * norm, 4 * norm}) {
      try (LstmModel m = dl4j(w, Precision.FLOAT64); LstmTrainer trainer = m.openTrainer(
          new TrainerConfig(new Optimizer.Sgd(lr), LossTarget.LAST_STEP, clip))) {
        trainer.step(x, y);
        double factor = clip / Math.max(norm, clip);
        assertClose(combine(w, g, (p, d) -> p - lr * factor * d), m.weights(), 1e-10,
            "clip " + clip + " of norm " + norm);
      }
    }
  }

  @Test
  void trainsTheLiveModelThatSessionsAndForgetBiasShare() {
    LstmWeights w = randomWeights(SPEC, 0.6, 401);
    double[][][] x = random(2, 4, 2, 1, 402);
    double[][][] y = random(2, 4, 1, 1, 403);
    try (LstmModel m = dl4j(w, Precision.FLOAT64); LstmSession session = m.openSession(2);
        LstmTrainer trainer = m.openTrainer(
            TrainerConfig.of(new Optimizer.Sgd(0.1), LossTarget.EVERY_STEP))) {
      assertEquals(w, m.weights(), "opening a trainer changes nothing");
      m.forward(x);
      trainer.step(x, y);
      LstmWeights trained = m.weights();
      assertNotEquals(w, trained);
      try (LstmModel ref = Oracle.reference(trained)) {
        Dl4jModelTest.assertForwardClose(ref.forward(x), m.forward(x), 1e-12, "forward");
        double[][] firstStep = {x[0][0], x[1][0]};
        Dl4jModelTest.assertArrayClose(ref.forward(x).hidden()[1][0],
            session.step(firstStep).hidden()[1], 1e-12, "an open session sees the update");
      }
      // a live forget-bias change is what the next step trains from
      m.setForgetBias(1, new double[] {1, 2, 3});
      LstmWeights changed = trained.withForgetBias(1, new double[] {1, 2, 3});
      assertClose(Oracle.loss(changed, x, y, LossTarget.EVERY_STEP), trainer.loss(x, y), 1e-12,
          "loss after setForgetBias");
      assertEquals(changed, m.weights(), "loss() updates nothing");
      assertClose(Oracle.loss(changed, x, y, LossTarget.EVERY_STEP), trainer.step(x, y), 1e-12,
          "the step starts from the new bias");
    }
  }

  @Test
  void trainingWithASeedIsRepeatable() {
    LstmSpec spec = LstmSpec.withHead(1, 4, 1, 1);
    LstmWeights w = randomWeights(spec, 0.5, 501);
    Dataset data = new Dataset(random(20, 6, 1, 1, 502), random(20, 1, 1, 1, 503));
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
    double[][][] x = random(1, 2, 2, 1, 601);
    double[][][] y = random(1, 1, 1, 1, 602);
    LstmModel m = dl4j(randomWeights(SPEC, 0.5, 603), Precision.FLOAT32);
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

  private static LstmWeights rounded(LstmWeights w, Precision precision) {
    return precision == Precision.FLOAT64 ? w : Oracle.map(w, (v, set) -> (float) v);
  }
}
