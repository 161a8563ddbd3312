package io.lstmirf.backend.reference;

import io.lstmirf.api.MatrixProduct;
import java.util.Arrays;

/**
 * The reference's matrix product in float64: row after row of A through the same kernel its LSTM
 * uses for the pre-activations ({@link ReferenceCell#addRowTimesMatrix}).
 */
final class ReferenceMatrixProduct implements MatrixProduct {
  private final Shape shape;
  private final double[] a;
  private final double[] b;
  private final double[] c;

  ReferenceMatrixProduct(Shape shape) {
    this.shape = shape;
    this.a = MatrixProduct.operand(shape.rows() * shape.inner(), 1);
    this.b = MatrixProduct.operand(shape.inner() * shape.columns(), 2);
    this.c = new double[shape.rows() * shape.columns()];
  }

  @Override
  public Shape shape() {
    return shape;
  }

  @Override
  public void multiply() {
    Arrays.fill(c, 0);
    int n = shape.columns();
    int k = shape.inner();
    for (int row = 0; row < shape.rows(); row++) {
      ReferenceCell.addRowTimesMatrix(a, row * k, k, b, n, c, row * n);
    }
  }

  @Override
  public double[] product() {
    multiply();
    return c.clone();
  }

  @Override
  public void close() {
    // plain Java arrays: nothing to release
  }
}
