package io.lstmirf.api;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.lstmirf.api.init.Initializer;
import io.lstmirf.api.train.LossTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Values are checked against the precision they will be computed in: float32 turns anything beyond
 * about 3.4e38 into Infinity, and engines then print null or NaN without a word.
 */
class PrecisionRangeTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(1, 2, 1, 1);

  @Test
  void aHeadWeightBeyondFloat32IsRefusedForFloat32ModelsOnlyWithItsPath() {
    LstmWeights w = Initializer.xavier(SPEC, 1.0, 1);
    LstmWeights big =
        w.withHead(
            new HeadWeights(Matrix.ofRowMajor(1, 2, new double[] {0.5, 1e39}), new double[] {0}));
    assertSame(big, big.requireRepresentable(Precision.FLOAT64));
    String m =
        assertRejected(
            () -> big.requireRepresentable(Precision.FLOAT32),
            "head.weight[0][1] = 1.0E39",
            "beyond float32's range",
            "3.4028235E38",
            "--precision float64");
    assertEquals(1, m.lines().count());
    FakeBackend backend =
        new FakeBackend(
            "f32",
            () -> "engine",
            List.of(Precision.FLOAT32, Precision.FLOAT64),
            List.of(Device.CPU));
    assertRejected(
        () -> backend.create(big, ModelOptions.of(Precision.FLOAT32)), "head.weight[0][1]");
    backend.create(big, ModelOptions.of(Precision.FLOAT64));
    assertEquals(1, backend.modelsRequested.get(), "only the float64 model was built");
  }

  @Test
  void layerWeightsAndBiasesAreNamedByTheirPathInTheModelFile() {
    LstmWeights w = Initializer.xavier(LstmSpec.of(1, 2, 2), 1.0, 1);
    LayerWeights l1 = w.layer(1);
    double[] bias = l1.bias();
    bias[5] = -4e38;
    LstmWeights bad = w.withLayer(1, new LayerWeights(l1.weightIh(), l1.weightHh(), bias));
    assertRejected(
        () -> bad.requireRepresentable(Precision.FLOAT32), "layers[1].bias[5] = -4.0E38");
    double[] ih = w.layer(0).weightIh().toRowMajor();
    ih[3] = 1e308;
    LstmWeights bad2 =
        w.withLayer(
            0,
            new LayerWeights(
                Matrix.ofRowMajor(8, 1, ih), w.layer(0).weightHh(), w.layer(0).bias()));
    assertRejected(
        () -> bad2.requireRepresentable(Precision.FLOAT32), "layers[0].weightIh[3][0] = 1.0E308");
  }

  @Test
  void inputsTargetsStatesAndBiasesAreCheckedAgainstFloat32() {
    double[][][] x = new double[2][3][1];
    x[1][2][0] = 5e38;
    InputChecks.sequences("inputs", x, SPEC, Precision.FLOAT64);
    assertRejected(
        () -> InputChecks.sequences("inputs", x, SPEC, Precision.FLOAT32),
        "inputs[1][2][0] = 5.0E38 is beyond float32's range");
    double[][][] y = new double[2][3][1];
    y[0][1][0] = -1e200;
    assertRejected(
        () -> InputChecks.targets(y, 2, 3, SPEC, LossTarget.EVERY_STEP, Precision.FLOAT32),
        "targets[0][1][0] = -1.0E200");
    double[][][] h = new double[1][2][2];
    h[0][1][0] = 1e39;
    assertRejected(
        () ->
            InputChecks.state(
                "initialState", new LstmState(h, new double[1][2][2]), Precision.FLOAT32),
        "initialState.h[0][1][0] = 1.0E39");
    assertRejected(
        () -> InputChecks.memoryGateBias(new double[] {0, 1e39}, SPEC, 0, Precision.FLOAT32),
        "forget-gate bias[1] = 1.0E39");
    // the largest float itself is fine
    x[1][2][0] = Float.MAX_VALUE;
    InputChecks.sequences("inputs", x, SPEC, Precision.FLOAT32);
  }

  @Test
  void aStateAnEngineReturnsMayHoldNonFiniteValuesButOneFedInMayNot() {
    double[][][] h = {{{Double.NaN, 1}}};
    LstmState result = new LstmState(h, new double[][][] {{{0, Double.POSITIVE_INFINITY}}});
    assertEquals(Double.POSITIVE_INFINITY, result.c()[0][0][1], "a result is kept as it is");
    assertRejected(
        () -> InputChecks.state("state", result, Precision.FLOAT64),
        "state.h[0][0][0] is NaN",
        "finite");
  }
}
