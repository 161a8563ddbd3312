package io.lstmirf.backend.tfjava;

import static io.lstmirf.backend.tfjava.TfJavaUnderTest.TFJAVA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.Availability;
import io.lstmirf.api.BackendUnavailableException;
import io.lstmirf.api.Backends;
import io.lstmirf.api.Capabilities;
import io.lstmirf.api.Device;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.testing.RandomData;
import org.junit.jupiter.api.Test;

/**
 * Loading and engine options: the backend registers, runs float32 on the CPU, and refuses float64
 * and absent GPUs with the reason. Weights, the live forget bias and bad input are the conformance
 * suite's.
 */
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
    assertTrue(
        TFJAVA.description().matches("TensorFlow Java 1\\.1\\.0, TensorFlow 2\\..*"),
        TFJAVA.description());
  }

  @Test
  void refusesFloat64AndAbsentGpusWithTheReason() {
    LstmWeights w = RandomData.weights(SPEC, 0.5, 1);
    BackendUnavailableException f64 =
        assertThrows(
            BackendUnavailableException.class,
            () -> TFJAVA.create(w, ModelOptions.of(Precision.FLOAT64)));
    assertTrue(f64.getMessage().contains("float32"), f64.getMessage());
    // No GPU on this machine (the CPU natives see none): a clear error, not a crash.
    if (!TFJAVA.capabilities().supports(Device.gpu(0))) {
      BackendUnavailableException gpu =
          assertThrows(
              BackendUnavailableException.class,
              () -> TFJAVA.create(w, ModelOptions.of(Precision.FLOAT32).withDevice(Device.gpu(0))));
      assertTrue(gpu.getMessage().contains("gpu:0"), gpu.getMessage());
      assertTrue(gpu.getMessage().contains("-Pgpu"), gpu.getMessage());
    }
  }
}
