package io.lstmirf.backend.dl4j;

import static io.lstmirf.backend.dl4j.Dl4jUnderTest.dl4j;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;

/**
 * Training where only DL4J can go wrong: a one-unit model, which runs two units wide. SGD, Adam,
 * clipping, the live forget bias, seeded fits and closing are the conformance suite's.
 */
class Dl4jTrainerTest {

  /**
   * A one-unit model runs two units wide (libnd4j's one-unit bug, see {@link Dl4jParameters}); the
   * padding unit must stay inert through Adam steps on batches of several rows.
   */
  @Test
  void oneUnitModelsTrainLikeTheReference() {
    LstmSpec spec = LstmSpec.withHead(2, 1, 2, 1);
    LstmWeights w = RandomData.weights(spec, 0.8, 701);
    TrainerConfig config =
        new TrainerConfig(Optimizer.Adam.withLearningRate(0.05), LossTarget.LAST_STEP, 0.5);
    try (LstmModel m = dl4j(w, Precision.FLOAT64);
        LstmModel ref = ReferenceOracle.model(w);
        LstmTrainer trainer = m.openTrainer(config);
        LstmTrainer oracle = ref.openTrainer(config)) {
      for (int k = 0; k < 5; k++) {
        double[][][] x = RandomData.uniform(3, 5, 2, 1, 710 + k);
        double[][][] y = RandomData.uniform(3, 1, 1, 1, 720 + k);
        assertEquals(oracle.step(x, y), trainer.step(x, y), 1e-10, "loss before step " + k);
        Agreement.absolute(1e-10)
            .assertClose("weights after step " + k, ref.weights(), m.weights());
      }
    }
  }
}
