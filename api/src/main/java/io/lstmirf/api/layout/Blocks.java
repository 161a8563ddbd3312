package io.lstmirf.api.layout;

import io.lstmirf.api.Matrix;

/**
 * Reorders equal blocks of rows or entries, the one operation every gate-order conversion is made
 * of: block {@code k} of the result is block {@code from[k]} of the source.
 */
final class Blocks {
  private Blocks() {}

  /** The rows of {@code m}, in {@code from.length} equal blocks, reordered. */
  static Matrix rows(Matrix m, int[] from) {
    int size = size(m.rows(), from.length);
    Matrix[] blocks = new Matrix[from.length];
    for (int k = 0; k < from.length; k++) {
      blocks[k] = m.rowBlock(from[k] * size, (from[k] + 1) * size);
    }
    return Matrix.stackRows(blocks);
  }

  /** The entries of {@code v}, in {@code from.length} equal blocks, reordered. */
  static double[] entries(double[] v, int[] from) {
    int size = size(v.length, from.length);
    double[] out = new double[v.length];
    for (int k = 0; k < from.length; k++) {
      System.arraycopy(v, from[k] * size, out, k * size, size);
    }
    return out;
  }

  /** The order that undoes {@code from}. */
  static int[] inverse(int[] from) {
    int[] to = new int[from.length];
    for (int k = 0; k < from.length; k++) {
      to[from[k]] = k;
    }
    return to;
  }

  private static int size(int total, int blocks) {
    if (total % blocks != 0 || total == 0) {
      throw new IllegalArgumentException(total + " is not " + blocks + "H for any H >= 1");
    }
    return total / blocks;
  }
}
