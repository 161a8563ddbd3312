package io.lstmirf.testing;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerKind;
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
   * scale. One stream, in the canonical order: per layer and direction {@code W_ih}, {@code W_hh}
   * and the bias (row-major), then a GRU's recurrent bias (at the bias scale) or an LSTM's
   * peepholes (at the recurrent scale), then the head's weight and bias.
   */
  public static LstmWeights weights(LstmSpec spec, WeightScales scales, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int h = spec.hiddenSize();
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      LayerKind kind = spec.layerKind(l);
      LayerWeights layer = direction(random, kind, spec.layerInputSize(l), h, scales);
      layers.add(
          kind.directions() == 1
              ? layer
              : layer.bidirectional(direction(random, kind, spec.layerInputSize(l), h, scales)));
    }
    HeadWeights head = null;
    if (spec.hasHead()) {
      int o = spec.headSize().getAsInt();
      head =
          new HeadWeights(
              matrix(random, o, spec.outputSize(), scales.headWeights()),
              vector(random, o, scales.headBiases()));
    }
    return new LstmWeights(layers, head);
  }

  private static LayerWeights direction(
      SplittableRandom random, LayerKind kind, int in, int h, WeightScales scales) {
    int rows = kind.cell().gates() * h;
    Matrix wIh = matrix(random, rows, in, scales.inputWeights());
    Matrix wHh = matrix(random, rows, h, scales.recurrentWeights());
    double[] bias = vector(random, rows, scales.biases());
    return kind.cell() == CellKind.GRU
        ? LayerWeights.gru(wIh, wHh, bias, vector(random, h, scales.biases()))
        : LayerWeights.lstm(
            wIh,
            wHh,
            bias,
            kind.peepholes() ? vector(random, 3 * h, scales.recurrentWeights()) : null);
  }

  /**
   * An array {@code [a][b][c]} from {@code U(-scale, scale)}, drawn in index order: inputs {@code
   * [B][T][I]}, targets {@code [B][T'][O]} or one part of a state {@code [L][B][H]}.
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
   * stream: per state slot and row, that row's h, then its c. A GRU has no cell state: its slots' c
   * are drawn, to keep the stream, and then set to zero.
   */
  public static LstmState state(LstmSpec spec, int batch, double scale, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][][] h = new double[spec.stateSlots()][batch][spec.hiddenSize()];
    double[][][] c = new double[spec.stateSlots()][batch][spec.hiddenSize()];
    for (int s = 0; s < spec.stateSlots(); s++) {
      for (int b = 0; b < batch; b++) {
        fill(random, h[s][b], scale);
        fill(random, c[s][b], scale);
      }
    }
    return new LstmState(h, withoutGruCells(spec, c));
  }

  /**
   * A state for {@code spec} and {@code batch} rows with h and c of different sizes: h is {@link
   * #uniform uniform}{@code (S, B, H, hScale, seed)} and c is {@code uniform(S, B, H, cScale, seed
   * + 1)} (zero in GRU slots).
   */
  public static LstmState state(LstmSpec spec, int batch, double hScale, double cScale, long seed) {
    int slots = spec.stateSlots();
    int hidden = spec.hiddenSize();
    return new LstmState(
        uniform(slots, batch, hidden, hScale, seed),
        withoutGruCells(spec, uniform(slots, batch, hidden, cScale, seed + 1)));
  }

  /** {@code c} with the slots of GRU layers, which have no cell state, set to zero. */
  private static double[][][] withoutGruCells(LstmSpec spec, double[][][] c) {
    for (int l = 0; l < spec.numLayers(); l++) {
      if (spec.layerKind(l).cell() == CellKind.GRU) {
        for (int d = 0; d < spec.layerKind(l).directions(); d++) {
          c[spec.stateSlot(l, d)] = new double[c[0].length][c[0][0].length];
        }
      }
    }
    return c;
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
