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
    if (columns == 1) {
      addDot(a, aOffset, inner, b, z, zOffset);
      return;
    }
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
   * {@link #addRowTimesMatrix} with one column, a dot product: the same sums in the same order,
   * without the per-row loop whose setup cost more than its one multiply-add. The input weights'
   * gradient of a one-input layer is 4H of these per step; they took 8% of the reference's training
   * epoch (JFR samples) through the general loop.
   */
  private static void addDot(double[] a, int aOffset, int inner, double[] b, double[] z, int at) {
    double s = z[at];
    int k = 0;
    for (; k + 3 < inner; k += 4) {
      s =
          s
              + a[aOffset + k] * b[k]
              + a[aOffset + k + 1] * b[k + 1]
              + a[aOffset + k + 2] * b[k + 2]
              + a[aOffset + k + 3] * b[k + 3];
    }
    for (; k < inner; k++) {
      s += a[aOffset + k] * b[k];
    }
    z[at] = s;
  }

  /**
   * {@link #addRowTimesMatrix} for two rows of A at once, into two rows of z: each row of B is
   * loaded once for both, and each row's sums are the one-row kernel's, in the same order, so the
   * results are bit for bit the same. A microbenchmark (C2, AVX-512) at B of [50 x 200], 80 KB, in
   * L2: 8.7 against 6.3 GFLOP/s for two calls of the one-row kernel; the forward passes use it for
   * pairs of batch rows (the bench's T=1000 H=256 B=32 sequence: 4.19-4.20 -> 3.90 s of CPU,
   * alternated). Taking the backward's errors through W_hh two rows at a time measured no faster in
   * training (1.47-1.54 s per epoch either way) and was not kept. The rows of z must not overlap
   * each other or A.
   */
  static void addTwoRowsTimesMatrix(
      double[] a0,
      int a0Offset,
      double[] a1,
      int a1Offset,
      int inner,
      double[] b,
      int columns,
      double[] z0,
      int z0Offset,
      double[] z1,
      int z1Offset) {
    int k = 0;
    for (; k + 3 < inner; k += 4) {
      double v0 = a0[a0Offset + k];
      double v1 = a0[a0Offset + k + 1];
      double v2 = a0[a0Offset + k + 2];
      double v3 = a0[a0Offset + k + 3];
      double u0 = a1[a1Offset + k];
      double u1 = a1[a1Offset + k + 1];
      double u2 = a1[a1Offset + k + 2];
      double u3 = a1[a1Offset + k + 3];
      int w0 = k * columns;
      int w1 = w0 + columns;
      int w2 = w1 + columns;
      int w3 = w2 + columns;
      for (int r = 0; r < columns; r++) {
        double b0 = b[w0 + r];
        double b1 = b[w1 + r];
        double b2 = b[w2 + r];
        double b3 = b[w3 + r];
        z0[z0Offset + r] = z0[z0Offset + r] + v0 * b0 + v1 * b1 + v2 * b2 + v3 * b3;
        z1[z1Offset + r] = z1[z1Offset + r] + u0 * b0 + u1 * b1 + u2 * b2 + u3 * b3;
      }
    }
    for (; k < inner; k++) {
      double v = a0[a0Offset + k];
      double u = a1[a1Offset + k];
      int w = k * columns;
      for (int r = 0; r < columns; r++) {
        z0[z0Offset + r] += v * b[w + r];
        z1[z1Offset + r] += u * b[w + r];
      }
    }
  }

  /**
   * {@link #preActivationsTransposed} for two batch rows at once ({@link #addTwoRowsTimesMatrix}):
   * the same results.
   */
  static void preActivationsTransposed(
      double[] wIhT,
      double[] wHhT,
      double[] bias,
      double[] x0,
      int x0Offset,
      double[] x1,
      int x1Offset,
      int in,
      double[] h0,
      int h0Offset,
      double[] h1,
      int h1Offset,
      int hidden,
      double[] zx0,
      double[] zh0,
      double[] zx1,
      double[] zh1) {
    int rows = bias.length;
    System.arraycopy(bias, 0, zx0, 0, rows);
    System.arraycopy(bias, 0, zx1, 0, rows);
    addTwoRowsTimesMatrix(x0, x0Offset, x1, x1Offset, in, wIhT, rows, zx0, 0, zx1, 0);
    if (zh0 != zx0) {
      java.util.Arrays.fill(zh0, 0, rows, 0);
      java.util.Arrays.fill(zh1, 0, rows, 0);
    }
    addTwoRowsTimesMatrix(h0, h0Offset, h1, h1Offset, hidden, wHhT, rows, zh0, 0, zh1, 0);
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
