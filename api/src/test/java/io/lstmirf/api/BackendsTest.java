package io.lstmirf.api;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendsTest {
  private static final LstmWeights WEIGHTS =
      new LstmWeights(
          List.of(new LayerWeights(Matrix.zeros(4, 1), Matrix.zeros(4, 1), new double[4])));

  private static FakeBackend ok(String name) {
    return new FakeBackend(name, () -> "engine");
  }

  @Test
  void theReferenceComesFirstThenByName() {
    Backends b = Backends.of(List.of(ok("tfjava"), ok("djl"), ok("reference"), ok("dl4j")));
    assertEquals(List.of("reference", "djl", "dl4j", "tfjava"), b.names());
    assertEquals("reference", b.all().get(0).name());
  }

  @Test
  void namesAreCaseInsensitiveAndUnknownNamesListTheKnownOnes() {
    FakeBackend djl = ok("djl");
    Backends b = Backends.of(List.of(ok("reference"), djl));
    assertSame(djl, b.get("DJL"));
    LstmIrfException e = assertThrows(LstmIrfException.class, () -> b.get("pytorch"));
    assertTrue(
        e.getMessage().contains("unknown backend 'pytorch'; known backends: reference," + " djl"),
        e.getMessage());
    assertTrue(e.getMessage().contains("found only when their module is on the class path"));
    assertThrows(LstmIrfException.class, () -> b.get(null));
  }

  @Test
  void twoBackendsWithOneNameAreAnError() {
    LstmIrfException e =
        assertThrows(LstmIrfException.class, () -> Backends.of(List.of(ok("djl"), ok("DJL"))));
    assertTrue(
        e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("two backends are named 'djl'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("remove one from the class path"), e.getMessage());
  }

  @Test
  void theDefaultComesFromTheSystemPropertyElseTheReference() {
    Backends b = Backends.of(List.of(ok("reference"), ok("djl")));
    String before = System.getProperty(Backends.DEFAULT_PROPERTY);
    try {
      System.clearProperty(Backends.DEFAULT_PROPERTY);
      // (the environment variable is read next; this test assumes it is unset)
      if (System.getenv(Backends.DEFAULT_ENV) == null) {
        assertEquals("reference", b.defaultBackend().name());
      }
      System.setProperty(Backends.DEFAULT_PROPERTY, " djl ");
      assertEquals("djl", b.defaultBackend().name());
      System.setProperty(Backends.DEFAULT_PROPERTY, "nope");
      assertThrows(
          LstmIrfException.class,
          b::defaultBackend,
          "a wrong default is an error," + " not a silent fallback");
    } finally {
      if (before == null) {
        System.clearProperty(Backends.DEFAULT_PROPERTY);
      } else {
        System.setProperty(Backends.DEFAULT_PROPERTY, before);
      }
    }
  }

  @Test
  void aMissingNativeLibraryMakesTheBackendUnavailableWithTheReason() {
    FakeBackend torch =
        new FakeBackend(
            "djl",
            () -> {
              throw new UnsatisfiedLinkError("no jnitorch in java.library.path");
            });
    Availability a = torch.availability();
    assertFalse(a.available());
    assertTrue(
        a.reason().contains("UnsatisfiedLinkError: no jnitorch in java.library.path"), a.reason());
    assertTrue(
        a.reason().contains(EngineSettings.cacheDirectory().toString()),
        "the reason says where natives are extracted: " + a.reason());
    torch.availability();
    assertEquals(1, torch.loads.get(), "the engine is loaded once and the answer kept");

    Backends b = Backends.of(List.of(ok("reference"), torch));
    assertEquals(List.of("reference"), b.available().stream().map(LstmBackend::name).toList());
    BackendUnavailableException e =
        assertThrows(BackendUnavailableException.class, () -> b.getAvailable("djl"));
    assertTrue(e.getMessage().contains("backend 'djl' is unavailable: "), e.getMessage());
    e = assertThrows(BackendUnavailableException.class, () -> torch.create(WEIGHTS));
    assertTrue(e.getMessage().contains("jnitorch"), e.getMessage());
    assertEquals(0, torch.modelsRequested.get());
  }

  @Test
  void theRootCauseOfAWrappedFailureIsReported() {
    FakeBackend tf =
        new FakeBackend(
            "tfjava",
            () -> {
              throw new IllegalStateException(
                  "engine init failed",
                  new UnsatisfiedLinkError(
                      "libtensorflow_cc.so.2: cannot open shared object file\nsecond line"));
            });
    String reason = tf.availability().reason();
    assertTrue(reason.contains("UnsatisfiedLinkError: libtensorflow_cc.so.2: cannot open"), reason);
    assertFalse(reason.contains("second line"), "one line: " + reason);
  }

  @Test
  void aWrongSettingIsReportedAsItselfNotAsMissingNatives() {
    FakeBackend djl =
        new FakeBackend(
            "djl",
            () -> {
              throw new IllegalStateException(
                  "engine init failed",
                  new InvalidInputException(
                      "lstmirf.threads / LSTM_IRF_THREADS must be a positive integer, got '0'"));
            });
    String reason = djl.availability().reason();
    assertTrue(
        reason.endsWith(
            "cannot start: lstmirf.threads / LSTM_IRF_THREADS must be a"
                + " positive integer, got '0'"),
        reason);
    assertFalse(reason.contains("native"), reason);
  }

  @Test
  void linkageErrorsAreReportedButTheVmRunningOutOfMemoryIsNot() {
    assertFalse(
        new FakeBackend(
                "x",
                () -> {
                  throw new NoClassDefFoundError("org/nd4j/linalg/factory/Nd4j");
                })
            .availability()
            .available());
    assertFalse(
        new FakeBackend(
                "x",
                () -> {
                  throw new StackOverflowError();
                })
            .availability()
            .available());
    assertThrows(
        OutOfMemoryError.class,
        () ->
            new FakeBackend(
                    "x",
                    () -> {
                      throw new OutOfMemoryError("native");
                    })
                .availability());
    Availability noGpu =
        new FakeBackend(
                "x",
                () -> {
                  throw new BackendUnavailableException("no GPU here: build without -Pgpu");
                })
            .availability();
    assertFalse(noGpu.available());
    assertEquals(
        "no GPU here: build without -Pgpu", noGpu.reason(), "a known reason is reported as it is");
  }

  @Test
  void createChecksPrecisionDeviceAndFinitenessBeforeTheEngine() {
    FakeBackend fake =
        new FakeBackend("fake", () -> "engine", List.of(Precision.FLOAT32), List.of(Device.CPU));
    assertRejectedUnavailable(
        () -> fake.create(WEIGHTS, ModelOptions.of(Precision.FLOAT64)),
        "backend 'fake' does not compute in float64; use float32");
    assertRejectedUnavailable(
        () -> fake.create(WEIGHTS, new ModelOptions(Precision.FLOAT32, Device.gpu(1))),
        "cannot use device gpu:1 here; devices found: cpu",
        "A GPU needs a CUDA device");
    LstmWeights nan = WEIGHTS.withForgetBias(0, new double[] {Double.NaN});
    assertRejected(() -> fake.create(nan), "layers[0].bias[1] is not a finite number");
    assertEquals(0, fake.modelsRequested.get(), "nothing reached the engine");
    fake.create(WEIGHTS);
    assertEquals(1, fake.modelsRequested.get(), "create() uses the default precision");
  }

  private static void assertRejectedUnavailable(
      org.junit.jupiter.api.function.Executable call, String... parts) {
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class, call);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), () -> "should mention '" + p + "': " + e.getMessage());
    }
  }

  @Test
  void discoveryFindsRegisteredBackendsAndNamesOnesThatCannotBeBuilt(@TempDir Path dir)
      throws Exception {
    assertEquals(List.of(), Backends.discover().names(), "api alone registers no backend");
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Path registry = services.resolve(LstmBackend.class.getName());
    Files.writeString(registry, FakeBackend.class.getName() + "\n");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      assertEquals(List.of("fake"), Backends.discover(loader).names());
    }
    Files.writeString(registry, "io.lstmirf.NoSuchBackend\n");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      LstmIrfException e = assertThrows(LstmIrfException.class, () -> Backends.discover(loader));
      assertTrue(
          e.getMessage().contains("could not be instantiated")
              && e.getMessage().contains("io.lstmirf.NoSuchBackend"),
          e.getMessage());
    }
  }

  @Test
  void availabilityNeedsAReasonWhenUnavailable() {
    assertThrows(IllegalArgumentException.class, () -> Availability.unavailable(" "));
    assertEquals("", Availability.ok().reason());
  }
}
