package io.lstmirf.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.lstmirf.api.Device;
import io.lstmirf.api.MatrixProduct;

/**
 * PyTorch's matmul through DJL on the CPU, in the model precision's data type. PyTorch runs CPU ops
 * eagerly, so the product is complete when the call returns; it is freed at once.
 */
final class DjlMatrixProduct implements MatrixProduct {
  private final Shape shape;
  private final NDManager manager;
  private final NDArray a;
  private final NDArray b;

  DjlMatrixProduct(DjlEngine engine, Shape shape, DataType type) {
    this.shape = shape;
    this.manager = engine.newManager(Device.CPU);
    try {
      this.a =
          DjlArrays.create(
              manager,
              MatrixProduct.operand(shape.rows() * shape.inner(), 1),
              new ai.djl.ndarray.types.Shape(shape.rows(), shape.inner()),
              type);
      this.b =
          DjlArrays.create(
              manager,
              MatrixProduct.operand(shape.inner() * shape.columns(), 2),
              new ai.djl.ndarray.types.Shape(shape.inner(), shape.columns()),
              type);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  @Override
  public Shape shape() {
    return shape;
  }

  @Override
  public void multiply() {
    try (NDArray c = a.matMul(b)) {
      // computed eagerly; nothing to read
    }
  }

  @Override
  public double[] product() {
    try (NDArray c = a.matMul(b)) {
      return DjlArrays.read(c);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
