package io.lstmirf.backend.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.BackendUnavailableException;
import io.lstmirf.api.Backends;
import io.lstmirf.api.Capabilities;
import io.lstmirf.api.Device;
import io.lstmirf.api.EngineSettings;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Registration, loading, capabilities and device handling. */
class Dl4jBackendTest {

  @Test
  void isRegisteredAndLoads() {
    LstmBackend backend = Backends.discover().get("dl4j");
    assertInstanceOf(Dl4jBackend.class, backend);
    assertTrue(backend.availability().available(), backend.availability().reason());
    assertTrue(
        backend.description().startsWith("Deeplearning4j 1.0.0-M2.1, ND4J"), backend.description());
  }

  @Test
  void computesInFloat32AndFloat64OnTheCpu() {
    Capabilities caps = Dl4jUnderTest.DL4J.capabilities();
    assertEquals(List.of(Precision.FLOAT32, Precision.FLOAT64), caps.precisions());
    assertEquals(Precision.FLOAT32, caps.defaultPrecision());
    assertTrue(caps.supports(Device.CPU), caps.devices().toString());
  }

  @Test
  void appliesTheThreadSetting() {
    Dl4jUnderTest.DL4J.availability();
    assertEquals(EngineSettings.threads(), Nd4j.getEnvironment().maxThreads());
    assertEquals(EngineSettings.threads(), Nd4j.getEnvironment().maxMasterThreads());
  }

  /**
   * JavaCPP reads its settings once per JVM, when the first JavaCPP engine loads: loading dl4j
   * first must leave no resident-memory cap, which tfjava's steps would pay for at every tensor
   * (EngineSettings.useJavaCpp).
   */
  @Test
  void leavesJavaCppWithoutAResidentMemoryCap() {
    Dl4jUnderTest.DL4J.availability();
    assertEquals(0, Pointer.maxPhysicalBytes());
  }

  @Test
  void aGpuIsUsedWhenPresentAndOtherwiseAClearError() {
    LstmSpec spec = LstmSpec.withHead(1, 3, 1, 1);
    LstmWeights w = RandomData.weights(spec, 0.5, 1);
    ModelOptions gpu = new ModelOptions(Precision.FLOAT32, Device.gpu(0));
    if (Dl4jUnderTest.DL4J.capabilities().supports(Device.gpu(0))) {
      double[][][] x = RandomData.uniform(2, 5, 1, 1, 2);
      try (LstmModel m = Dl4jUnderTest.DL4J.create(w, gpu);
          LstmModel ref = ReferenceOracle.model(w)) {
        Agreement.absolute(2e-5).assertClose("on gpu:0", ref.forward(x), m.forward(x));
      }
    } else {
      BackendUnavailableException e =
          assertThrows(BackendUnavailableException.class, () -> Dl4jUnderTest.DL4J.create(w, gpu));
      assertTrue(
          e.getMessage().contains("gpu:0") && e.getMessage().contains("-Pgpu"), e.getMessage());
    }
  }

  @Test
  void aLoadFailureNamesTheMissingJarsAndTheCacheDirectory() {
    // (the root cause goes in front of this fix: AbstractLstmBackend, tested in the api module)
    String reason = Dl4jEngine.loadFailureFix();
    assertTrue(reason.contains("org.nd4j:nd4j-native:1.0.0-M2.1:linux-x86_64"), reason);
    assertTrue(reason.contains("org.bytedeco:openblas:0.3.28-1.5.11:linux-x86_64"), reason);
    assertTrue(reason.contains("writable"), reason);
  }
}
