package io.lstmirf.api;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lstmirf.api.train.LossTarget;
import org.junit.jupiter.api.Test;

class InputChecksTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(3, 4, 2, 2);

  @Test
  void sequencesAreBoxShapedNonEmptyAndFinite() {
    assertEquals(2, InputChecks.sequences("inputs", new double[2][5][3], SPEC));
    assertRejected(
        () -> InputChecks.sequences("inputs", null, SPEC), "inputs is empty", "[batch][time][3]");
    assertRejected(
        () -> InputChecks.sequences("inputs", new double[0][][], SPEC), "inputs is empty");
    assertRejected(
        () -> InputChecks.sequences("inputs", new double[1][0][3], SPEC),
        "inputs[0] has no time steps",
        "time >= 1");
    double[][][] ragged = new double[2][5][3];
    ragged[1][4] = new double[2];
    assertRejected(
        () -> InputChecks.sequences("x", ragged, SPEC), "x[1][4] has 2 entries", "expected 3");
    double[][][] missing = new double[2][5][3];
    missing[1] = null;
    assertRejected(
        () -> InputChecks.sequences("x", missing, SPEC), "x[1] has no entries", "expected 5");
    double[][][] nan = new double[1][2][3];
    nan[0][1][2] = Double.NaN;
    assertRejected(
        () -> InputChecks.sequences("x", nan, SPEC), "x[0][1][2] is NaN", "finite number");
  }

  @Test
  void stepsMatchTheSessionsBatch() {
    InputChecks.step(new double[2][3], 2, SPEC);
    assertRejected(
        () -> InputChecks.step(new double[1][3], 2, SPEC), "inputs has 1 rows", "expected 2");
    assertRejected(
        () -> InputChecks.step(new double[][] {{1, 2, 3}, {1, 2}}, 2, SPEC),
        "inputs[1] has 2 entries; expected 3");
    assertRejected(
        () -> InputChecks.step(new double[][] {{1, 2, Double.NEGATIVE_INFINITY}}, 1, SPEC),
        "inputs[0][2] is -Infinity");
  }

  @Test
  void targetsFollowTheLoss() {
    InputChecks.targets(new double[2][1][2], 2, 7, SPEC, LossTarget.LAST_STEP);
    InputChecks.targets(new double[2][7][2], 2, 7, SPEC, LossTarget.EVERY_STEP);
    assertRejected(
        () -> InputChecks.targets(new double[2][7][2], 2, 7, SPEC, LossTarget.LAST_STEP),
        "targets have shape [2][7][2]; expected [2][1][2] for" + " last-step loss");
    assertRejected(
        () -> InputChecks.targets(new double[3][7][2], 2, 7, SPEC, LossTarget.EVERY_STEP),
        "expected [2][7][2] for every-step loss");
    assertRejected(
        () -> InputChecks.targets(null, 2, 7, SPEC, LossTarget.EVERY_STEP),
        "targets have shape null");
    assertRejected(
        () -> InputChecks.targets(new double[2][1][4], 2, 7, SPEC, LossTarget.LAST_STEP),
        "targets[0][0] has 4 entries; expected 2");
    // without a head, the predictions are the hidden states: O = H
    LstmSpec headless = LstmSpec.of(3, 4, 1);
    assertRejected(
        () -> InputChecks.targets(new double[2][1][2], 2, 7, headless, LossTarget.LAST_STEP),
        "targets[0][0] has 2 entries; expected 4");
  }

  @Test
  void forgetBiasesAndLayers() {
    InputChecks.memoryGateBias(new double[4], SPEC, 0);
    assertRejected(
        () -> InputChecks.memoryGateBias(null, SPEC, 0),
        "forget-gate bias has length null",
        "expected 4 (H)");
    assertRejected(
        () -> InputChecks.memoryGateBias(new double[] {0, 0, Double.NaN, 0}, SPEC, 0),
        "forget-gate bias[2] is NaN");
    InputChecks.layer(1, SPEC);
    assertRejected(() -> InputChecks.layer(2, SPEC), "layer 2 does not exist", "2 layer(s), 0..1");
  }
}
