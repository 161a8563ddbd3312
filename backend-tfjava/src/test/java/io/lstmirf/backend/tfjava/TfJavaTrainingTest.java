package io.lstmirf.backend.tfjava;

import static io.lstmirf.backend.tfjava.TfJavaUnderTest.TFJAVA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.WeightTensors;
import org.junit.jupiter.api.Test;

/**
 * TensorFlow's trainer keeps Adam's slots and step count in graph variables: a trainer opened again
 * on the same model must start them afresh, and a GRU trainer's updates for different unrolled
 * lengths must share them. Composed cells are unrolled once per power-of-two length, so gradients
 * of lengths in one such range add nothing to the graph. Gradients and the optimisers' rules are
 * the conformance suite's.
 */
class TfJavaTrainingTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(2, 4, 2, 2);

  @Test
  void aReopenedTrainerStartsAdamAfresh() {
    LstmWeights w = WeightTensors.roundedToFloat(RandomData.weights(SPEC, 0.8, 251));
    double[][][] x = RandomData.uniform(2, 3, 2, 1.2, 252);
    double[][][] y = RandomData.uniform(2, 1, 2, 1.0, 253);
    TrainerConfig config =
        TrainerConfig.of(Optimizer.Adam.withLearningRate(0.02), LossTarget.LAST_STEP);
    LstmWeights afterOne;
    try (LstmModel tf = TFJAVA.create(w)) {
      try (LstmTrainer trainer = tf.openTrainer(config)) {
        trainer.step(x, y);
        trainer.step(x, y);
      }
      LstmWeights start = tf.weights();
      try (LstmTrainer trainer = tf.openTrainer(config)) {
        trainer.step(x, y);
      }
      afterOne = tf.weights();
      try (LstmModel fresh = TFJAVA.create(start);
          LstmTrainer trainer = fresh.openTrainer(config)) {
        trainer.step(x, y);
        assertEquals(afterOne, fresh.weights(), "slots and step count were reset");
      }
    }
  }

  @Test
  void aGruTrainerKeepsAdamsMomentsAcrossBatchLengths() {
    LstmSpec spec = LstmSpec.withHead(2, 4, 1, 2).withKind(LayerKind.GRU);
    LstmWeights w = WeightTensors.roundedToFloat(RandomData.weights(spec, 0.8, 261));
    TrainerConfig config =
        TrainerConfig.of(Optimizer.Adam.withLearningRate(0.02), LossTarget.EVERY_STEP);
    int[] lengths = {3, 6, 3}; // unrolled over 4, 8, 4 steps
    try (LstmModel tf = TFJAVA.create(w);
        LstmModel reference = ReferenceOracle.model(w);
        LstmTrainer tfTrainer = tf.openTrainer(config);
        LstmTrainer referenceTrainer = reference.openTrainer(config)) {
      for (int k = 0; k < lengths.length; k++) {
        double[][][] x = RandomData.uniform(2, lengths[k], 2, 1.2, 262 + k);
        double[][][] y = RandomData.uniform(2, lengths[k], 2, 1.0, 272 + k);
        Agreement.of(Precision.FLOAT32)
            .assertClose("loss of step " + k, referenceTrainer.step(x, y), tfTrainer.step(x, y));
      }
      Agreement.of(Precision.FLOAT32)
          .assertClose("weights after three steps", reference.weights(), tf.weights());
    }
  }

  @Test
  void gradientsOfLengthsUnrolledAlikeAddNothingToTheGraph() {
    LstmSpec spec = LstmSpec.withHead(2, 4, 1, 1).withKind(LayerKind.GRU);
    try (LstmModel model = TFJAVA.create(RandomData.weights(spec, 0.8, 281))) {
      TfJavaGraph graph = ((TfJavaModel) model).graph();
      model.gradients(
          RandomData.uniform(2, 5, 2, 1.0, 282),
          RandomData.uniform(2, 5, 1, 1.0, 283),
          LossTarget.EVERY_STEP);
      int built = graph.operationCount();
      for (int t = 6; t <= 8; t++) {
        model.gradients(
            RandomData.uniform(2, t, 2, 1.0, 282 + t),
            RandomData.uniform(2, t, 1, 1.0, 292 + t),
            LossTarget.EVERY_STEP);
      }
      assertEquals(built, graph.operationCount(), "lengths 5 to 8 share one unrolled stack");
      model.gradients(
          RandomData.uniform(2, 9, 2, 1.0, 301),
          RandomData.uniform(2, 9, 1, 1.0, 302),
          LossTarget.EVERY_STEP);
      assertTrue(graph.operationCount() > built, "length 9 is unrolled over 16 steps, once");
    }
  }
}
