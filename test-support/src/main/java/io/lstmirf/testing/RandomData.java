package io.lstmirf.testing;

import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded test data drawn uniformly: weights, input and target sequences, states. The same seed
 * gives the same values on every machine ({@link SplittableRandom}), so a failing case can be
 * replayed.
 *
 * <p>Unlike the initialisers, every weight is random, the biases of every gate and the head
 * included: a gate-order, transpose or bias mix-up cannot hide behind zeros.
 */
public final class RandomData {
  private RandomData() {}

  /** Every weight and bias of {@code spec}, the head's included, from {@code U(-scale, scale)}. */
  public static LstmWeights weights(LstmSpec spec, double scale, long seed) {
    return weights(spec, WeightScales.uniform(scale), seed);
  }

  /**
   * Every weight and bias of {@code spec}, each kind from {@code U(-scale, scale)} with its own
   * scale. One stream, in the canonical order: per layer {@code W_ih}, {@code W_hh} and the bias
   * (row-major), then the head's weight and bias.
   */
  public static LstmWeights weights(LstmSpec spec, WeightScales scales, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int h = spec.hiddenSize();
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      layers.add(new LayerWeights(
          matrix(random, 4 * h, spec.layerInputSize(l), scales.inputWeights()),
          matrix(random, 4 * h, h, scales.recurrentWeights()),
          vector(random, 4 * h, scales.biases())));
    }
    HeadWeights head = null;
    if (spec.hasHead()) {
      int o = spec.headSize().getAsInt();
      head = new HeadWeights(matrix(random, o, h, scales.headWeights()),
          vector(random, o, scales.headBiases()));
    }
    return new LstmWeights(layers, head);
  }

  /**
   * An array {@code [a][b][c]} from {@code U(-scale, scale)}, drawn in index order: inputs
   * {@code [B][T][I]}, targets {@code [B][T'][O]} or one part of a state {@code [L][B][H]}.
   */
  public static double[][][] uniform(int a, int b, int c, double scale, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][][] x = new double[a][b][c];
    for (double[][] plane : x) {
      for (double[] row : plane) {
        fill(random, row, scale);
      }
    }
    return x;
  }

  /**
   * A state for {@code spec} and {@code batch} rows, h and c from {@code U(-scale, scale)} in one
   * stream: per layer and row, that row's h, then its c.
   */
  public static LstmState state(LstmSpec spec, int batch, double scale, long seed) {
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

  /**
   * A state for {@code spec} and {@code batch} rows with h and c of different sizes: h is
   * {@link #uniform uniform}{@code (L, B, H, hScale, seed)} and c is
   * {@code uniform(L, B, H, cScale, seed + 1)}.
   */
  public static LstmState state(LstmSpec spec, int batch, double hScale, double cScale,
      long seed) {
    int layers = spec.numLayers();
    int hidden = spec.hiddenSize();
    return new LstmState(uniform(layers, batch, hidden, hScale, seed),
        uniform(layers, batch, hidden, cScale, seed + 1));
  }

  private static Matrix matrix(SplittableRandom random, int rows, int cols, double scale) {
    return Matrix.ofRowMajor(rows, cols, vector(random, rows * cols, scale));
  }

  private static double[] vector(SplittableRandom random, int n, double scale) {
    double[] v = new double[n];
    fill(random, v, scale);
    return v;
  }

  private static void fill(SplittableRandom random, double[] v, double scale) {
    for (int i = 0; i < v.length; i++) {
      v[i] = (2 * random.nextDouble() - 1) * scale;
    }
  }
}
