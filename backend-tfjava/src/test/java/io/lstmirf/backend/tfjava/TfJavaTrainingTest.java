package io.lstmirf.backend.tfjava;

import static io.lstmirf.backend.tfjava.TfJavaUnderTest.TFJAVA;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.WeightTensors;
import org.junit.jupiter.api.Test;

/**
 * TensorFlow's trainer keeps Adam's slots and step count in graph variables: a trainer opened again
 * on the same model must start them afresh. Gradients and the optimisers' rules are the conformance
 * suite's.
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
}
