package io.lstmirf.conformance;

import io.lstmirf.api.MatrixProduct;
import org.junit.jupiter.api.Test;

/**
 * The matrix product each backend offers as the bench's floor ({@code lstm-irf bench}) is the real
 * product of the operands the contract names, in the target's precision: a floor timed on anything
 * less would flatter every engine.
 */
@ForEachBackend
class MatrixProductConformanceTest {
  private final ConformanceTarget target;

  MatrixProductConformanceTest(ConformanceTarget target) {
    this.target = target;
  }

  @Test
  void theProductTimedIsTheProductOfTheContractsOperands() {
    target.requireAvailable();
    for (MatrixProduct.Shape shape :
        new MatrixProduct.Shape[] {
          new MatrixProduct.Shape(1, 1, 1),
          new MatrixProduct.Shape(3, 5, 4),
          new MatrixProduct.Shape(17, 33, 9)
        }) {
      try (MatrixProduct p =
          target
              .backend()
              .matrixProduct(shape, target.precision())
              .orElseThrow(() -> new AssertionError(target.name() + " offers no matrix product"))) {
        p.multiply(); // timed runs come first; the product must not change after them
        target.agreement().assertClose(target + " " + shape, plainProduct(shape), p.product());
      }
    }
  }

  private static double[] plainProduct(MatrixProduct.Shape s) {
    double[] a = MatrixProduct.operand(s.rows() * s.inner(), 1);
    double[] b = MatrixProduct.operand(s.inner() * s.columns(), 2);
    double[] c = new double[s.rows() * s.columns()];
    for (int i = 0; i < s.rows(); i++) {
      for (int j = 0; j < s.columns(); j++) {
        double sum = 0;
        for (int k = 0; k < s.inner(); k++) {
          sum += a[i * s.inner() + k] * b[k * s.columns() + j];
        }
        c[i * s.columns() + j] = sum;
      }
    }
    return c;
  }
}
