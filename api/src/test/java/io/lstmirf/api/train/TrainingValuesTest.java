package io.lstmirf.api.train;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Datasets, optimisers and training configurations validate themselves. */
class TrainingValuesTest {

  private static Dataset numbered(int n) {
    double[][][] x = new double[n][2][1];
    double[][][] y = new double[n][1][1];
    for (int i = 0; i < n; i++) {
      x[i][0][0] = i;
      y[i][0][0] = -i;
    }
    return new Dataset(x, y);
  }

  @Test
  void datasetsSplitChronologicallyAndCopy() {
    Dataset d = numbered(10);
    Dataset[] parts = d.chronologicalSplit(0.8);
    assertEquals(8, parts[0].size());
    assertEquals(2, parts[1].size());
    assertEquals(7, parts[0].inputs()[7][0][0], 0, "the first 80% train");
    assertEquals(8, parts[1].inputs()[0][0][0], 0, "the rest, later in time, validate");
    assertEquals(-9, parts[1].targets()[1][0][0], 0);
    Dataset picked = d.select(new int[] {3, 1});
    assertEquals(3, picked.inputs()[0][0][0], 0);
    assertEquals(-1, picked.targets()[1][0][0], 0);
    assertArrayEquals(new double[] {5}, d.range(5, 6).inputs()[0][0], 0);
    d.inputs()[0][0][0] = 99;
    assertEquals(0, d.inputs()[0][0][0], 0, "immutable");

    assertRejected(() -> d.chronologicalSplit(1), "train fraction must be in (0, 1)");
    assertRejected(
        () -> numbered(2).chronologicalSplit(0.1),
        "cannot split 2 examples",
        "both parts need at least one example");
    assertRejected(
        () -> new Dataset(new double[2][2][1], new double[3][1][1]),
        "dataset has 2 inputs but 3 targets");
    assertRejected(() -> new Dataset(new double[0][][], new double[0][][]), "at least one example");
    double[][][] nan = new double[1][1][1];
    nan[0][0][0] = Double.NaN;
    assertRejected(() -> new Dataset(nan, new double[1][1][1]), "inputs[0][0][0] is NaN");
  }

  @Test
  void optimizersAndConfigsRejectNonsense() {
    Optimizer.Adam adam = Optimizer.Adam.defaults();
    assertEquals(1e-3, adam.learningRate(), 0);
    assertEquals(0.9, adam.beta1(), 0);
    assertEquals(0.999, adam.beta2(), 0);
    assertEquals(1e-8, adam.epsilon(), 0);
    assertRejected(() -> new Optimizer.Sgd(0), "learning rate must be a positive number");
    assertRejected(() -> new Optimizer.Sgd(Double.NaN), "learning rate");
    assertRejected(
        () -> new Optimizer.Adam(1e-3, 1, 0.999, 1e-8), "Adam betas must be in" + " [0, 1)");
    assertRejected(() -> new Optimizer.Adam(1e-3, 0.9, 0.999, 0), "epsilon must be a positive");
    assertRejected(
        () -> new TrainerConfig(adam, LossTarget.LAST_STEP, -1),
        "clipNorm must be >= 0 (0 = no clipping)");
    assertFalse(TrainerConfig.of(adam, LossTarget.LAST_STEP).clips());
    assertTrue(new TrainerConfig(adam, LossTarget.LAST_STEP, 1).clips());
    TrainerConfig t = TrainerConfig.of(adam, LossTarget.EVERY_STEP);
    assertRejected(() -> new TrainingConfig(t, 0, 32, true, 1, 0), "epochs must be at least 1");
    assertRejected(
        () -> new TrainingConfig(t, 1, 0, true, 1, 0), "batch size must be at" + " least 1");
    assertRejected(() -> new TrainingConfig(t, 1, 1, true, 1, -1), "patience must be >= 0");
    TrainingConfig original = TrainingConfig.originalExperiment(42);
    assertEquals(50, original.epochs());
    assertEquals(32, original.batchSize());
    assertEquals(LossTarget.LAST_STEP, original.trainer().loss());
    assertEquals(Optimizer.Adam.defaults(), original.trainer().optimizer());
    assertEquals(7, original.withSeed(7).seed());
    assertEquals(3, original.withPatience(3).patience());
    assertEquals(5, original.withEpochs(5).epochs());
    assertEquals(1, LossTarget.LAST_STEP.targetSteps(60));
    assertEquals(60, LossTarget.EVERY_STEP.targetSteps(60));
  }
}
