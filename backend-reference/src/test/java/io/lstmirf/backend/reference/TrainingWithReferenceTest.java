package io.lstmirf.backend.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.api.train.Dataset;
import io.lstmirf.api.train.EpochListener;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.api.train.Training;
import io.lstmirf.api.train.TrainingConfig;
import io.lstmirf.api.train.TrainingHistory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Training#fit} driving the reference trainer: real training, seeded and repeatable. */
class TrainingWithReferenceTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(1, 6, 1, 1);
  private static final LstmWeights START = Initializer.xavier(SPEC, 1.0, 11);
  private static final TrainerConfig ADAM =
      TrainerConfig.of(Optimizer.Adam.withLearningRate(0.01), LossTarget.LAST_STEP);

  /** The sum-of-sequence task: x ~ N(0, 1) of length 10, y = sum x (scaled by 1/10). */
  private static Dataset sumTask(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][][] x = new double[n][10][1];
    double[][][] y = new double[n][1][1];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int t = 0; t < 10; t++) {
        x[i][t][0] = r.nextGaussian();
        sum += x[i][t][0];
      }
      y[i][0][0] = sum / 10;
    }
    return new Dataset(x, y);
  }

  private static TrainingHistory fit(
      LstmModel model,
      Dataset train,
      Dataset validation,
      TrainingConfig config,
      EpochListener listener) {
    return Training.fit(model, train, validation, config, listener);
  }

  @Test
  void unshuffledFullBatchFitEqualsTrainerSteps() {
    Dataset data = sumTask(12, 1);
    try (LstmModel fitted = ReferenceUnderTest.model(START);
        LstmModel stepped = ReferenceUnderTest.model(START)) {
      fit(fitted, data, null, new TrainingConfig(ADAM, 3, 12, false, 0, 0), EpochListener.none());
      try (LstmTrainer trainer = stepped.openTrainer(ADAM)) {
        for (int e = 0; e < 3; e++) {
          trainer.step(data.inputs(), data.targets());
        }
      }
      assertEquals(stepped.weights(), fitted.weights());
    }
  }

  @Test
  void aFixedSeedRepeatsExactlyAndAnotherSeedDoesNot() {
    Dataset data = sumTask(40, 2);
    TrainingConfig config = new TrainingConfig(ADAM, 3, 8, true, 42, 0);
    try (LstmModel a = ReferenceUnderTest.model(START);
        LstmModel b = ReferenceUnderTest.model(START);
        LstmModel c = ReferenceUnderTest.model(START)) {
      TrainingHistory ha = fit(a, data, null, config, EpochListener.none());
      TrainingHistory hb = fit(b, data, null, config, EpochListener.none());
      fit(c, data, null, config.withSeed(43), EpochListener.none());
      assertEquals(a.weights(), b.weights(), "same seed, same weights, bit for bit");
      assertEquals(ha.last().trainLoss(), hb.last().trainLoss(), 0);
      assertNotEquals(a.weights(), c.weights(), "another seed shuffles differently");
    }
  }

  @Test
  void trainingLearnsTheSumTask() {
    try (LstmModel model = ReferenceUnderTest.model(START)) {
      TrainingHistory h =
          fit(
              model,
              sumTask(200, 3),
              sumTask(50, 4),
              new TrainingConfig(ADAM, 15, 16, true, 1, 0),
              EpochListener.none());
      double first = h.epochs().get(0).validationLoss();
      double last = h.last().validationLoss();
      assertTrue(last < first / 3, "validation loss " + first + " -> " + last);
    }
  }

  /**
   * Validation targets are the negated training targets, so fitting the one set unfits the other:
   * the validation loss rises from the first epoch on and patience 2 stops at epoch 3.
   */
  @Test
  void earlyStoppingOnARealRun() {
    Dataset train = sumTask(40, 5);
    double[][][] negated = train.targets();
    for (double[][] y : negated) {
      y[0][0] = -y[0][0];
    }
    Dataset validation = new Dataset(train.inputs(), negated);
    try (LstmModel model = ReferenceUnderTest.model(START)) {
      TrainingHistory h =
          fit(
              model,
              train,
              validation,
              new TrainingConfig(ADAM, 20, 8, true, 1, 2),
              EpochListener.none());
      assertTrue(h.stoppedEarly());
      assertEquals(1, h.bestEpoch());
      assertEquals(3, h.epochs().size());
    }
  }

  /** The adaptive rule's shape: a listener changes the forget bias; training goes on from it. */
  @Test
  void aListenerChangingTheForgetBiasSteersTraining() {
    Dataset data = sumTask(24, 6);
    TrainingConfig config = new TrainingConfig(ADAM, 3, 8, true, 9, 0);
    double[] set = new double[SPEC.hiddenSize()];
    EpochListener adaptive =
        (report, model) -> {
          Arrays.fill(set, 0.5 * report.epoch());
          model.setForgetBias(0, set);
        };
    try (LstmModel adapted = ReferenceUnderTest.model(START);
        LstmModel plain = ReferenceUnderTest.model(START)) {
      fit(adapted, data, null, config, adaptive);
      fit(plain, data, null, config, EpochListener.none());
      assertArrayEquals(set, adapted.forgetBias(0), 0, "the last listener call wins");
      assertNotEquals(
          plain.weights().withForgetBias(0, set),
          adapted.weights(),
          "epochs 2 and 3 trained from the changed biases");
    }
  }
}
