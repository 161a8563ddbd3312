package io.lstmirf.backend.tfjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.backend.reference.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The test oracle and fixtures: the pure-Java reference backend (double precision), seeded random
 * weights and data, and gradients by central differences of the reference's loss.
 */
final class Oracle {
  /** Absolute tolerance for float32 results on values of order 1. */
  static final double FLOAT32_TOLERANCE = 2e-5;

  static final LstmBackend TFJAVA = new TfJavaBackend();
  static final LstmBackend REFERENCE = new ReferenceBackend();

  private Oracle() {}

  /** Weights drawn from U(-scale, scale) for every entry, biases included. */
  static LstmWeights weights(LstmSpec spec, double scale, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int h = spec.hiddenSize();
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      layers.add(new LayerWeights(matrix(random, 4 * h, spec.layerInputSize(l), scale),
          matrix(random, 4 * h, h, scale), vector(random, 4 * h, scale)));
    }
    HeadWeights head = spec.hasHead() ? new HeadWeights(
        matrix(random, spec.headSize().getAsInt(), h, scale),
        vector(random, spec.headSize().getAsInt(), scale)) : null;
    return new LstmWeights(layers, head);
  }

  /** Values from U(-scale, scale), shaped {@code [a][b][c]}. */
  static double[][][] uniform(int a, int b, int c, double scale, long seed) {
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

  /** A random state {@code [L][B][H]}. */
  static LstmState state(LstmSpec spec, int batch, long seed) {
    return new LstmState(uniform(spec.numLayers(), batch, spec.hiddenSize(), 0.8, seed),
        uniform(spec.numLayers(), batch, spec.hiddenSize(), 2.0, seed + 1));
  }

  /** The inputs of every sequence at time step t, {@code [B][I]}. */
  static double[][] at(double[][][] x, int t) {
    double[][] out = new double[x.length][];
    for (int b = 0; b < x.length; b++) {
      out[b] = x[b][t];
    }
    return out;
  }

  /** The reference model of these weights; the caller closes it. */
  static LstmModel reference(LstmWeights weights) {
    return REFERENCE.create(weights);
  }

  /** The mean squared error the api defines, by the reference forward in double precision. */
  static double referenceLoss(LstmWeights weights, double[][][] x, double[][][] y,
      LossTarget target) {
    try (LstmModel m = reference(weights)) {
      double[][][] p = m.forward(x).responses();
      int steps = x[0].length;
      int first = target == LossTarget.LAST_STEP ? steps - 1 : 0;
      double sum = 0;
      long n = 0;
      for (int b = 0; b < p.length; b++) {
        for (int t = first; t < steps; t++) {
          for (int o = 0; o < p[b][t].length; o++) {
            double d = p[b][t][o] - y[b][t - first][o];
            sum += d * d;
            n++;
          }
        }
      }
      return sum / n;
    }
  }

  /**
   * d loss / d weight for every weight, by central differences of {@link #referenceLoss} (error
   * ~1e-9 with step 1e-5 in double precision): an oracle independent of any backpropagation.
   */
  static LstmWeights referenceGradients(LstmWeights w, double[][][] x, double[][][] y,
      LossTarget target) {
    double step = 1e-5;
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < w.numLayers(); l++) {
      final int layer = l;
      LayerWeights lw = w.layer(l);
      Matrix gIh = matrixGradient(lw.weightIh(), m -> w.withLayer(layer,
          new LayerWeights(m, lw.weightHh(), lw.bias())), x, y, target, step);
      Matrix gHh = matrixGradient(lw.weightHh(), m -> w.withLayer(layer,
          new LayerWeights(lw.weightIh(), m, lw.bias())), x, y, target, step);
      double[] gB = vectorGradient(lw.bias(), b -> w.withLayer(layer,
          new LayerWeights(lw.weightIh(), lw.weightHh(), b)), x, y, target, step);
      layers.add(new LayerWeights(gIh, gHh, gB));
    }
    HeadWeights head = null;
    if (w.head().isPresent()) {
      HeadWeights hw = w.head().get();
      head = new HeadWeights(
          matrixGradient(hw.weight(), m -> w.withHead(new HeadWeights(m, hw.bias())), x, y,
              target, step),
          vectorGradient(hw.bias(), b -> w.withHead(new HeadWeights(hw.weight(), b)), x, y,
              target, step));
    }
    return new LstmWeights(layers, head);
  }

  private static Matrix matrixGradient(Matrix m, java.util.function.Function<Matrix,
      LstmWeights> with, double[][][] x, double[][][] y, LossTarget target, double step) {
    double[] values = m.toRowMajor();
    double[] grad = vectorGradient(values,
        v -> with.apply(Matrix.ofRowMajor(m.rows(), m.cols(), v)), x, y, target, step);
    return Matrix.ofRowMajor(m.rows(), m.cols(), grad);
  }

  private static double[] vectorGradient(double[] values, java.util.function.Function<double[],
      LstmWeights> with, double[][][] x, double[][][] y, LossTarget target, double step) {
    double[] grad = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      double[] plus = values.clone();
      double[] minus = values.clone();
      plus[i] += step;
      minus[i] -= step;
      grad[i] = (referenceLoss(with.apply(plus), x, y, target)
          - referenceLoss(with.apply(minus), x, y, target)) / (2 * step);
    }
    return grad;
  }

  /** Every value of {@code w} rounded to float, as a float32 engine holds them. */
  static LstmWeights roundedToFloat(LstmWeights w) {
    List<LayerWeights> layers = new ArrayList<>();
    for (LayerWeights lw : w.layers()) {
      layers.add(new LayerWeights(round(lw.weightIh()), round(lw.weightHh()),
          round(lw.bias())));
    }
    HeadWeights head = w.head().map(h -> new HeadWeights(round(h.weight()), round(h.bias())))
        .orElse(null);
    return new LstmWeights(layers, head);
  }

  static void assertClose(double[][][] expected, double[][][] actual, double tolerance,
      String what) {
    assertEquals(expected.length, actual.length, what + ": batch");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i].length, actual[i].length, what + ": steps");
      for (int j = 0; j < expected[i].length; j++) {
        assertEquals(expected[i][j].length, actual[i][j].length, what + ": features");
      }
    }
    double diff = FlatArrays.maxAbsDifference(expected, actual);
    assertTrue(diff <= tolerance, what + " differs by " + diff + " > " + tolerance);
  }

  static void assertClose(double[][] expected, double[][] actual, double tolerance,
      String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    double diff = FlatArrays.maxAbsDifference(expected, actual);
    assertTrue(diff <= tolerance, what + " differs by " + diff + " > " + tolerance);
  }

  static void assertClose(LstmState expected, LstmState actual, double tolerance, String what) {
    double diff = expected.maxAbsDifference(actual);
    assertTrue(diff <= tolerance, what + " differs by " + diff + " > " + tolerance);
  }

  static void assertClose(LstmWeights expected, LstmWeights actual, double tolerance,
      String what) {
    double diff = expected.maxAbsDifference(actual);
    assertTrue(diff <= tolerance, what + " differs by " + diff + " > " + tolerance);
  }

  private static Matrix matrix(SplittableRandom random, int rows, int cols, double scale) {
    double[] d = new double[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (2 * random.nextDouble() - 1) * scale;
    }
    return Matrix.ofRowMajor(rows, cols, d);
  }

  private static double[] vector(SplittableRandom random, int n, double scale) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = (2 * random.nextDouble() - 1) * scale;
    }
    return d;
  }

  private static Matrix round(Matrix m) {
    return Matrix.ofRowMajor(m.rows(), m.cols(), m.toFloatRowMajor());
  }

  private static double[] round(double[] v) {
    return FlatArrays.toDouble(FlatArrays.toFloat(v));
  }
}
