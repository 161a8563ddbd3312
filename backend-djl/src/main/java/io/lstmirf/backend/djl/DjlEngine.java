package io.lstmirf.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.util.ClassLoaderUtils;
import io.lstmirf.api.BackendUnavailableException;
import io.lstmirf.api.Device;
import io.lstmirf.api.EngineException;
import io.lstmirf.api.EngineSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL's PyTorch engine, loaded the way this project needs it: natives from the class path only
 * (offline), extracted under the project's native cache, with deliberate thread counts, quiet logs
 * and oneDNN capped at AVX2 ({@link DjlOneDnn}). PyTorch reads these settings once, when it loads,
 * so they are applied before the first engine class is touched; none overrides a value the user
 * already set.
 */
final class DjlEngine {
  private static final String ENGINE_NAME = "PyTorch";

  private final Engine engine;
  private final List<Device> devices;
  private final DjlOneDnn.State oneDnn;

  private DjlEngine(Engine engine, DjlOneDnn.State oneDnn) {
    this.engine = engine;
    this.oneDnn = oneDnn;
    List<Device> found = new ArrayList<>();
    found.add(Device.CPU);
    for (int i = 0; i < engine.getGpuCount(); i++) {
      found.add(Device.gpu(i));
    }
    this.devices = List.copyOf(found);
  }

  /**
   * Applies the settings and loads the natives.
   *
   * @throws BackendUnavailableException with a reason that names the problem and the fix, when a
   *     native jar is missing (DJL would try to download it, and fail with a less helpful message
   *     offline), or when CUDA natives find no GPU
   */
  static DjlEngine load(DjlBuild build) {
    configure();
    if (isOffline() && EngineSettings.get("PYTORCH_LIBRARY_PATH", "PYTORCH_LIBRARY_PATH") == null) {
      requireResource(
          "native/lib/pytorch.properties",
          "the PyTorch native library jar " + build.nativeCoordinates(),
          "add that jar (the backend-djl module depends on it),"
              + " or point PYTORCH_LIBRARY_PATH at a libtorch "
              + build.pytorchVersion()
              + " directory");
      requireResource(
          "jnilib/pytorch.properties",
          "DJL's PyTorch JNI jar " + build.jniCoordinates(),
          "add that jar (the backend-djl module depends on it)");
    }
    Engine engine;
    try {
      engine = Engine.getEngine(ENGINE_NAME);
    } catch (RuntimeException e) {
      if (!build.isCuda()) {
        throw e;
      }
      // DJL uses CUDA natives only on a machine whose CUDA is at least as new as theirs;
      // elsewhere it looks for CPU natives to download, which offline mode refuses.
      throw new BackendUnavailableException(
          "the CUDA natives of this build ("
              + build.description()
              + ", "
              + build.nativeCoordinates()
              + ") could not be used: "
              + EngineException.rootCause(e)
              + "; they need an NVIDIA GPU whose driver supports CUDA "
              + build.cudaVersion()
              + " or later. On a machine without one, build without -Pgpu to"
              + " use the CPU natives",
          e);
    }
    return new DjlEngine(engine, DjlOneDnn.capUnlessChosen(() -> runOneStep(engine)));
  }

  /** What oneDNN may run on this CPU (see {@link DjlOneDnn}). */
  DjlOneDnn.State oneDnn() {
    return oneDnn;
  }

  /** One float32 LSTM step on the CPU: makes PyTorch's oneDNN initialise. */
  private static void runOneStep(Engine engine) {
    try (NDManager m = engine.newBaseManager(ai.djl.Device.cpu())) {
      NDArray x = m.ones(new Shape(1, 1, 1), DataType.FLOAT32);
      NDArray state = m.zeros(new Shape(1, 1, 1), DataType.FLOAT32);
      NDList weights =
          new NDList(
              m.ones(new Shape(4, 1), DataType.FLOAT32),
              m.ones(new Shape(4, 1), DataType.FLOAT32),
              m.zeros(new Shape(4), DataType.FLOAT32),
              m.zeros(new Shape(4), DataType.FLOAT32));
      x.getNDArrayInternal()
          .lstm(x, new NDList(state, state), weights, true, 1, 0.0, false, false, true);
    }
  }

  /** The CPU, and each GPU the loaded natives can use. */
  List<Device> devices() {
    return devices;
  }

  /** A new top-level manager for arrays on {@code device}. */
  NDManager newManager(Device device) {
    return engine.newBaseManager(
        device.isGpu() ? ai.djl.Device.gpu(device.index()) : ai.djl.Device.cpu());
  }

  /** A new gradient collector; see {@link DjlGradientTape} for why callers go through it. */
  GradientCollector newGradientCollector() {
    return engine.newGradientCollector();
  }

  private static void configure() {
    // DJL reads DJL_OFFLINE from the environment, then ai.djl.offline. Offline also turns off
    // the engine's start-up telemetry, which would otherwise contact the network.
    if (System.getenv("DJL_OFFLINE") == null) {
      EngineSettings.setIfAbsent("ai.djl.offline", "true");
    }
    String cache = EngineSettings.cacheDirectory("djl").toString();
    EngineSettings.setIfAbsent("ENGINE_CACHE_DIR", cache); // where libtorch is extracted
    EngineSettings.setIfAbsent("DJL_CACHE_DIR", cache); // DJL's other caches
    EngineSettings.setIfAbsent(
        "ai.djl.pytorch.num_threads", Integer.toString(EngineSettings.threads()));
    // Recurrent steps are too small to split across operators; one inter-op thread avoids
    // a second pool of spinning threads on small machines.
    EngineSettings.setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    // DJL logs its start-up at INFO; keep slf4j-simple (if that is the binding) at WARN for it.
    EngineSettings.setIfAbsent("org.slf4j.simpleLogger.log.ai.djl", "warn");
  }

  private static boolean isOffline() {
    return Boolean.parseBoolean(EngineSettings.get("ai.djl.offline", "DJL_OFFLINE"));
  }

  private static void requireResource(String resource, String what, String fix) {
    // The class loader DJL itself searches (Platform.detectPlatform, LibUtils).
    if (ClassLoaderUtils.getContextClassLoader().getResource(resource) == null) {
      throw new BackendUnavailableException(
          what
              + " is not on the class path, and offline mode"
              + " (ai.djl.offline / DJL_OFFLINE) forbids downloading it: "
              + fix);
    }
  }
}
