package io.lstmirf.interop.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.Precision;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs an ONNX model in ONNX Runtime (Java, one intra-op thread) on lstm-irf's arrays and hands the
 * outputs back as doubles: {@code output} plus the final states {@code h_n}, {@code c_n}.
 */
final class OnnxRuntimeRunner {
  /**
   * What the exported graph returned.
   *
   * @param output {@code output}, in the graph's own layout
   * @param finalH {@code h_n}
   * @param finalC {@code c_n}, null when the graph has none (a GRU layer has no cell state)
   */
  record Result(double[][][] output, double[][][] finalH, double[][][] finalC) {

    /** The largest difference of the final states to {@code expected}, c where there is one. */
    double maxStateDifference(LstmState expected) {
      double m = maxDifference(expected.h(), finalH);
      return finalC == null ? m : Math.max(m, maxDifference(expected.c(), finalC));
    }
  }

  /** The largest absolute difference of two arrays of one shape. */
  static double maxDifference(double[][][] a, double[][][] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        for (int k = 0; k < a[i][j].length; k++) {
          m = Math.max(m, Math.abs(a[i][j][k] - b[i][j][k]));
        }
      }
    }
    return m;
  }

  private OnnxRuntimeRunner() {}

  /**
   * @param inputs {@code input} in the graph's layout
   * @param initialState {@code h_0} and {@code c_0} (fed when the graph has it), or null when the
   *     graph has no state inputs
   */
  static Result run(byte[] model, double[][][] inputs, LstmState initialState, Precision precision)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      try (OrtSession session = env.createSession(model, options)) {
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
          feed.put("input", tensor(env, inputs, precision));
          if (initialState != null) {
            feed.put("h_0", tensor(env, initialState.h(), precision));
            if (session.getInputNames().contains("c_0")) {
              feed.put("c_0", tensor(env, initialState.c(), precision));
            }
          }
          try (OrtSession.Result r = session.run(feed)) {
            return new Result(
                widen(r.get("output").orElseThrow().getValue()),
                widen(r.get("h_n").orElseThrow().getValue()),
                r.get("c_n").isPresent() ? widen(r.get("c_n").get().getValue()) : null);
          }
        } finally {
          feed.values().forEach(OnnxTensor::close);
        }
      }
    }
  }

  private static OnnxTensor tensor(OrtEnvironment env, double[][][] a, Precision precision)
      throws OrtException {
    if (precision == Precision.FLOAT64) {
      return OnnxTensor.createTensor(env, a);
    }
    float[][][] f = new float[a.length][a[0].length][a[0][0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        for (int k = 0; k < a[i][j].length; k++) {
          f[i][j][k] = (float) a[i][j][k];
        }
      }
    }
    return OnnxTensor.createTensor(env, f);
  }

  private static double[][][] widen(Object value) {
    if (value instanceof double[][][] d) {
      return d;
    }
    float[][][] f = (float[][][]) value;
    double[][][] d = new double[f.length][f[0].length][f[0][0].length];
    for (int i = 0; i < f.length; i++) {
      for (int j = 0; j < f[i].length; j++) {
        for (int k = 0; k < f[i][j].length; k++) {
          d[i][j][k] = f[i][j][k];
        }
      }
    }
    return d;
  }
}
