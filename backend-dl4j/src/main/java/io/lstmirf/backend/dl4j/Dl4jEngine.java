package io.lstmirf.backend.dl4j;

import io.lstmirf.api.Device;
import io.lstmirf.api.EngineSettings;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's natives, loaded once per JVM (ND4J's backend is process-wide). Loading applies the
 * project's {@link EngineSettings} first, then loads the backend, pins its thread pools, checks
 * that every op this module uses exists and runs the LSTM ops once on a tiny input, so that a
 * broken install shows up as an unavailable backend rather than as an error in the middle of a
 * computation.
 */
final class Dl4jEngine {
  /** ND4J's startup scan of the class path for mismatched versions: slow, and only logs. */
  static final String ND4J_VERSION_CHECK = "org.nd4j.versioncheck";

  /** ND4J's backend and thread banner at startup. */
  static final String ND4J_LOG_INITIALIZATION = "org.nd4j.log.initialization";

  /** The precisions ND4J computes LSTMs in. */
  static final List<Precision> PRECISIONS = List.of(Precision.FLOAT32, Precision.FLOAT64);

  private static Dl4jEngine loaded;

  private final List<Device> devices;

  private Dl4jEngine(List<Device> devices) {
    this.devices = List.copyOf(devices);
  }

  /** The CPU with the CPU backend; each CUDA device with the CUDA backend. */
  List<Device> devices() {
    return devices;
  }

  /** Loads ND4J once; later calls return the same engine. */
  static synchronized Dl4jEngine load() {
    if (loaded == null) {
      applySettings();
      Nd4j.getBackend(); // initialises ND4J: finds the backend and loads its natives
      applyThreads(EngineSettings.threads());
      smokeTest();
      loaded = new Dl4jEngine(findDevices());
    }
    return loaded;
  }

  /** Settings that only take effect before the natives load; each keeps a value the user set. */
  private static void applySettings() {
    EngineSettings.useJavaCpp();
    EngineSettings.setIfAbsent(ND4J_VERSION_CHECK, "false");
    EngineSettings.setIfAbsent(ND4J_LOG_INITIALIZATION, "false");
    // ND4J logs through slf4j: the CLI binds slf4j-nop; for an application that binds
    // slf4j-simple this keeps its INFO chatter out, other bindings are configured by the app.
    EngineSettings.setIfAbsent("org.slf4j.simpleLogger.log.org.nd4j", "warn");
  }

  /**
   * One intra-op thread by default: recurrent steps are too small to split, and on small machines
   * OpenMP's spinning threads made ND4J twice as slow. OMP_NUM_THREADS, read by the natives at
   * load, cannot be set from Java, so every pool is set here instead.
   */
  private static void applyThreads(int threads) {
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    Environment env = Nd4j.getEnvironment();
    env.setMaxThreads(threads);
    env.setMaxMasterThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
  }

  /**
   * Checks that every custom op this module runs exists, then runs a one-unit LSTM step, sequence
   * and head: fails here if an op or BLAS is missing or wrong.
   */
  private static void smokeTest() {
    Set<String> missing = new TreeSet<>(Dl4jLstmOps.NAMES);
    missing.addAll(Dl4jGruOps.NAMES);
    missing.removeAll(Nd4j.getExecutioner().getCustomOperations().keySet());
    if (!missing.isEmpty()) {
      throw new IllegalStateException("ND4J's natives lack the ops " + missing);
    }
    // one unit (two wide in the op layout), every weight 1, every bias 0
    LstmWeights ones =
        new LstmWeights(
            List.of(
                LayerWeights.of(
                    new double[][] {{1}, {1}, {1}, {1}},
                    new double[][] {{1}, {1}, {1}, {1}},
                    new double[4])),
            HeadWeights.of(new double[][] {{1}}, new double[1]));
    DataType f = DataType.FLOAT;
    try (Dl4jParameters w = Dl4jParameters.of(ones, f);
        INDArray x = Nd4j.ones(f, 1, 1);
        INDArray h0 = Nd4j.zeros(f, 1, w.width());
        INDArray c0 = Nd4j.zeros(f, 1, w.width());
        INDArray h = Nd4j.zeros(f, 1, w.width());
        INDArray c = Nd4j.zeros(f, 1, w.width());
        INDArray y = Nd4j.zeros(f, 1, 1);
        INDArray xs = Nd4j.ones(f, 1, 1, 1);
        INDArray hs = Nd4j.zeros(f, 1, 1, w.width());
        INDArray cs = Nd4j.zeros(f, 1, 1, w.width());
        Dl4jLstmOps.BoundOp cell = Dl4jLstmOps.cell(x, w.layer(0), h0, c0, h, c);
        Dl4jLstmOps.BoundOp head = Dl4jLstmOps.dense(h, w.headWeight(), w.headBias(), y)) {
      cell.run();
      head.run();
      Dl4jLstmOps.sequence(xs, w.layer(0), h0, c0, hs, cs);
      // every pre-activation is 1: c = sigmoid(1) tanh(1), h = sigmoid(1) tanh(c), y = h
      double expectC = sigmoid(1) * Math.tanh(1);
      double expectY = sigmoid(1) * Math.tanh(expectC);
      if (Math.abs(c.getDouble(0, 0) - expectC) > 1e-6
          || Math.abs(y.getDouble(0, 0) - expectY) > 1e-6
          || Math.abs(cs.getDouble(0, 0, 0) - expectC) > 1e-6
          || Math.abs(hs.getDouble(0, 0, 0) - expectY) > 1e-6) {
        throw new IllegalStateException(
            "ND4J's LSTM ops computed c = "
                + c.getDouble(0, 0)
                + ", y = "
                + y.getDouble(0, 0)
                + ", sequence c = "
                + cs.getDouble(0, 0, 0)
                + ", h = "
                + hs.getDouble(0, 0, 0)
                + " on a test input instead of c = "
                + expectC
                + ", h = "
                + expectY);
      }
    }
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static List<Device> findDevices() {
    List<Device> devices = new ArrayList<>();
    if (Nd4j.getEnvironment().isCPU()) {
      devices.add(Device.CPU);
    } else {
      // ND4J runs everything on its one backend: with CUDA loaded there is no CPU execution.
      int gpus = Nd4j.getAffinityManager().getNumberOfDevices();
      for (int i = 0; i < gpus; i++) {
        devices.add(Device.gpu(i));
      }
    }
    return devices;
  }

  /** What a failed load needs, for the unavailability reason. */
  static String loadFailureFix() {
    Dl4jBuild versions = Dl4jBuild.BUILT;
    String platform = versions.platform();
    String jars =
        versions.cuda()
            ? "org.nd4j:"
                + versions.backendArtifact()
                + ":"
                + versions.dl4j()
                + ":"
                + platform
                + " on the class path, an NVIDIA GPU with its driver, and the CUDA 11.6 / cuDNN 8.3"
                + " libraries (installed, or org.bytedeco:cuda:11.6-8.3-1.5.7:"
                + platform
                + "-redist); or build without -Pgpu for the CPU backend"
            : "org.nd4j:"
                + versions.backendArtifact()
                + ":"
                + versions.dl4j()
                + ":"
                + platform
                + " and org.bytedeco:openblas:"
                + versions.openblas()
                + ":"
                + platform
                + " on the class path (dependencies of lstm-irf-backend-dl4j)";
    return "this needs "
        + jars
        + ". This JVM runs on "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch")
        + "; natives are extracted to "
        + EngineSettings.javaCppCacheDirectory()
        + ", which must be writable";
  }
}
