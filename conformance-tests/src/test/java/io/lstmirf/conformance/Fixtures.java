package io.lstmirf.conformance;

import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded test data: weights, inputs and states drawn uniformly, plus the small array utilities
 * the conformance tests share. Unlike the initialisers, every bias here is random too, so every
 * gate's bias path is exercised.
 */
public final class Fixtures {
  private Fixtures() {}

  /** Every weight and bias of {@code spec}, including the head's, from {@code U(-scale, scale)}. */
  public static LstmWeights randomWeights(LstmSpec spec, double scale, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int h = spec.hiddenSize();
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      layers.add(new LayerWeights(matrix(random, 4 * h, spec.layerInputSize(l), scale),
          matrix(random, 4 * h, h, scale), vector(random, 4 * h, scale)));
    }
    HeadWeights head = null;
    if (spec.hasHead()) {
      int o = spec.headSize().getAsInt();
      head = new HeadWeights(matrix(random, o, h, scale), vector(random, o, scale));
    }
    return new LstmWeights(layers, head);
  }

  /** Sequences {@code [batch][steps][features]} from {@code U(-scale, scale)}. */
  public static double[][][] randomInputs(int batch, int steps, int features, double scale,
      long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][][] x = new double[batch][steps][features];
    for (double[][] sequence : x) {
      for (double[] step : sequence) {
        fill(random, step, scale);
      }
    }
    return x;
  }

  /** A state for {@code spec} and {@code batch} rows; h and c from {@code U(-scale, scale)}. */
  public static LstmState randomState(LstmSpec spec, int batch, double scale, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][][] h = new double[spec.numLayers()][batch][spec.hiddenSize()];
    double[][][] c = new double[spec.numLayers()][batch][spec.hiddenSize()];
    for (int l = 0; l < spec.numLayers(); l++) {
      for (int b = 0; b < batch; b++) {
        fill(random, h[l][b], scale);
        fill(random, c[l][b], scale);
      }
    }
    return new LstmState(h, c);
  }

  /** Time steps {@code [from, to)} of every sequence. */
  public static double[][][] timeSlice(double[][][] x, int from, int to) {
    double[][][] out = new double[x.length][][];
    for (int b = 0; b < x.length; b++) {
      out[b] = new double[to - from][];
      for (int t = from; t < to; t++) {
        out[b][t - from] = x[b][t].clone();
      }
    }
    return out;
  }

  /** The inputs of every batch row at time {@code t}, {@code [B][I]}. */
  public static double[][] atStep(double[][][] x, int t) {
    double[][] out = new double[x.length][];
    for (int b = 0; b < x.length; b++) {
      out[b] = x[b][t].clone();
    }
    return out;
  }

  /** Batch rows {@code [from, to)}. */
  public static double[][][] rows(double[][][] x, int from, int to) {
    double[][][] out = new double[to - from][][];
    for (int b = from; b < to; b++) {
      out[b - from] = x[b];
    }
    return out;
  }

  /** Row {@code b} of every layer of a state, as a state of batch 1. */
  public static LstmState row(LstmState state, int b) {
    double[][][] h = state.h();
    double[][][] c = state.c();
    double[][][] hr = new double[h.length][1][];
    double[][][] cr = new double[c.length][1][];
    for (int l = 0; l < h.length; l++) {
      hr[l][0] = h[l][b];
      cr[l][0] = c[l][b];
    }
    return new LstmState(hr, cr);
  }

  /** Every weight rounded to the nearest float (and widened back exactly). */
  public static LstmWeights roundedToFloat(LstmWeights w) {
    List<LayerWeights> layers = new ArrayList<>();
    for (LayerWeights lw : w.layers()) {
      layers.add(new LayerWeights(rounded(lw.weightIh()), rounded(lw.weightHh()),
          rounded(lw.bias())));
    }
    HeadWeights head = w.head().map(hw -> new HeadWeights(rounded(hw.weight()),
        rounded(hw.bias()))).orElse(null);
    return new LstmWeights(layers, head);
  }

  /**
   * Every tensor of {@code w}, row-major, by name: {@code layers[l].weightIh},
   * {@code layers[l].weightHh}, {@code layers[l].bias}, then {@code head.weight},
   * {@code head.bias}.
   */
  public static Map<String, double[]> tensors(LstmWeights w) {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int l = 0; l < w.numLayers(); l++) {
      LayerWeights lw = w.layer(l);
      out.put("layers[" + l + "].weightIh", lw.weightIh().toRowMajor());
      out.put("layers[" + l + "].weightHh", lw.weightHh().toRowMajor());
      out.put("layers[" + l + "].bias", lw.bias());
    }
    w.head().ifPresent(h -> {
      out.put("head.weight", h.weight().toRowMajor());
      out.put("head.bias", h.bias());
    });
    return out;
  }

  /** The largest absolute entry. */
  public static double maxAbs(double[] x) {
    double m = 0;
    for (double v : x) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /** The largest absolute entry. */
  public static double maxAbs(double[][][] x) {
    double m = 0;
    for (double[][] plane : x) {
      for (double[] row : plane) {
        m = Math.max(m, maxAbs(row));
      }
    }
    return m;
  }

  private static Matrix rounded(Matrix m) {
    return Matrix.ofRowMajor(m.rows(), m.cols(), m.toFloatRowMajor());
  }

  private static double[] rounded(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  private static Matrix matrix(SplittableRandom random, int rows, int cols, double scale) {
    double[] d = new double[rows * cols];
    fill(random, d, scale);
    return Matrix.ofRowMajor(rows, cols, d);
  }

  private static double[] vector(SplittableRandom random, int n, double scale) {
    double[] d = new double[n];
    fill(random, d, scale);
    return d;
  }

  private static void fill(SplittableRandom random, double[] d, double scale) {
    for (int i = 0; i < d.length; i++) {
      d[i] = (2 * random.nextDouble() - 1) * scale;
    }
  }
}
