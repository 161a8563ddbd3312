package io.lstmirf.api;

/**
 * Conversions between the API's nested arrays and the flat row-major buffers engines take, plus the
 * shape and finiteness checks every backend shares. Backends call these instead of writing their
 * own loops.
 */
public final class FlatArrays {
  private FlatArrays() {}

  /** Row-major flattening of a box-shaped {@code [a][b][c]} array. */
  public static double[] flatten(double[][][] x) {
    int a = x.length;
    int b = x[0].length;
    int c = x[0][0].length;
    double[] out = new double[a * b * c];
    int at = 0;
    for (double[][] plane : x) {
      for (double[] row : plane) {
        System.arraycopy(row, 0, out, at, c);
        at += c;
      }
    }
    return out;
  }

  /** Row-major flattening of a box-shaped {@code [a][b][c]} array, rounded to float. */
  public static float[] flattenToFloat(double[][][] x) {
    int a = x.length;
    int b = x[0].length;
    int c = x[0][0].length;
    float[] out = new float[a * b * c];
    int at = 0;
    for (double[][] plane : x) {
      for (double[] row : plane) {
        for (int k = 0; k < c; k++) {
          out[at++] = (float) row[k];
        }
      }
    }
    return out;
  }

  /** Row-major flattening of a rectangular {@code [a][b]} array. */
  public static double[] flatten(double[][] x) {
    int b = x[0].length;
    double[] out = new double[x.length * b];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, out, i * b, b);
    }
    return out;
  }

  /** Row-major flattening of a rectangular {@code [a][b]} array, rounded to float. */
  public static float[] flattenToFloat(double[][] x) {
    int b = x[0].length;
    float[] out = new float[x.length * b];
    int at = 0;
    for (double[] row : x) {
      for (int k = 0; k < b; k++) {
        out[at++] = (float) row[k];
      }
    }
    return out;
  }

  /** Rounds to float. */
  public static float[] toFloat(double[] x) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) x[i];
    }
    return out;
  }

  /** Widens to double exactly. */
  public static double[] toDouble(float[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i];
    }
    return out;
  }

  /** Splits a row-major buffer of {@code a*b*c} floats into {@code [a][b][c]} doubles. */
  public static double[][][] unflatten(float[] flat, int a, int b, int c) {
    requireLength(flat.length, a, b, c);
    double[][][] out = new double[a][b][c];
    int at = 0;
    for (int i = 0; i < a; i++) {
      for (int j = 0; j < b; j++) {
        double[] row = out[i][j];
        for (int k = 0; k < c; k++) {
          row[k] = flat[at++];
        }
      }
    }
    return out;
  }

  /** Splits a row-major buffer of {@code a*b*c} doubles into {@code [a][b][c]}. */
  public static double[][][] unflatten(double[] flat, int a, int b, int c) {
    requireLength(flat.length, a, b, c);
    double[][][] out = new double[a][b][c];
    int at = 0;
    for (int i = 0; i < a; i++) {
      for (int j = 0; j < b; j++) {
        System.arraycopy(flat, at, out[i][j], 0, c);
        at += c;
      }
    }
    return out;
  }

  /** Splits a row-major buffer of {@code a*b} floats into {@code [a][b]} doubles. */
  public static double[][] unflatten(float[] flat, int a, int b) {
    requireLength(flat.length, a, b, 1);
    double[][] out = new double[a][b];
    int at = 0;
    for (int i = 0; i < a; i++) {
      for (int j = 0; j < b; j++) {
        out[i][j] = flat[at++];
      }
    }
    return out;
  }

  /** Splits a row-major buffer of {@code a*b} doubles into {@code [a][b]}. */
  public static double[][] unflatten(double[] flat, int a, int b) {
    requireLength(flat.length, a, b, 1);
    double[][] out = new double[a][b];
    for (int i = 0; i < a; i++) {
      System.arraycopy(flat, i * b, out[i], 0, b);
    }
    return out;
  }

  /** Deep copy. */
  public static double[][][] copy(double[][][] x) {
    double[][][] out = new double[x.length][][];
    for (int i = 0; i < x.length; i++) {
      out[i] = copy(x[i]);
    }
    return out;
  }

  /** Deep copy. */
  public static double[][] copy(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
    }
    return out;
  }

  /**
   * Checks that {@code x} is exactly {@code [a][b][c]} with no missing rows.
   *
   * @param name what the array is, for the message
   * @throws InvalidInputException naming the first row of the wrong length
   */
  public static void requireBox(String name, double[][][] x, int a, int b, int c) {
    if (x == null || x.length != a) {
      throw new InvalidInputException(
          name
              + " has "
              + (x == null ? "no" : x.length)
              + " entries in dimension 0; expected "
              + a);
    }
    for (int i = 0; i < a; i++) {
      if (x[i] == null || x[i].length != b) {
        throw new InvalidInputException(
            name
                + "["
                + i
                + "] has "
                + (x[i] == null ? "no" : x[i].length)
                + " entries; expected "
                + b);
      }
      for (int j = 0; j < b; j++) {
        if (x[i][j] == null || x[i][j].length != c) {
          throw new InvalidInputException(
              name
                  + "["
                  + i
                  + "]["
                  + j
                  + "] has "
                  + (x[i][j] == null ? "no" : x[i][j].length)
                  + " entries; expected "
                  + c);
        }
      }
    }
  }

  /** Checks that {@code x} is exactly {@code [a][b]}. */
  public static void requireBox(String name, double[][] x, int a, int b) {
    if (x == null || x.length != a) {
      throw new InvalidInputException(
          name + " has " + (x == null ? "no" : x.length) + " rows; expected " + a);
    }
    for (int i = 0; i < a; i++) {
      if (x[i] == null || x[i].length != b) {
        throw new InvalidInputException(
            name
                + "["
                + i
                + "] has "
                + (x[i] == null ? "no" : x[i].length)
                + " entries; expected "
                + b);
      }
    }
  }

  /** Throws naming the first NaN or infinite entry. */
  public static void requireFinite(String name, double[][][] x) {
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        for (int k = 0; k < x[i][j].length; k++) {
          if (!Double.isFinite(x[i][j][k])) {
            throw new InvalidInputException(
                name
                    + "["
                    + i
                    + "]["
                    + j
                    + "]["
                    + k
                    + "] is "
                    + x[i][j][k]
                    + "; every value must be a finite number");
          }
        }
      }
    }
  }

  /** Throws naming the first NaN or infinite entry. */
  public static void requireFinite(String name, double[][] x) {
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new InvalidInputException(
              name
                  + "["
                  + i
                  + "]["
                  + j
                  + "] is "
                  + x[i][j]
                  + "; every value must be a finite number");
        }
      }
    }
  }

  /**
   * Throws naming the first entry that is not finite or, for {@code precision} float32, that
   * float32 cannot hold (an engine would compute with infinity there, silently).
   */
  public static void requireRepresentable(String name, double[][][] x, Precision precision) {
    if (precision == Precision.FLOAT64) {
      requireFinite(name, x);
      return;
    }
    for (int i = 0; i < x.length; i++) {
      requireRepresentable(name + "[" + i + "]", x[i], precision);
    }
  }

  /** As {@link #requireRepresentable(String, double[][][], Precision)} for {@code [a][b]}. */
  public static void requireRepresentable(String name, double[][] x, Precision precision) {
    if (precision == Precision.FLOAT64) {
      requireFinite(name, x);
      return;
    }
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        double v = x[i][j];
        if (!Double.isFinite(v)) {
          throw new InvalidInputException(
              name + "[" + i + "][" + j + "] is " + v + "; every value must be a finite number");
        }
        if (!precision.holds(v)) {
          throw new InvalidInputException(precision.rangeError(name + "[" + i + "][" + j + "]", v));
        }
      }
    }
  }

  /** Largest absolute elementwise difference of two arrays of the same shape. */
  public static double maxAbsDifference(double[][][] x, double[][][] y) {
    double m = 0;
    for (int i = 0; i < x.length; i++) {
      m = Math.max(m, maxAbsDifference(x[i], y[i]));
    }
    return m;
  }

  /** Largest absolute elementwise difference of two arrays of the same shape. */
  public static double maxAbsDifference(double[][] x, double[][] y) {
    double m = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        m = Math.max(m, Math.abs(x[i][j] - y[i][j]));
      }
    }
    return m;
  }

  private static void requireLength(int length, int a, int b, int c) {
    if ((long) a * b * c != length) {
      throw new IllegalArgumentException(
          "buffer of " + length + " values does not fit [" + a + "][" + b + "][" + c + "]");
    }
  }
}
