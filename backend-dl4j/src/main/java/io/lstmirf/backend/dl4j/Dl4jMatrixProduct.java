package io.lstmirf.backend.dl4j;

import io.lstmirf.api.MatrixProduct;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's matrix product ({@code mmuli} into a preallocated result, the gemm its LSTM ops use), in
 * the model precision's data type.
 */
final class Dl4jMatrixProduct implements MatrixProduct {
  private final Shape shape;
  private final INDArray a;
  private final INDArray b;
  private final INDArray c;

  Dl4jMatrixProduct(Shape shape, DataType type) {
    this.shape = shape;
    this.a = operand(shape.rows(), shape.inner(), 1, type);
    this.b = operand(shape.inner(), shape.columns(), 2, type);
    this.c = Nd4j.create(type, shape.rows(), shape.columns());
  }

  private static INDArray operand(int rows, int columns, long seed, DataType type) {
    INDArray x = Nd4j.create(type, rows, columns);
    Dl4jArrays.write(x, MatrixProduct.operand(rows * columns, seed));
    return x;
  }

  @Override
  public Shape shape() {
    return shape;
  }

  @Override
  public void multiply() {
    a.mmuli(b, c);
  }

  @Override
  public double[] product() {
    multiply();
    return Dl4jArrays.toVector(c);
  }

  @Override
  public void close() {
    a.close();
    b.close();
    c.close();
  }
}
