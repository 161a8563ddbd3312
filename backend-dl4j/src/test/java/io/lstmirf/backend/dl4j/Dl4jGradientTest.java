package io.lstmirf.backend.dl4j;

import static io.lstmirf.backend.dl4j.Dl4jUnderTest.dl4j;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.check.Tolerance;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.CentralDifference;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.WeightTensors;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's gradients where only this backend can go wrong: one-unit layers (run two units wide, see
 * {@link Dl4jParameters}) against finite differences of the reference loss, the training pass
 * against libnd4j's own fused backprop, and ops rebound for new batch shapes. Gradients in general
 * are the conformance suite's.
 */
class Dl4jGradientTest {

  static Stream<Arguments> oneUnitCases() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (Precision p : Precision.values()) {
      for (LossTarget loss : LossTarget.values()) {
        cases.add(Arguments.of(p, loss, LstmSpec.withHead(1, 1, 2, 1)));
      }
    }
    return cases.build();
  }

  @ParameterizedTest
  @MethodSource("oneUnitCases")
  void oneUnitGradientsMatchFiniteDifferencesOfTheReference(
      Precision precision, LossTarget loss, LstmSpec spec) {
    LstmWeights w = RandomData.weights(spec, 0.7, 5);
    double[][][] x = RandomData.uniform(3, 5, spec.inputSize(), 1.2, 6);
    double[][][] y = RandomData.uniform(3, loss.targetSteps(5), spec.responseSize(), 0.8, 7);
    LstmWeights expected = ReferenceOracle.gradients(w, x, y, loss, CentralDifference.FIVE_POINT);
    double expectedLoss = ReferenceOracle.loss(w, x, y, loss);
    try (LstmModel m = dl4j(w, precision)) {
      GradientResult g = m.gradients(x, y, loss);
      double tol = Tolerance.of(precision).value();
      assertEquals(expectedLoss, g.loss(), tol, "loss");
      Agreement.absolute(tol)
          .assertClose("gradients, " + loss + ", " + spec, expected, g.gradients());
      // taking gradients changes nothing, and the padding unit leaves no trace in the next call
      assertEquals(m.weights(), WeightTensors.heldIn(precision, w));
      GradientResult again = m.gradients(x, y, loss);
      assertEquals(g.loss(), again.loss());
      assertEquals(g.gradients(), again.gradients(), "repeatable");
    }
  }

  /**
   * The training pass drives libnd4j's cell backprop op through time as libnd4j's fused {@code
   * lstmLayer_bp} does internally (which the backend cannot use: it leaks its buffers on every
   * call); both must give the same gradient. One layer without a head and last-step loss, so that
   * the fused op gets the same problem: {@code dL/dh_T = 2 (h_T - y) / (B H)}.
   */
  @Test
  void agreesWithLibnd4jsFusedLstmBackprop() {
    LstmSpec spec = LstmSpec.of(2, 3, 1);
    LstmWeights w = RandomData.weights(spec, 0.7, 41);
    double[][][] x = RandomData.uniform(4, 6, 2, 1, 42);
    double[][][] y = RandomData.uniform(4, 1, 3, 0.8, 43);
    double[][] hLast;
    try (LstmModel ref = ReferenceOracle.model(w)) {
      hLast = ref.forward(x).finalState().h()[0];
    }
    double[][] dhLast = new double[4][3];
    for (int b = 0; b < 4; b++) {
      for (int u = 0; u < 3; u++) {
        dhLast[b][u] = 2 * (hLast[b][u] - y[b][0][u]) / (4 * 3);
      }
    }
    LayerWeights fused = fusedLstmLayerGradients(w.layer(0), x, dhLast);
    try (LstmModel m = dl4j(w, Precision.FLOAT64)) {
      Agreement.absolute(1e-13)
          .assertClose(
              "vs lstmLayer_bp",
              new LstmWeights(List.of(fused)),
              m.gradients(x, y, LossTarget.LAST_STEP).gradients());
    }
  }

  /** {@code lstmLayer_bp} on time-major inputs, converted back to the canonical layout. */
  private static LayerWeights fusedLstmLayerGradients(
      LayerWeights w, double[][][] x, double[][] dhLast) {
    int steps = x[0].length;
    double[][][] timeMajor = new double[steps][x.length][];
    for (int b = 0; b < x.length; b++) {
      for (int t = 0; t < steps; t++) {
        timeMajor[t][b] = x[b][t];
      }
    }
    try (INDArray xs = Dl4jArrays.create(timeMajor, DataType.DOUBLE);
        INDArray wx = Nd4j.create(w.weightIh().transpose().toArray());
        INDArray wr = Nd4j.create(w.weightHh().transpose().toArray());
        INDArray b = Nd4j.create(w.bias());
        INDArray dh = Nd4j.create(dhLast);
        INDArray dx = Nd4j.zeros(DataType.DOUBLE, xs.shape());
        INDArray dwx = Nd4j.zeros(DataType.DOUBLE, wx.shape());
        INDArray dwr = Nd4j.zeros(DataType.DOUBLE, wr.shape());
        INDArray db = Nd4j.zeros(DataType.DOUBLE, b.shape())) {
      Nd4j.exec(
          DynamicCustomOp.builder("lstmLayer_bp")
              .addInputs(xs, wx, wr, b, dh)
              .addOutputs(dx, dwx, dwr, db)
              .addIntegerArguments(0, 0, 2, 0, 0) // [T, B, I], forward, sigmoid, tanh, tanh
              .addFloatingPointArguments(0.0) // no cell clipping
              // biases; no lengths, initial states or peepholes; gradient at the last step only
              .addBooleanArguments(true, false, false, false, false, false, true, false)
              .build());
      return new LayerWeights(
          Dl4jArrays.toMatrix(dwx).transpose(),
          Dl4jArrays.toMatrix(dwr).transpose(),
          Dl4jArrays.toVector(db));
    }
  }

  /** More batch shapes than a model keeps bound: evicted passes are rebuilt, kept ones reused. */
  @Test
  void manyBatchShapesInTurn() {
    LstmSpec spec = LstmSpec.withHead(2, 3, 1, 1);
    LstmWeights w = RandomData.weights(spec, 0.6, 51);
    try (LstmModel m = dl4j(w, Precision.FLOAT64);
        LstmModel ref = ReferenceOracle.model(w)) {
      for (int round = 0; round < 2; round++) {
        for (int batch = 1; batch <= 6; batch++) {
          LossTarget loss = batch % 2 == 0 ? LossTarget.LAST_STEP : LossTarget.EVERY_STEP;
          double[][][] x = RandomData.uniform(batch, 2 + batch, 2, 1, 60 + batch);
          double[][][] y = RandomData.uniform(batch, loss.targetSteps(2 + batch), 1, 1, 70 + batch);
          GradientResult expected = ref.gradients(x, y, loss);
          GradientResult actual = m.gradients(x, y, loss);
          String what = "batch " + batch + ", round " + round;
          assertEquals(expected.loss(), actual.loss(), 1e-10, what);
          Agreement.absolute(1e-10).assertClose(what, expected.gradients(), actual.gradients());
        }
      }
    }
  }
}
