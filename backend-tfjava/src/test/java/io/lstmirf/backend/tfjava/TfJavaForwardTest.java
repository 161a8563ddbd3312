package io.lstmirf.backend.tfjava;

import static io.lstmirf.backend.tfjava.TfJavaUnderTest.TFJAVA;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.Gate;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Trace;
import io.lstmirf.api.check.Tolerance;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Forward passes where only TensorFlow can go wrong: BlockLSTM v1's silent forget bias and cell
 * clip, and one graph serving calls of every shape. Forward passes in general are the conformance
 * suite's.
 */
class TfJavaForwardTest {

  private static final double FLOAT32 = Tolerance.FLOAT32.value();

  /**
   * Cell states far beyond 3 in magnitude: BlockLSTM v1 would clip them at its default cell_clip =
   * 3, and a forget bias of 1 would be added silently; V2 must do neither.
   */
  @Test
  void neitherClipsTheCellNorAddsAForgetBias() {
    LstmSpec spec = LstmSpec.of(1, 3, 1);
    double[] open = {3.0, 3.0, 3.0};
    LstmWeights small = RandomData.weights(spec, 0.3, 31);
    // input gate and candidate saturated, forget gate nearly 1: c grows by ~1 per step
    LstmWeights w =
        small
            .withLayer(
                0, small.layer(0).withGateBias(Gate.INPUT, open).withGateBias(Gate.CELL, open))
            .withForgetBias(6.0);
    double[][][] x = new double[1][40][1];
    for (double[] row : x[0]) {
      row[0] = 3.0;
    }
    try (LstmModel tf = TFJAVA.create(w);
        LstmModel ref = ReferenceOracle.model(w)) {
      ForwardResult expected = ref.forward(x, null, Set.of(Trace.CELL_STATES));
      ForwardResult actual = tf.forward(x, null, Set.of(Trace.CELL_STATES));
      double largest = 0;
      for (double[] c : expected.cellStates().get()[0]) {
        for (double v : c) {
          largest = Math.max(largest, Math.abs(v));
        }
      }
      assertTrue(largest > 20, "the fixture must drive |c| far past 3, got " + largest);
      // float32 carries ~7 digits: the bound scales with the values' size
      Agreement.absolute(FLOAT32 * largest)
          .assertClose("cell states", expected.cellStates().get(), actual.cellStates().get());
      Agreement.absolute(FLOAT32).assertClose("hidden", expected.hidden(), actual.hidden());
    }
  }

  @Test
  void repeatedCallsWithOtherShapesReuseTheGraph() {
    LstmSpec spec = LstmSpec.withHead(2, 6, 2, 1);
    LstmWeights w = RandomData.weights(spec, 0.9, 51);
    try (LstmModel tf = TFJAVA.create(w);
        LstmModel ref = ReferenceOracle.model(w)) {
      for (int k = 0; k < 4; k++) {
        double[][][] x = RandomData.uniform(1 + k, 3 + 2 * k, 2, 1.0, 52 + k);
        Agreement.absolute(FLOAT32)
            .assertClose(
                "output, call " + k, ref.forward(x).output().get(), tf.forward(x).output().get());
      }
    }
  }
}
