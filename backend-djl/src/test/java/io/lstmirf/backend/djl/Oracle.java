package io.lstmirf.backend.djl;

import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Expected values computed outside the engine: the loss from the reference backend's
 * double-precision forward pass, its gradient by central differences of that loss, and the
 * documented optimiser updates applied to them in plain Java.
 */
final class Oracle {
  /**
   * Step of the five-point central difference: truncation ~h^4 = 1e-12, rounding
   * ~1e-16 / h = 1e-13, so the gradients are good to ~1e-12, enough to check float64.
   */
  private static final double STEP = 1e-3;

  private Oracle() {}

  /** Mean squared error of the reference's predictions, as {@code LstmModel#gradients}. */
  static double loss(LstmWeights weights, double[][][] inputs, double[][][] targets,
      LossTarget loss) {
    try (LstmModel model = Fixtures.reference(weights)) {
      double[][][] y = model.forward(inputs).responses();
      int steps = y[0].length;
      double sum = 0;
      int count = 0;
      for (int b = 0; b < y.length; b++) {
        for (int t = 0; t < targets[b].length; t++) {
          double[] prediction = y[b][loss == LossTarget.LAST_STEP ? steps - 1 : t];
          for (int o = 0; o < prediction.length; o++) {
            double d = prediction[o] - targets[b][t][o];
            sum += d * d;
            count++;
          }
        }
      }
      return sum / count;
    }
  }

  /** d loss / d weight for every canonical weight, by central differences. */
  static LstmWeights gradients(LstmWeights weights, double[][][] inputs, double[][][] targets,
      LossTarget loss) {
    double[] w = flatten(weights);
    double[] g = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      double saved = w[i];
      double[] f = new double[4];
      double[] offsets = {2 * STEP, STEP, -STEP, -2 * STEP};
      for (int k = 0; k < 4; k++) {
        w[i] = saved + offsets[k];
        f[k] = loss(unflatten(weights.spec(), w), inputs, targets, loss);
      }
      w[i] = saved;
      g[i] = (-f[0] + 8 * f[1] - 8 * f[2] + f[3]) / (12 * STEP);
    }
    return unflatten(weights.spec(), g);
  }

  /** {@code w - lr * scale * g}. */
  static LstmWeights sgd(LstmWeights weights, LstmWeights gradients, double learningRate,
      double clipNorm) {
    double[] w = flatten(weights);
    double[] g = flatten(gradients);
    double scale = clipScale(g, clipNorm);
    for (int i = 0; i < w.length; i++) {
      w[i] -= learningRate * scale * g[i];
    }
    return unflatten(weights.spec(), w);
  }

  /** Adam exactly as {@link Optimizer.Adam} documents it, carrying its moments across steps. */
  static final class Adam {
    private final Optimizer.Adam config;
    private double[] m;
    private double[] v;
    private int t;

    Adam(Optimizer.Adam config) {
      this.config = config;
    }

    LstmWeights step(LstmWeights weights, LstmWeights gradients) {
      double[] w = flatten(weights);
      double[] g = flatten(gradients);
      if (m == null) {
        m = new double[w.length];
        v = new double[w.length];
      }
      t++;
      double b1 = config.beta1();
      double b2 = config.beta2();
      double lrT = config.learningRate() * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
      for (int i = 0; i < w.length; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        w[i] -= lrT * m[i] / (Math.sqrt(v[i]) + config.epsilon());
      }
      return unflatten(weights.spec(), w);
    }
  }

  /** Global L2 norm over every weight. */
  static double norm(LstmWeights weights) {
    double s = 0;
    for (double v : flatten(weights)) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /** Largest absolute entry over every weight. */
  static double maxAbs(LstmWeights weights) {
    double m = 0;
    for (double v : flatten(weights)) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  private static double clipScale(double[] g, double clipNorm) {
    if (clipNorm <= 0) {
      return 1;
    }
    double s = 0;
    for (double v : g) {
      s += v * v;
    }
    return clipNorm / Math.max(Math.sqrt(s), clipNorm);
  }

  /** Every weight in one vector: per layer W_ih, W_hh, b; then the head's W, b. */
  static double[] flatten(LstmWeights weights) {
    List<double[]> parts = new ArrayList<>();
    for (LayerWeights l : weights.layers()) {
      parts.add(l.weightIh().toRowMajor());
      parts.add(l.weightHh().toRowMajor());
      parts.add(l.bias());
    }
    weights.head().ifPresent(h -> {
      parts.add(h.weight().toRowMajor());
      parts.add(h.bias());
    });
    int n = parts.stream().mapToInt(p -> p.length).sum();
    double[] out = new double[n];
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static LstmWeights unflatten(LstmSpec spec, double[] w) {
    int h = spec.hiddenSize();
    int[] at = {0};
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      int in = spec.layerInputSize(l);
      layers.add(new LayerWeights(Matrix.ofRowMajor(4 * h, in, take(w, at, 4 * h * in)),
          Matrix.ofRowMajor(4 * h, h, take(w, at, 4 * h * h)), take(w, at, 4 * h)));
    }
    HeadWeights head = null;
    if (spec.hasHead()) {
      int o = spec.responseSize();
      head = new HeadWeights(Matrix.ofRowMajor(o, h, take(w, at, o * h)), take(w, at, o));
    }
    return new LstmWeights(layers, head);
  }

  private static double[] take(double[] w, int[] at, int n) {
    double[] out = java.util.Arrays.copyOfRange(w, at[0], at[0] + n);
    at[0] += n;
    return out;
  }
}
