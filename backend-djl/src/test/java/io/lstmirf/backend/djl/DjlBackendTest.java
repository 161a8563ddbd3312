package io.lstmirf.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.BackendUnavailableException;
import io.lstmirf.api.Backends;
import io.lstmirf.api.Capabilities;
import io.lstmirf.api.Device;
import io.lstmirf.api.EngineSettings;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.testing.Engines;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery, loading, capabilities and devices. */
class DjlBackendTest {
  private static final LstmWeights WEIGHTS = DjlUnderTest.randomWeights(LstmSpec.of(1, 3, 1), 1);

  @BeforeAll
  static void engineLoads() {
    Engines.requireAvailable(DjlUnderTest.DJL);
  }

  @Test
  void isFoundOnTheClassPathByName() {
    Backends backends = Backends.discover();
    assertTrue(backends.get("djl") instanceof DjlBackend);
    assertTrue(backends.get("DJL").availability().available());
    assertTrue(backends.names().contains("reference"));
  }

  @Test
  void describesTheEngineItWasBuiltAgainst() {
    String description = new DjlBackend().description();
    assertTrue(
        description.matches("DJL \\d+\\.\\d+\\.\\d+, PyTorch \\d+\\.\\d+\\.\\d+ \\(.+\\)"),
        description);
  }

  @Test
  void computesInBothPrecisionsOnTheCpu() {
    Capabilities caps = DjlUnderTest.DJL.capabilities();
    assertEquals(Precision.FLOAT32, caps.defaultPrecision());
    assertTrue(caps.supports(Precision.FLOAT64));
    assertEquals(Device.CPU, caps.devices().get(0));
    try (LstmModel model = DjlUnderTest.DJL.create(WEIGHTS)) {
      assertEquals(Precision.FLOAT32, model.options().precision());
    }
  }

  @Test
  void extractsNativesUnderTheProjectCache() throws Exception {
    // Surefire sets -Dlstmirf.cache.dir; the engine must have used it rather than ~/.djl.ai.
    Path pytorch = EngineSettings.cacheDirectory("djl").resolve("pytorch");
    assertTrue(Files.isDirectory(pytorch), pytorch + " should hold the extracted libtorch");
    try (var entries = Files.list(pytorch)) {
      assertTrue(entries.findAny().isPresent());
    }
  }

  @Test
  void aMissingGpuIsAClearError() {
    int gpus = DjlUnderTest.DJL.capabilities().devices().size() - 1;
    Device absent = Device.gpu(gpus);
    BackendUnavailableException e =
        assertThrows(
            BackendUnavailableException.class,
            () ->
                DjlUnderTest.DJL.create(
                    WEIGHTS, ModelOptions.of(Precision.FLOAT32).withDevice(absent)));
    String message = e.getMessage();
    assertNotNull(message);
    assertTrue(message.contains(absent.toString()) && message.contains("-Pgpu"), message);
  }
}
