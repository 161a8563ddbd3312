package io.lstmirf.testing;

import java.util.function.DoubleUnaryOperator;

/**
 * A central finite-difference derivative, for gradients that do not depend on any backpropagation.
 * In double precision, with a function of order 1, the error is the truncation term plus rounding
 * of about {@code 1e-16 / h}.
 */
public enum CentralDifference {
  /**
   * {@code (f(x + h) - f(x - h)) / 2h} with {@code h = 1e-5}: truncation ~{@code h^2 = 1e-10},
   * rounding ~{@code 1e-11}.
   */
  TWO_POINT {
    @Override
    public double derivative(DoubleUnaryOperator f, double x) {
      double h = 1e-5;
      return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    }
  },
  /**
   * {@code (-f(x + 2h) + 8 f(x + h) - 8 f(x - h) + f(x - 2h)) / 12h} with {@code h = 1e-3}:
   * truncation ~{@code h^4 = 1e-12}, rounding ~{@code 1e-13}, good enough to check float64.
   */
  FIVE_POINT {
    @Override
    public double derivative(DoubleUnaryOperator f, double x) {
      double h = 1e-3;
      return (-f.applyAsDouble(x + 2 * h)
              + 8 * f.applyAsDouble(x + h)
              - 8 * f.applyAsDouble(x - h)
              + f.applyAsDouble(x - 2 * h))
          / (12 * h);
    }
  };

  /** The derivative of {@code f} at {@code x}. */
  public abstract double derivative(DoubleUnaryOperator f, double x);
}
