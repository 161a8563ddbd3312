package io.lstmirf.api;

import java.util.Arrays;

/**
 * An immutable dense matrix of doubles, stored row-major. Layout converters and backends read it
 * through {@link #get}, {@link #toRowMajor} or {@link #toFloatRowMajor}; nothing can change it.
 */
public final class Matrix {
  private final int rows;
  private final int cols;
  private final double[] data;

  private Matrix(int rows, int cols, double[] data) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /**
   * Copies a rectangular {@code double[rows][cols]}.
   *
   * @param name what the matrix is, for the error message (e.g. {@code layers[0].weightIh})
   * @throws InvalidInputException if the array is null or ragged
   */
  public static Matrix of(String name, double[][] values) {
    if (values == null) {
      throw new InvalidInputException(name + " is missing");
    }
    int r = values.length;
    int c = r == 0 ? 0 : lengthOf(name, values, 0);
    double[] d = new double[r * c];
    for (int i = 0; i < r; i++) {
      if (lengthOf(name, values, i) != c) {
        throw new InvalidInputException(
            name
                + " is ragged: row "
                + i
                + " has length "
                + values[i].length
                + ", row 0 has length "
                + c);
      }
      System.arraycopy(values[i], 0, d, i * c, c);
    }
    return new Matrix(r, c, d);
  }

  private static int lengthOf(String name, double[][] values, int row) {
    if (values[row] == null) {
      throw new InvalidInputException(name + " row " + row + " is missing");
    }
    return values[row].length;
  }

  /** Copies {@code rows*cols} row-major values. */
  public static Matrix ofRowMajor(int rows, int cols, double[] rowMajor) {
    if (rows < 0 || cols < 0 || rowMajor.length != rows * cols) {
      throw new InvalidInputException(
          "expected "
              + rows
              + "x"
              + cols
              + " = "
              + rows * cols
              + " values, got "
              + rowMajor.length);
    }
    return new Matrix(rows, cols, rowMajor.clone());
  }

  /** Widens {@code rows*cols} row-major floats to doubles exactly. */
  public static Matrix ofRowMajor(int rows, int cols, float[] rowMajor) {
    if (rows < 0 || cols < 0 || rowMajor.length != rows * cols) {
      throw new InvalidInputException(
          "expected "
              + rows
              + "x"
              + cols
              + " = "
              + rows * cols
              + " values, got "
              + rowMajor.length);
    }
    double[] d = new double[rowMajor.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = rowMajor[i];
    }
    return new Matrix(rows, cols, d);
  }

  /** A matrix of zeros. */
  public static Matrix zeros(int rows, int cols) {
    return new Matrix(rows, cols, new double[rows * cols]);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public double get(int row, int col) {
    return data[row * cols + col];
  }

  /** A copy of row {@code row}. */
  public double[] row(int row) {
    return Arrays.copyOfRange(data, row * cols, (row + 1) * cols);
  }

  /** Rows {@code [from, to)} as a new matrix. */
  public Matrix rowBlock(int from, int to) {
    return new Matrix(to - from, cols, Arrays.copyOfRange(data, from * cols, to * cols));
  }

  /** Stacks the given matrices' rows, in order. All must have the same number of columns. */
  public static Matrix stackRows(Matrix... blocks) {
    int c = blocks[0].cols;
    int r = 0;
    for (Matrix b : blocks) {
      if (b.cols != c) {
        throw new InvalidInputException(
            "cannot stack a " + b.shape() + " block under " + c + " columns");
      }
      r += b.rows;
    }
    double[] d = new double[r * c];
    int at = 0;
    for (Matrix b : blocks) {
      System.arraycopy(b.data, 0, d, at, b.data.length);
      at += b.data.length;
    }
    return new Matrix(r, c, d);
  }

  /** A matrix of the same shape whose every entry is {@code f(entry)}. */
  public Matrix map(java.util.function.DoubleUnaryOperator f) {
    double[] m = new double[data.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = f.applyAsDouble(data[i]);
    }
    return new Matrix(rows, cols, m);
  }

  public Matrix transpose() {
    double[] t = new double[data.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = data[i * cols + j];
      }
    }
    return new Matrix(cols, rows, t);
  }

  /** A new {@code double[rows][cols]}. */
  public double[][] toArray() {
    double[][] a = new double[rows][];
    for (int i = 0; i < rows; i++) {
      a[i] = row(i);
    }
    return a;
  }

  /** A copy of the values, row-major. */
  public double[] toRowMajor() {
    return data.clone();
  }

  /** The values rounded to float, row-major. */
  public float[] toFloatRowMajor() {
    float[] f = new float[data.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) data[i];
    }
    return f;
  }

  /** The values of the transpose, row-major (that is, this matrix column-major). */
  public double[] toColumnMajor() {
    return transpose().data;
  }

  /** Whether every value is finite; {@link #firstNonFinite()} says where one is not. */
  public boolean isFinite() {
    return firstNonFinite() < 0;
  }

  /** Row-major index of the first NaN or infinite value, or -1. */
  public int firstNonFinite() {
    return firstNotHeldIn(Precision.FLOAT64);
  }

  /** Row-major index of the first value {@code precision} cannot hold as a finite number, or -1. */
  public int firstNotHeldIn(Precision precision) {
    for (int i = 0; i < data.length; i++) {
      if (!precision.holds(data[i])) {
        return i;
      }
    }
    return -1;
  }

  /** {@code "rows x cols"}. */
  public String shape() {
    return rows + "x" + cols;
  }

  /** Largest absolute elementwise difference to a matrix of the same shape. */
  public double maxAbsDifference(Matrix other) {
    if (rows != other.rows || cols != other.cols) {
      throw new InvalidInputException("shapes differ: " + shape() + " vs " + other.shape());
    }
    double m = 0;
    for (int i = 0; i < data.length; i++) {
      m = Math.max(m, Math.abs(data[i] - other.data[i]));
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Matrix[" + shape() + "]";
  }
}
