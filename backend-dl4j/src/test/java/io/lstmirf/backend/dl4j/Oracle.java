package io.lstmirf.backend.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.backend.reference.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * What the DL4J backend is tested against: the reference backend's forward pass (float64, the
 * project's oracle), and gradients of its loss by finite differences, so that gradient and
 * optimiser tests do not depend on any DL4J code.
 */
final class Oracle {
  static final Dl4jBackend DL4J = new Dl4jBackend();
  static final ReferenceBackend REFERENCE = new ReferenceBackend();

  private Oracle() {}

  /** Agreement expected at a precision for values of order 1. */
  static double tolerance(Precision precision) {
    return precision == Precision.FLOAT32 ? 2e-5 : 1e-10;
  }

  static LstmModel dl4j(LstmWeights weights, Precision precision) {
    assertTrue(DL4J.availability().available(), DL4J.availability().reason());
    return DL4J.create(weights, ModelOptions.of(precision));
  }

  static LstmModel reference(LstmWeights weights) {
    return REFERENCE.create(weights, ModelOptions.of(Precision.FLOAT64));
  }

  /**
   * Weights with every entry, biases of every gate and the head included, drawn from
   * U(-scale, scale): a gate-order or transpose mistake cannot hide behind zeros.
   */
  static LstmWeights randomWeights(LstmSpec spec, double scale, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int h = spec.hiddenSize();
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      layers.add(new LayerWeights(matrix(r, 4 * h, spec.layerInputSize(l), scale),
          matrix(r, 4 * h, h, scale), vector(r, 4 * h, scale)));
    }
    HeadWeights head = spec.hasHead() ? new HeadWeights(matrix(r, spec.headSize().getAsInt(), h,
        scale), vector(r, spec.headSize().getAsInt(), scale)) : null;
    return new LstmWeights(layers, head);
  }

  static double[][][] random(int a, int b, int c, double scale, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][][] x = new double[a][b][c];
    for (double[][] plane : x) {
      for (double[] row : plane) {
        for (int k = 0; k < c; k++) {
          row[k] = (2 * r.nextDouble() - 1) * scale;
        }
      }
    }
    return x;
  }

  private static Matrix matrix(SplittableRandom r, int rows, int cols, double scale) {
    return Matrix.ofRowMajor(rows, cols, vector(r, rows * cols, scale));
  }

  private static double[] vector(SplittableRandom r, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (2 * r.nextDouble() - 1) * scale;
    }
    return v;
  }

  /** The canonical loss on the reference backend: MSE over every target element. */
  static double loss(LstmWeights weights, double[][][] inputs, double[][][] targets,
      LossTarget target) {
    try (LstmModel m = reference(weights)) {
      double[][][] y = m.forward(inputs).responses();
      int steps = inputs[0].length;
      double sum = 0;
      long n = 0;
      for (int b = 0; b < y.length; b++) {
        for (int t = 0; t < targets[b].length; t++) {
          double[] prediction = y[b][target == LossTarget.LAST_STEP ? steps - 1 : t];
          for (int o = 0; o < prediction.length; o++) {
            double d = prediction[o] - targets[b][t][o];
            sum += d * d;
            n++;
          }
        }
      }
      return sum / n;
    }
  }

  /**
   * The loss gradient by five-point central differences on the float64 reference: error about
   * {@code step^4} from truncation plus {@code 1e-16 / step} from rounding, below 1e-11 here.
   */
  static LstmWeights numericGradients(LstmWeights weights, double[][][] inputs,
      double[][][] targets, LossTarget target) {
    double step = 1e-3;
    return map(weights, (w, set) -> {
      DoubleUnaryOperator f = v -> loss(set.apply(v), inputs, targets, target);
      return (-f.applyAsDouble(w + 2 * step) + 8 * f.applyAsDouble(w + step)
          - 8 * f.applyAsDouble(w - step) + f.applyAsDouble(w - 2 * step)) / (12 * step);
    });
  }

  /** A function of one weight; {@code set} rebuilds the weights with that entry changed. */
  interface EntryFunction {
    double apply(double value, java.util.function.DoubleFunction<LstmWeights> set);
  }

  /** Weights shaped like {@code w} whose every entry is {@code fn(entry)}. */
  static LstmWeights map(LstmWeights w, EntryFunction fn) {
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < w.numLayers(); l++) {
      final int layer = l;
      LayerWeights lw = w.layer(l);
      double[] ih = lw.weightIh().toRowMajor();
      double[] hh = lw.weightHh().toRowMajor();
      double[] b = lw.bias();
      double[] gih = new double[ih.length];
      double[] ghh = new double[hh.length];
      double[] gb = new double[b.length];
      for (int i = 0; i < ih.length; i++) {
        final int at = i;
        gih[i] = fn.apply(ih[i], v -> w.withLayer(layer, new LayerWeights(
            Matrix.ofRowMajor(lw.weightIh().rows(), lw.weightIh().cols(), with(ih, at, v)),
            lw.weightHh(), b)));
      }
      for (int i = 0; i < hh.length; i++) {
        final int at = i;
        ghh[i] = fn.apply(hh[i], v -> w.withLayer(layer, new LayerWeights(lw.weightIh(),
            Matrix.ofRowMajor(lw.weightHh().rows(), lw.weightHh().cols(), with(hh, at, v)), b)));
      }
      for (int i = 0; i < b.length; i++) {
        final int at = i;
        gb[i] = fn.apply(b[i], v -> w.withLayer(layer, new LayerWeights(lw.weightIh(),
            lw.weightHh(), with(b, at, v))));
      }
      layers.add(new LayerWeights(Matrix.ofRowMajor(lw.weightIh().rows(), lw.weightIh().cols(),
          gih), Matrix.ofRowMajor(lw.weightHh().rows(), lw.weightHh().cols(), ghh), gb));
    }
    HeadWeights head = w.head().map(hw -> {
      double[] hwv = hw.weight().toRowMajor();
      double[] hb = hw.bias();
      double[] ghw = new double[hwv.length];
      double[] ghb = new double[hb.length];
      for (int i = 0; i < hwv.length; i++) {
        final int at = i;
        ghw[i] = fn.apply(hwv[i], v -> w.withHead(new HeadWeights(Matrix.ofRowMajor(
            hw.weight().rows(), hw.weight().cols(), with(hwv, at, v)), hb)));
      }
      for (int i = 0; i < hb.length; i++) {
        final int at = i;
        ghb[i] = fn.apply(hb[i], v -> w.withHead(new HeadWeights(hw.weight(), with(hb, at, v))));
      }
      return new HeadWeights(Matrix.ofRowMajor(hw.weight().rows(), hw.weight().cols(), ghw), ghb);
    }).orElse(null);
    return new LstmWeights(layers, head);
  }

  /** Every entry of two same-shaped weight sets combined: {@code fn(a, b)}. */
  static LstmWeights combine(LstmWeights a, LstmWeights b,
      java.util.function.DoubleBinaryOperator fn) {
    List<double[]> av = flat(a);
    List<double[]> bv = flat(b);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < av.size(); i++) {
      double[] x = av.get(i);
      double[] y = bv.get(i);
      double[] z = new double[x.length];
      for (int k = 0; k < x.length; k++) {
        z[k] = fn.applyAsDouble(x[k], y[k]);
      }
      out.add(z);
    }
    return unflat(a, out);
  }

  /** The global L2 norm over every entry. */
  static double norm(LstmWeights w) {
    double s = 0;
    for (double[] v : flat(w)) {
      for (double x : v) {
        s += x * x;
      }
    }
    return Math.sqrt(s);
  }

  /** The smallest absolute entry. */
  static double minAbs(LstmWeights w) {
    double m = Double.POSITIVE_INFINITY;
    for (double[] v : flat(w)) {
      for (double x : v) {
        m = Math.min(m, Math.abs(x));
      }
    }
    return m;
  }

  private static List<double[]> flat(LstmWeights w) {
    List<double[]> out = new ArrayList<>();
    for (LayerWeights l : w.layers()) {
      out.add(l.weightIh().toRowMajor());
      out.add(l.weightHh().toRowMajor());
      out.add(l.bias());
    }
    w.head().ifPresent(h -> {
      out.add(h.weight().toRowMajor());
      out.add(h.bias());
    });
    return out;
  }

  private static LstmWeights unflat(LstmWeights shape, List<double[]> values) {
    List<LayerWeights> layers = new ArrayList<>();
    int at = 0;
    for (LayerWeights l : shape.layers()) {
      layers.add(new LayerWeights(
          Matrix.ofRowMajor(l.weightIh().rows(), l.weightIh().cols(), values.get(at++)),
          Matrix.ofRowMajor(l.weightHh().rows(), l.weightHh().cols(), values.get(at++)),
          values.get(at++)));
    }
    HeadWeights head = null;
    if (shape.head().isPresent()) {
      HeadWeights h = shape.head().get();
      head = new HeadWeights(Matrix.ofRowMajor(h.weight().rows(), h.weight().cols(),
          values.get(at++)), values.get(at));
    }
    return new LstmWeights(layers, head);
  }

  private static double[] with(double[] values, int index, double value) {
    double[] out = values.clone();
    out[index] = value;
    return out;
  }

  /** Asserts that two weight sets of the same architecture agree within {@code tolerance}. */
  static void assertClose(LstmWeights expected, LstmWeights actual, double tolerance,
      String what) {
    double diff = expected.maxAbsDifference(actual);
    assertTrue(diff <= tolerance, what + ": max |difference| " + diff + " > " + tolerance);
  }

  static void assertClose(double expected, double actual, double tolerance, String what) {
    assertEquals(expected, actual, tolerance, what);
  }
}
