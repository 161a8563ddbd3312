package io.lstmirf.testing;

import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;

/**
 * A canonical layer whose values name their place, for checking engine layouts written out by hand:
 * one input and H = 2 units. In {@code W_ih} the gate rows i, f, g, o hold 1..8 (i0=1, i1=2, f0=3,
 * f1=4, g0=5, g1=6, o0=7, o1=8); in {@code W_hh} row (gate, unit) holds {@code [10 q + 1 + 2u, 10 q
 * + 2 + 2u]} for gate number q = 1..4 (i0 = [11, 12], i1 = [13, 14], f0 = [21, 22], ..., o1 = [43,
 * 44]); the bias is 101..108 in the same gate order.
 */
public final class HandWorkedLayer {
  /** The layer. */
  public static final LayerWeights LAYER =
      LayerWeights.of(
          new double[][] {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}},
          new double[][] {
            {11, 12}, {13, 14}, {21, 22}, {23, 24}, {31, 32}, {33, 34}, {41, 42}, {43, 44}
          },
          new double[] {101, 102, 103, 104, 105, 106, 107, 108});

  private HandWorkedLayer() {}

  /** A random layer of {@code in} inputs and {@code h} units, for round trips. */
  public static LayerWeights random(int in, int h, long seed) {
    return RandomData.weights(LstmSpec.of(in, h, 1), 0.5, seed).layer(0);
  }
}
