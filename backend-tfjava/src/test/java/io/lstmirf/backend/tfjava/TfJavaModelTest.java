package io.lstmirf.backend.tfjava;

import static io.lstmirf.backend.tfjava.TfJavaUnderTest.TFJAVA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.Availability;
import io.lstmirf.api.BackendUnavailableException;
import io.lstmirf.api.Backends;
import io.lstmirf.api.Capabilities;
import io.lstmirf.api.Device;
import io.lstmirf.api.Gate;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.StepResult;
import io.lstmirf.api.check.Tolerance;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.Slices;
import io.lstmirf.testing.WeightTensors;
import org.junit.jupiter.api.Test;

/** The backend's contract around a model: loading, options, weights, the live forget bias. */
class TfJavaModelTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(2, 4, 2, 1);

  @Test
  void isRegisteredAndAvailableOnTheCpuInFloat32() {
    Backends backends = Backends.discover();
    assertTrue(backends.names().contains("tfjava"), backends.names().toString());
    Availability a = backends.get("tfjava").availability();
    assertTrue(a.available(), a.reason());
    Capabilities caps = TFJAVA.capabilities();
    assertEquals(Precision.FLOAT32, caps.defaultPrecision());
    assertTrue(caps.devices().contains(Device.CPU));
    assertTrue(TFJAVA.description().matches("TensorFlow Java 1\\.1\\.0, TensorFlow 2\\..*"),
        TFJAVA.description());
  }

  @Test
  void refusesFloat64AndAbsentGpusWithTheReason() {
    LstmWeights w = RandomData.weights(SPEC, 0.5, 1);
    BackendUnavailableException f64 = assertThrows(BackendUnavailableException.class,
        () -> TFJAVA.create(w, ModelOptions.of(Precision.FLOAT64)));
    assertTrue(f64.getMessage().contains("float32"), f64.getMessage());
    // No GPU on this machine (the CPU natives see none): a clear error, not a crash.
    if (!TFJAVA.capabilities().supports(Device.gpu(0))) {
      BackendUnavailableException gpu = assertThrows(BackendUnavailableException.class,
          () -> TFJAVA.create(w, ModelOptions.of(Precision.FLOAT32).withDevice(Device.gpu(0))));
      assertTrue(gpu.getMessage().contains("gpu:0"), gpu.getMessage());
      assertTrue(gpu.getMessage().contains("-Pgpu"), gpu.getMessage());
    }
  }

  @Test
  void weightsRoundTripExactlyAsFloats() {
    LstmWeights w = RandomData.weights(SPEC, 1.7, 2);
    try (LstmModel tf = TFJAVA.create(w)) {
      assertEquals(WeightTensors.roundedToFloat(w), tf.weights(), "float32 copies of the weights");
    }
    LstmWeights noHead = RandomData.weights(LstmSpec.of(3, 2, 1), 1.0, 3);
    try (LstmModel tf = TFJAVA.create(noHead)) {
      assertEquals(WeightTensors.roundedToFloat(noHead), tf.weights());
      assertTrue(tf.weights().head().isEmpty());
    }
  }

  @Test
  void setForgetBiasChangesTheLiveModelOnly() {
    LstmWeights w = RandomData.weights(SPEC, 0.8, 4);
    double[][][] x = RandomData.uniform(2, 6, 2, 1.0, 5);
    double[] bias = {0.5, -1.0, 2.0, 3.5};
    LstmWeights changed = w.withForgetBias(1, bias);
    try (LstmModel tf = TFJAVA.create(w); LstmModel ref = ReferenceOracle.model(changed);
        LstmSession session = tf.openSession(2)) {
      session.step(Slices.step(x, 0));
      tf.setForgetBias(1, bias);

      assertArrayEquals(bias, tf.forgetBias(1), 0.0);
      assertEquals(WeightTensors.roundedToFloat(changed), tf.weights(),
          "only layer 1's forget block changed");
      Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("forward after the change",
          ref.forward(x).output().get(), tf.forward(x).output().get());

      // the open session continues with the new bias from its carried state
      try (LstmModel old = ReferenceOracle.model(w); LstmModel now = ReferenceOracle.model(changed);
          LstmSession expected = now.openSession(2)) {
        double[][][] one = {{x[0][0]}, {x[1][0]}};
        expected.setState(old.forward(one).finalState());
        StepResult actual = session.step(Slices.step(x, 1));
        Agreement.absolute(Tolerance.FLOAT32.value()).assertClose("session step after the change",
            expected.step(Slices.step(x, 1)).output().get(), actual.output().get());
      }
    }
  }

  @Test
  void setForgetBiasForEveryLayerLeavesOtherGatesAlone() {
    LstmWeights w = RandomData.weights(SPEC, 0.8, 6);
    try (LstmModel tf = TFJAVA.create(w)) {
      tf.setForgetBias(2.25);
      LstmWeights now = tf.weights();
      for (int l = 0; l < SPEC.numLayers(); l++) {
        for (double v : now.forgetBias(l)) {
          assertEquals(2.25, v, 0.0);
        }
        for (Gate g : new Gate[] {Gate.INPUT, Gate.CELL, Gate.OUTPUT}) {
          assertArrayEquals(WeightTensors.roundedToFloat(w).layer(l).gateBias(g),
              now.layer(l).gateBias(g), 0.0, g + " bias of layer " + l);
        }
      }
    }
  }

  @Test
  void rejectsInvalidArgumentsWithTheirNames() {
    try (LstmModel tf = TFJAVA.create(RandomData.weights(SPEC, 0.5, 7))) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> tf.forward(new double[2][3][3]));
      assertTrue(e.getMessage().contains("inputs[0][0]"), e.getMessage());
      double[][][] inf = new double[1][2][2];
      inf[0][1][0] = Double.POSITIVE_INFINITY;
      e = assertThrows(InvalidInputException.class, () -> tf.forward(inf));
      assertTrue(e.getMessage().contains("inputs[0][1][0]"), e.getMessage());
      assertThrows(InvalidInputException.class, () -> tf.forward(new double[0][][]));
      assertThrows(InvalidInputException.class, () -> tf.forward(new double[1][0][2]));
      assertThrows(InvalidInputException.class,
          () -> tf.forward(new double[1][2][2], RandomData.state(SPEC, 3, 0.8, 2.0, 8)),
          "state batch");
      assertThrows(InvalidInputException.class, () -> tf.setForgetBias(2, new double[4]));
      assertThrows(InvalidInputException.class, () -> tf.setForgetBias(0, new double[3]));
      assertThrows(InvalidInputException.class,
          () -> tf.setForgetBias(0, new double[] {0, 0, Double.NaN, 0}));
    }
    LstmWeights nan = RandomData.weights(SPEC, 0.5, 9).withForgetBias(0,
        new double[] {0, Double.NaN, 0, 0});
    assertThrows(InvalidInputException.class, () -> TFJAVA.create(nan));
  }
}
