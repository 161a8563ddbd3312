package io.lstmirf.api;

import java.util.SplittableRandom;

/**
 * An engine's own dense matrix product {@code C = A B} on operands it already holds: what {@code
 * lstm-irf bench} times to learn how fast this machine multiplies matrices through this engine, the
 * floor every LSTM pass is measured against. Built by {@link LstmBackend#matrixProduct}; holds
 * native memory until closed; one thread at a time.
 *
 * <p>A holds {@code operand(rows * inner, 1)} and B {@code operand(inner * columns, 2)} (see {@link
 * #operand}), row-major, in the engine's precision, so every engine multiplies the same numbers and
 * {@link #product()} can be checked against a plain product.
 */
public interface MatrixProduct extends AutoCloseable {

  /** The shape {@code [rows x inner] x [inner x columns]}. */
  Shape shape();

  /** Computes {@code C = A B} once and returns when {@code C} is complete. */
  void multiply();

  /**
   * Computes {@code C = A B} once and returns it, row-major, widened to double: for checking that
   * what {@link #multiply()} times is the real product.
   */
  double[] product();

  @Override
  void close();

  /**
   * The shape of a product.
   *
   * @param rows rows of A and C
   * @param inner columns of A, rows of B
   * @param columns columns of B and C
   */
  record Shape(int rows, int inner, int columns) {
    public Shape {
      if (rows < 1 || inner < 1 || columns < 1) {
        throw new InvalidInputException(
            "a matrix product needs every dimension at least 1,"
                + " got "
                + rows
                + " x "
                + inner
                + " x "
                + columns);
      }
      long largest =
          Math.max((long) rows * inner, Math.max((long) inner * columns, (long) rows * columns));
      if (largest > Integer.MAX_VALUE - 8) {
        throw new InvalidInputException(
            "a matrix of the product "
                + rows
                + " x "
                + inner
                + " x "
                + columns
                + " has more elements than a Java array holds; use smaller"
                + " sizes");
      }
    }

    /** Floating-point operations of one product: a multiply and an add per term. */
    public double flops() {
      return 2.0 * rows * inner * columns;
    }

    @Override
    public String toString() {
      return "[" + rows + "x" + inner + "]x[" + inner + "x" + columns + "]";
    }
  }

  /**
   * Operand values, row-major, uniform in [-1, 1) from {@code seed}: the same numbers on every
   * engine, and none that denormals or overflow could slow down.
   */
  static double[] operand(int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[length];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextDouble(-1, 1);
    }
    return v;
  }
}
