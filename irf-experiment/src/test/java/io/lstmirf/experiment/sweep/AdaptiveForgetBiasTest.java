package io.lstmirf.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.api.train.EpochReport;
import io.lstmirf.backend.reference.ReferenceBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The original rule: gap > 0.1 raises b_f by 0.2 (to 2.0), gap < -0.1 lowers it (to 0.5). */
class AdaptiveForgetBiasTest {

  static EpochReport epoch(int n, double train, double validation) {
    return new EpochReport(n, 10, train, validation, 0.1);
  }

  static double[] filled(double v) {
    return new double[] {v, v, v};
  }

  @Test
  void raisesLowersAndClampsThroughTheLiveModel() {
    LstmWeights w = Initializer.xavier(LstmSpec.withHead(1, 3, 1, 1), 1.0, 1);
    try (LstmModel model = new ReferenceBackend().create(w)) {
      AdaptiveForgetBias rule = new AdaptiveForgetBias(1.0);
      rule.onEpoch(epoch(1, 0.1, 0.3), model); // gap 0.2: up
      assertArrayEquals(filled(1.2), model.forgetBias(0), 0);
      rule.onEpoch(epoch(2, 0.1, 0.3), model);
      rule.onEpoch(epoch(3, 0.1, 0.3), model);
      rule.onEpoch(epoch(4, 0.1, 0.3), model);
      assertArrayEquals(filled(1.8), model.forgetBias(0), 0);
      rule.onEpoch(epoch(5, 0.1, 0.3), model);
      rule.onEpoch(epoch(6, 0.1, 0.3), model); // clamped at 2.0
      assertArrayEquals(filled(2.0), model.forgetBias(0), 0);
      rule.onEpoch(epoch(7, 0.5, 0.2), model); // gap -0.3: down
      assertArrayEquals(filled(1.8), model.forgetBias(0), 0);
      for (int e = 8; e <= 16; e++) {
        rule.onEpoch(epoch(e, 0.5, 0.2), model);
      }
      assertArrayEquals(filled(0.5), model.forgetBias(0), 0); // clamped at 0.5
      assertEquals(
          List.of(1.2, 1.4, 1.6, 1.8, 2.0, 2.0, 1.8, 1.6, 1.4, 1.2, 1.0, 0.8, 0.6, 0.5, 0.5, 0.5),
          rule.trajectory());
      assertEquals(0.5, rule.bias());
    }
  }

  @Test
  void aGapWithinTheThresholdsLeavesTheTrainedBiasesAlone() {
    LstmWeights w =
        Initializer.xavier(LstmSpec.withHead(1, 3, 1, 1), 1.0, 1)
            .withForgetBias(0, new double[] {0.7, 1.1, 1.3}); // as training might have left them
    try (LstmModel model = new ReferenceBackend().create(w)) {
      AdaptiveForgetBias rule = new AdaptiveForgetBias(1.0);
      rule.onEpoch(epoch(1, 0.0, 0.1), model); // gap 0.1 exactly: not above the threshold
      rule.onEpoch(epoch(2, 0.1, 0.0), model);
      rule.onEpoch(epoch(3, 0.002, 0.004), model);
      assertArrayEquals(new double[] {0.7, 1.1, 1.3}, model.forgetBias(0), 0);
      assertEquals(List.of(1.0, 1.0, 1.0), rule.trajectory());
    }
  }

  @Test
  void needsAValidationLossAndAStartInRange() {
    LstmWeights w = Initializer.xavier(LstmSpec.withHead(1, 3, 1, 1), 1.0, 1);
    try (LstmModel model = new ReferenceBackend().create(w)) {
      AdaptiveForgetBias rule = new AdaptiveForgetBias(1.0);
      assertThrows(LstmIrfException.class, () -> rule.onEpoch(epoch(1, 0.1, Double.NaN), model));
    }
    assertThrows(InvalidInputException.class, () -> new AdaptiveForgetBias(0.2));
    assertThrows(InvalidInputException.class, () -> new AdaptiveForgetBias(2.5));
  }
}
