package io.lstmirf.backend.reference;

/**
 * The arithmetic every cell kind shares, on flat row-major double arrays, one batch row at a time:
 * the exact sigmoid, the gate pre-activations and the dense head. The gate arithmetic of each kind
 * is in {@link ReferenceGates}.
 */
final class ReferenceCell {
  private ReferenceCell() {}

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /**
   * Pre-activations for one batch row: {@code zx = b + W_ih x} and {@code zh = W_hh h}, each {@code
   * [rows]}. Passing the same array as {@code zx} and {@code zh} sums them (an LSTM needs only the
   * sum; a GRU keeps them apart for its n gate).
   *
   * @param wIh row-major {@code [rows x in]}
   * @param wHh row-major {@code [rows x H]}
   */
  static void preActivations(
      double[] wIh,
      double[] wHh,
      double[] bias,
      double[] x,
      int xOffset,
      int in,
      double[] h,
      int hOffset,
      int hidden,
      double[] zx,
      double[] zh) {
    int rows = bias.length;
    for (int r = 0; r < rows; r++) {
      double s = bias[r];
      int wi = r * in;
      for (int k = 0; k < in; k++) {
        s += wIh[wi + k] * x[xOffset + k];
      }
      double t = zh == zx ? s : 0;
      int wh = r * hidden;
      for (int k = 0; k < hidden; k++) {
        t += wHh[wh + k] * h[hOffset + k];
      }
      zx[r] = zh == zx ? t : s;
      zh[r] = t;
    }
  }

  /**
   * The same pre-activations from transposed weights, {@code W_ih^T [in x rows]} and {@code W_hh^T
   * [H x rows]} row-major: adding whole rows of {@code W^T} scaled by one input is a loop the JIT
   * vectorises, where the dot product per gate row above is not. Only the order of the additions
   * differs.
   */
  static void preActivationsTransposed(
      double[] wIhT,
      double[] wHhT,
      double[] bias,
      double[] x,
      int xOffset,
      int in,
      double[] h,
      int hOffset,
      int hidden,
      double[] zx,
      double[] zh) {
    int rows = bias.length;
    System.arraycopy(bias, 0, zx, 0, rows);
    addRowTimesMatrix(x, xOffset, in, wIhT, rows, zx, 0);
    if (zh != zx) {
      java.util.Arrays.fill(zh, 0, rows, 0);
    }
    addRowTimesMatrix(h, hOffset, hidden, wHhT, rows, zh, 0);
  }

  /**
   * {@code z[zOffset..zOffset+columns) += a[aOffset..aOffset+inner) * B}, with {@code B} row-major
   * {@code [inner x columns]}: the reference's matrix-product kernel, one row of A at a time,
   * adding whole rows of B (a loop the JIT vectorises).
   */
  static void addRowTimesMatrix(
      double[] a, int aOffset, int inner, double[] b, int columns, double[] z, int zOffset) {
    int k = 0;
    // Four rows of B per pass over z: z is loaded and stored a quarter as often, and the sums are
    // still added left to right, so every element is the one-row-at-a-time loop's. Measured on the
    // AVX-512 machine (C2, 512-bit vectors, one thread): 4.1-4.7 -> 5.5-6.7 GFLOP/s at
    // [32x256]x[256x1024], 3.5-4.2 -> 4.5-5.5 at the training's [1x200]x[200x50]; two rows at a
    // time or two rows of A at once measured the same within noise, eight were slower.
    for (; k + 3 < inner; k += 4) {
      double v0 = a[aOffset + k];
      double v1 = a[aOffset + k + 1];
      double v2 = a[aOffset + k + 2];
      double v3 = a[aOffset + k + 3];
      int w0 = k * columns;
      int w1 = w0 + columns;
      int w2 = w1 + columns;
      int w3 = w2 + columns;
      for (int r = 0; r < columns; r++) {
        z[zOffset + r] =
            z[zOffset + r] + v0 * b[w0 + r] + v1 * b[w1 + r] + v2 * b[w2 + r] + v3 * b[w3 + r];
      }
    }
    for (; k < inner; k++) {
      double v = a[aOffset + k];
      int w = k * columns;
      for (int r = 0; r < columns; r++) {
        z[zOffset + r] += v * b[w + r];
      }
    }
  }

  /**
   * The dense head {@code y = W h + b} for one batch row: {@code W [O x n]} row-major, {@code h}
   * read from {@code hOffset}, {@code y} written from {@code yOffset}.
   */
  static void dense(
      double[] weight, double[] bias, double[] h, int hOffset, int n, double[] y, int yOffset) {
    for (int o = 0; o < bias.length; o++) {
      double s = bias[o];
      int w = o * n;
      for (int k = 0; k < n; k++) {
        s += weight[w + k] * h[hOffset + k];
      }
      y[yOffset + o] = s;
    }
  }

  /** {@code y[yOff + k] += a * x[xOff + k]} for {@code k < n}. */
  static void axpy(double[] y, int yOff, double[] x, int xOff, int n, double a) {
    for (int k = 0; k < n; k++) {
      y[yOff + k] += a * x[xOff + k];
    }
  }

  /** {@code x[off + k] * mask[k]} into {@code into[intoOff + k]}, for {@code k < n}. */
  static double[] masked(double[] x, int off, double[] mask, int n, double[] into, int intoOff) {
    for (int k = 0; k < n; k++) {
      into[intoOff + k] = x[off + k] * mask[k];
    }
    return into;
  }
}
