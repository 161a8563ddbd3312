package io.lstmirf.backend.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.Availability;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.backend.reference.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Shared backends, random models and inputs, and the tolerances of the tests. */
final class Fixtures {
  static final DjlBackend DJL = new DjlBackend();
  static final ReferenceBackend REFERENCE = new ReferenceBackend();

  private Fixtures() {}

  /** Fails (never skips) when the engine does not load: these tests exist to run it. */
  static void requireDjl() {
    Availability a = DJL.availability();
    assertTrue(a.available(), () -> "DJL backend unavailable: " + a.reason());
  }

  /** Absolute tolerance for values of order 1. */
  static double tolerance(Precision precision) {
    return precision == Precision.FLOAT64 ? 1e-10 : 2e-5;
  }

  static LstmModel djl(LstmWeights weights, Precision precision) {
    return DJL.create(weights, ModelOptions.of(precision));
  }

  static LstmModel reference(LstmWeights weights) {
    return REFERENCE.create(weights);
  }

  /**
   * Weights with every entry random, biases and head included, so that a misplaced gate block
   * or bias cannot go unnoticed.
   */
  static LstmWeights randomWeights(LstmSpec spec, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int h = spec.hiddenSize();
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      layers.add(new LayerWeights(matrix(random, 4 * h, spec.layerInputSize(l), 0.6),
          matrix(random, 4 * h, h, 0.6), values(random, 4 * h, 0.5)));
    }
    HeadWeights head = spec.hasHead()
        ? new HeadWeights(matrix(random, spec.responseSize(), h, 0.8),
            values(random, spec.responseSize(), 0.3))
        : null;
    return new LstmWeights(layers, head);
  }

  /** Inputs {@code [B][T][I]} uniform in (-1, 1). */
  static double[][][] inputs(int batch, int steps, int features, long seed) {
    return uniform(batch, steps, features, seed, 1.0);
  }

  static double[][][] uniform(int a, int b, int c, long seed, double scale) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][][] x = new double[a][b][c];
    for (double[][] plane : x) {
      for (double[] row : plane) {
        for (int k = 0; k < c; k++) {
          row[k] = (2 * random.nextDouble() - 1) * scale;
        }
      }
    }
    return x;
  }

  private static Matrix matrix(SplittableRandom random, int rows, int cols, double scale) {
    return Matrix.ofRowMajor(rows, cols, values(random, rows * cols, scale));
  }

  private static double[] values(SplittableRandom random, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (2 * random.nextDouble() - 1) * scale;
    }
    return v;
  }
}
