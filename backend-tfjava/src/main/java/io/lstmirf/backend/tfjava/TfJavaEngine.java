package io.lstmirf.backend.tfjava;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;

import io.lstmirf.api.BackendUnavailableException;
import io.lstmirf.api.Device;
import io.lstmirf.api.EngineSettings;
import io.lstmirf.api.Precision;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * TensorFlow Java, loaded once per JVM: native settings applied before the natives load, the
 * session configuration every model uses, and the devices the engine sees.
 *
 * <p>TensorFlow never downloads anything at run time, so there is no offline switch to set. Its log
 * level is read from the environment ({@code TF_CPP_MIN_LOG_LEVEL}) when the library loads, which
 * Java cannot set for its own process: the launcher and the test JVMs set it to 2.
 */
final class TfJavaEngine {
  /** TensorFlow registers its LSTM kernels for half and float only (see TfJavaBackend). */
  static final List<Precision> PRECISIONS = List.of(Precision.FLOAT32);

  private static TfJavaEngine loaded;

  private final String version;
  private final List<Device> devices;

  private TfJavaEngine(String version, List<Device> devices) {
    this.version = version;
    this.devices = devices;
  }

  /** The TensorFlow runtime's own version, e.g. {@code 2.18.0}. */
  String version() {
    return version;
  }

  /** The CPU, then each GPU TensorFlow sees. */
  List<Device> devices() {
    return devices;
  }

  /**
   * Checks, without loading anything, that the native jar for this platform is on the class path; a
   * missing jar otherwise surfaces as an opaque {@code NoClassDefFoundError}.
   */
  private static void requireNatives() {
    String platform = Loader.getPlatform();
    String library = System.mapLibraryName("jnitensorflow");
    ClassLoader loader = TfJavaEngine.class.getClassLoader();
    for (String folder : new String[] {platform + "-gpu", platform}) {
      if (loader.getResource("org/tensorflow/internal/c_api/" + folder + "/" + library) != null) {
        return;
      }
    }
    throw new BackendUnavailableException(
        "TensorFlow Java natives for "
            + platform
            + " are not"
            + " on the class path: add org.tensorflow:tensorflow-core-native:"
            + TfJavaBuild.BUILT.tensorflowJava()
            + " with classifier "
            + platform
            + " (or "
            + platform
            + "-gpu with -Pgpu) next to lstm-irf-backend-tfjava");
  }

  /**
   * Applies the settings, checks that the natives are there, loads them, registers the LSTM
   * gradient and lists the devices TensorFlow sees; once per JVM.
   *
   * @throws BackendUnavailableException when the native jar for this platform is missing
   */
  static synchronized TfJavaEngine load() {
    if (loaded == null) {
      configure();
      requireNatives();
      String version = TensorFlow.version();
      TfJavaLogSilencer.runFirstSessionQuietly();
      TfJavaLstmGradient.register();
      loaded = new TfJavaEngine(version, listDevices());
    }
    return loaded;
  }

  /**
   * JavaCPP's settings ({@link EngineSettings#useJavaCpp}: the project's native cache, no resident
   * memory cap), unless the user chose them. Must run before any JavaCPP class initialises.
   */
  private static void configure() {
    EngineSettings.useJavaCpp();
  }

  /**
   * The session configuration of every model: {@link EngineSettings#threads()} intra-op threads; no
   * inter-op pool (a negative count runs every op on the calling thread: an LSTM step is a short
   * chain of dependent ops, and handing it to a pool thread and back cost ~40% of a step's CPU
   * time, 38 against 22 us, measured); GPU memory grown on demand rather than taken whole; soft
   * placement, so that an op without a GPU kernel falls back to the CPU; no Grappler graph
   * rewriting: the graphs here are a few ops long (BlockLSTM, a head), so there is nothing to gain,
   * and rewriting each new graph cost 10-20 ms on its first run, a third of building a model (the
   * self-check builds 16; training CPU time unchanged, 0.75-0.85 s for 3 epochs of the sweep's
   * model either way, measured side by side).
   */
  static ConfigProto sessionConfig() {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(EngineSettings.threads())
        .setInterOpParallelismThreads(-1)
        .setAllowSoftPlacement(true)
        .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true))
        .setGraphOptions(
            GraphOptions.newBuilder()
                .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true)))
        .build();
  }

  private static List<Device> listDevices() {
    List<Device> devices = new ArrayList<>();
    devices.add(Device.CPU);
    try (PointerScope scope = new PointerScope()) {
      TF_Status status = TF_Status.newStatus();
      TF_Graph graph = TF_NewGraph();
      TF_SessionOptions options = TF_NewSessionOptions();
      try {
        byte[] config = sessionConfig().toByteArray();
        TF_SetConfig(options, new BytePointer(config), config.length, status);
        status.throwExceptionIfNotOK();
        TF_Session session = TF_NewSession(graph, options, status);
        status.throwExceptionIfNotOK();
        try {
          TF_DeviceList list = TF_SessionListDevices(session, status);
          status.throwExceptionIfNotOK();
          try {
            for (int i = 0; i < TF_DeviceListCount(list); i++) {
              String type = TF_DeviceListType(list, i, status).getString();
              String name = TF_DeviceListName(list, i, status).getString();
              if (type.equals("GPU")) {
                devices.add(
                    Device.gpu(Integer.parseInt(name.substring(name.lastIndexOf(':') + 1))));
              }
            }
          } finally {
            TF_DeleteDeviceList(list);
          }
        } finally {
          TF_CloseSession(session, status);
          TF_DeleteSession(session, status);
        }
      } finally {
        TF_DeleteSessionOptions(options);
        TF_DeleteGraph(graph);
      }
    }
    return List.copyOf(devices);
  }
}
