package io.lstmirf.backend.tfjava;

import io.lstmirf.api.MatrixProduct;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow's float32 MatMul in a graph of its own, run by a session with the models' settings.
 * The operands are fed as placeholders (constants would let the optimiser fold the product away)
 * and the product is run as a target, so no result is copied out.
 */
final class TfJavaMatrixProduct implements MatrixProduct {
  private final Shape shape;
  private final Graph graph;
  private final Session session;
  private final Placeholder<TFloat32> a;
  private final Placeholder<TFloat32> b;
  private final MatMul<TFloat32> product;
  private final TFloat32 aValues;
  private final TFloat32 bValues;

  TfJavaMatrixProduct(Shape shape) {
    this.shape = shape;
    this.graph = new Graph();
    Ops tf = Ops.create(graph);
    this.a =
        tf.placeholder(
            TFloat32.class,
            Placeholder.shape(org.tensorflow.ndarray.Shape.of(shape.rows(), shape.inner())));
    this.b =
        tf.placeholder(
            TFloat32.class,
            Placeholder.shape(org.tensorflow.ndarray.Shape.of(shape.inner(), shape.columns())));
    this.product = tf.linalg.matMul(a, b);
    this.session = new Session(graph, TfJavaEngine.sessionConfig());
    this.aValues =
        TfJavaArrays.of(
            org.tensorflow.ndarray.Shape.of(shape.rows(), shape.inner()),
            MatrixProduct.operand(shape.rows() * shape.inner(), 1));
    this.bValues =
        TfJavaArrays.of(
            org.tensorflow.ndarray.Shape.of(shape.inner(), shape.columns()),
            MatrixProduct.operand(shape.inner() * shape.columns(), 2));
  }

  @Override
  public MatrixProduct.Shape shape() {
    return shape;
  }

  @Override
  public void multiply() {
    try (Result r = session.runner().feed(a, aValues).feed(b, bValues).addTarget(product).run()) {
      // run as a target: the product is computed and dropped inside the engine
    }
  }

  @Override
  public double[] product() {
    try (Result r = session.runner().feed(a, aValues).feed(b, bValues).fetch(product).run()) {
      return TfJavaArrays.readDoubles(r.get(0));
    }
  }

  @Override
  public void close() {
    try (graph;
        session;
        aValues;
        bValues) {
      // closes the tensors, the session, then the graph
    }
  }
}
