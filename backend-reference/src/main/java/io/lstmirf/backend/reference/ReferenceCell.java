package io.lstmirf.backend.reference;

/**
 * The canonical LSTM cell on flat row-major double arrays, one batch row at a time. Gate rows are
 * i, f, g, o; nothing is clipped; sigmoid is exact.
 */
final class ReferenceCell {
  private ReferenceCell() {}

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /**
   * Pre-activations {@code z = b + W_ih x + W_hh h} for one batch row, into {@code z [4H]}.
   *
   * @param wIh row-major {@code [4H x in]}
   * @param wHh row-major {@code [4H x H]}
   */
  static void preActivations(double[] wIh, double[] wHh, double[] bias, double[] x, int xOffset,
      int in, double[] h, int hOffset, int hidden, double[] z) {
    int rows = 4 * hidden;
    for (int r = 0; r < rows; r++) {
      double s = bias[r];
      int wi = r * in;
      for (int k = 0; k < in; k++) {
        s += wIh[wi + k] * x[xOffset + k];
      }
      int wh = r * hidden;
      for (int k = 0; k < hidden; k++) {
        s += wHh[wh + k] * h[hOffset + k];
      }
      z[r] = s;
    }
  }

  /**
   * The same pre-activations from transposed weights, {@code W_ih^T [in x 4H]} and
   * {@code W_hh^T [H x 4H]} row-major: adding whole rows of {@code W^T} scaled by one input is a
   * loop the JIT vectorises, where the dot product per gate row above is not. Only the order of
   * the additions differs.
   */
  static void preActivationsTransposed(double[] wIhT, double[] wHhT, double[] bias, double[] x,
      int xOffset, int in, double[] h, int hOffset, int hidden, double[] z) {
    int rows = 4 * hidden;
    System.arraycopy(bias, 0, z, 0, rows);
    addRowTimesMatrix(x, xOffset, in, wIhT, rows, z, 0);
    addRowTimesMatrix(h, hOffset, hidden, wHhT, rows, z, 0);
  }

  /**
   * {@code z[zOffset..zOffset+columns) += a[aOffset..aOffset+inner) * B}, with {@code B}
   * row-major {@code [inner x columns]}: the reference's matrix-product kernel, one row of A at a
   * time, adding whole rows of B (a loop the JIT vectorises).
   */
  static void addRowTimesMatrix(double[] a, int aOffset, int inner, double[] b, int columns,
      double[] z, int zOffset) {
    for (int k = 0; k < inner; k++) {
      double v = a[aOffset + k];
      int w = k * columns;
      for (int r = 0; r < columns; r++) {
        z[zOffset + r] += v * b[w + r];
      }
    }
  }

  /**
   * Applies the gates to pre-activations {@code z [4H]}, updating {@code c} and {@code h} of one
   * batch row in place; if {@code gates} is non-null, stores the i, f, g, o activations there,
   * from {@code gatesOffset} on.
   */
  static void update(double[] z, double[] h, double[] c, int offset, int hidden, double[] gates,
      int gatesOffset) {
    for (int k = 0; k < hidden; k++) {
      double i = sigmoid(z[k]);
      double f = sigmoid(z[hidden + k]);
      double g = Math.tanh(z[2 * hidden + k]);
      double o = sigmoid(z[3 * hidden + k]);
      double cNew = f * c[offset + k] + i * g;
      c[offset + k] = cNew;
      h[offset + k] = o * Math.tanh(cNew);
      if (gates != null) {
        gates[gatesOffset + k] = i;
        gates[gatesOffset + hidden + k] = f;
        gates[gatesOffset + 2 * hidden + k] = g;
        gates[gatesOffset + 3 * hidden + k] = o;
      }
    }
  }

  /**
   * The dense head {@code y = W h + b} for one batch row: {@code W [O x H]} row-major, {@code h}
   * read from {@code hOffset}, {@code y} written from {@code yOffset}.
   */
  static void dense(double[] weight, double[] bias, double[] h, int hOffset, int hidden,
      double[] y, int yOffset) {
    for (int o = 0; o < bias.length; o++) {
      double s = bias[o];
      int w = o * hidden;
      for (int k = 0; k < hidden; k++) {
        s += weight[w + k] * h[hOffset + k];
      }
      y[yOffset + o] = s;
    }
  }
}
