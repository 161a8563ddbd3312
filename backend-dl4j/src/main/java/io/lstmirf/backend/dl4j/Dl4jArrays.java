package io.lstmirf.backend.dl4j;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.Precision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Copies between the API's Java arrays and ND4J arrays of a model's data type. Float32 values are
 * rounded once on the way in and widened exactly on the way out.
 */
final class Dl4jArrays {
  private Dl4jArrays() {}

  static DataType dataType(Precision precision) {
    return precision == Precision.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT;
  }

  /** A new {@code [a, b, c]} array holding {@code x}. */
  static INDArray create(double[][][] x, DataType dataType) {
    long[] shape = {x.length, x[0].length, x[0][0].length};
    return dataType == DataType.FLOAT
        ? Nd4j.create(FlatArrays.flattenToFloat(x), shape, 'c')
        : Nd4j.create(FlatArrays.flatten(x), shape, 'c');
  }

  /** A new {@code [a, b]} array holding {@code x}. */
  static INDArray create(double[][] x, DataType dataType) {
    long[] shape = {x.length, x[0].length};
    return dataType == DataType.FLOAT
        ? Nd4j.create(FlatArrays.flattenToFloat(x), shape, 'c')
        : Nd4j.create(FlatArrays.flatten(x), shape, 'c');
  }

  /** A new {@code [a, width]} array: {@code x [a][b]} in the first b columns, zeros after. */
  static INDArray create(double[][] x, int width, DataType dataType) {
    if (x[0].length == width) {
      return create(x, dataType);
    }
    double[][] padded = new double[x.length][width];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, padded[i], 0, x[i].length);
    }
    return create(padded, dataType);
  }

  /** Copies {@code values}, row-major, into a plain (not view) array of the same length. */
  static void write(INDArray target, double[] values) {
    if (target.dataType() == DataType.FLOAT) {
      target.data().setData(FlatArrays.toFloat(values));
    } else {
      target.data().setData(values);
    }
  }

  /** A view of the first {@code units} entries of the last axis (the array itself if all). */
  static INDArray units(INDArray x, int units) {
    if (x.size(-1) == units) {
      return x;
    }
    return x.rank() == 2
        ? x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, units))
        : x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, units));
  }

  /** The values of a rank-3 array as {@code [a][b][c]}. */
  static double[][][] toArray3(INDArray x) {
    long[] s = x.shape();
    return x.dataType() == DataType.FLOAT
        ? FlatArrays.unflatten(floats(x), (int) s[0], (int) s[1], (int) s[2])
        : FlatArrays.unflatten(doubles(x), (int) s[0], (int) s[1], (int) s[2]);
  }

  /** The values of a rank-2 array as {@code [a][b]}. */
  static double[][] toArray2(INDArray x) {
    long[] s = x.shape();
    return x.dataType() == DataType.FLOAT
        ? FlatArrays.unflatten(floats(x), (int) s[0], (int) s[1])
        : FlatArrays.unflatten(doubles(x), (int) s[0], (int) s[1]);
  }

  /** A rank-2 array (of any ordering, view or not) as a canonical {@link Matrix}. */
  static Matrix toMatrix(INDArray x) {
    int rows = x.rows();
    int cols = x.columns();
    return x.dataType() == DataType.FLOAT
        ? Matrix.ofRowMajor(rows, cols, floats(x))
        : Matrix.ofRowMajor(rows, cols, doubles(x));
  }

  /** Every value of an array, in row-major order, widened to double. */
  static double[] toVector(INDArray x) {
    return x.dataType() == DataType.FLOAT ? FlatArrays.toDouble(floats(x)) : doubles(x);
  }

  /** Row-major float values; copies through a contiguous duplicate only for views. */
  private static float[] floats(INDArray x) {
    if (isPlain(x)) {
      return x.data().asFloat();
    }
    try (INDArray c = x.dup('c')) {
      return c.data().asFloat();
    }
  }

  private static double[] doubles(INDArray x) {
    if (isPlain(x)) {
      return x.data().asDouble();
    }
    try (INDArray c = x.dup('c')) {
      return c.data().asDouble();
    }
  }

  /** Whether the array's buffer holds exactly its values in row-major order. */
  private static boolean isPlain(INDArray x) {
    return !x.isView() && x.ordering() == 'c' && x.data().length() == x.length();
  }
}
