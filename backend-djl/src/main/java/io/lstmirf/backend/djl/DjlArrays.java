package io.lstmirf.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.Precision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/** Moving values between the API's double arrays and engine arrays of the model's data type. */
final class DjlArrays {
  private DjlArrays() {}

  static DataType dataType(Precision precision) {
    return precision == Precision.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
  }

  /** A new array of {@code type} holding {@code values} (rounded to float for float32). */
  static NDArray create(NDManager manager, double[] values, Shape shape, DataType type) {
    return type == DataType.FLOAT64
        ? manager.create(values, shape)
        : manager.create(FlatArrays.toFloat(values), shape);
  }

  /** A new {@code [a, b, c]} array of {@code type} holding {@code values}. */
  static NDArray create(NDManager manager, double[][][] values, DataType type) {
    Shape shape = new Shape(values.length, values[0].length, values[0][0].length);
    return type == DataType.FLOAT64
        ? manager.create(FlatArrays.flatten(values), shape)
        : manager.create(FlatArrays.flattenToFloat(values), shape);
  }

  /** Every value of {@code array}, row-major, widened to double exactly. */
  static double[] read(NDArray array) {
    if (array.getDevice().isGpu()) {
      try (NDArray host = array.toDevice(ai.djl.Device.cpu(), true)) {
        return read(host);
      }
    }
    return array.getDataType() == DataType.FLOAT64
        ? array.toDoubleArray()
        : FlatArrays.toDouble(array.toFloatArray());
  }

  /** {@code array} of shape {@code [a, b, c]} as nested arrays. */
  static double[][][] read(NDArray array, int a, int b, int c) {
    return FlatArrays.unflatten(read(array), a, b, c);
  }

  /** A one-element array's value. */
  static double scalar(NDArray array) {
    return read(array)[0];
  }

  /**
   * Copies {@code array} (a {@code [rows x cols]} block, possibly with leading dimensions of 1)
   * into {@code rows} fresh rows without an intermediate copy: the engine hands out a view of its
   * memory, which is read before anything can free it.
   */
  static double[][] readRows(NDArray array, int rows, int cols) {
    if (array.getDevice().isGpu()) {
      return FlatArrays.unflatten(read(array), rows, cols);
    }
    ByteBuffer bytes = array.toByteBuffer(true);
    double[][] out = new double[rows][cols];
    if (array.getDataType() == DataType.FLOAT64) {
      DoubleBuffer d = bytes.asDoubleBuffer();
      for (double[] row : out) {
        d.get(row);
      }
    } else {
      FloatBuffer f = bytes.asFloatBuffer();
      for (double[] row : out) {
        for (int k = 0; k < cols; k++) {
          row[k] = f.get();
        }
      }
    }
    return out;
  }

  /** {@code rows x cols} values of {@code type} from the start of {@code buffer}, as rows. */
  static double[][] readRows(ByteBuffer buffer, DataType type, int rows, int cols) {
    double[][] out = new double[rows][cols];
    int at = 0;
    for (double[] row : out) {
      for (int k = 0; k < cols; k++) {
        row[k] = type == DataType.FLOAT64 ? buffer.getDouble(at) : buffer.getFloat(at);
        at += type.getNumOfBytes();
      }
    }
    return out;
  }

  /** Overwrites every value of {@code array} in place (the array keeps its identity). */
  static void overwrite(NDArray array, double[] values) {
    if (array.getDataType() == DataType.FLOAT64) {
      array.set(values);
    } else {
      array.set(FlatArrays.toFloat(values));
    }
  }

  /** A direct buffer in native byte order for {@code count} values of {@code type}. */
  static ByteBuffer directBuffer(int count, DataType type) {
    return ByteBuffer.allocateDirect(count * type.getNumOfBytes()).order(ByteOrder.nativeOrder());
  }

  /**
   * Writes rows into a direct buffer from {@link #directBuffer} with absolute puts, leaving its
   * position at 0 so it can be handed to the engine as it is.
   */
  static void write(double[][] rows, ByteBuffer buffer, DataType type) {
    int at = 0;
    if (type == DataType.FLOAT64) {
      for (double[] row : rows) {
        for (double v : row) {
          buffer.putDouble(at, v);
          at += Double.BYTES;
        }
      }
    } else {
      for (double[] row : rows) {
        for (double v : row) {
          buffer.putFloat(at, (float) v);
          at += Float.BYTES;
        }
      }
    }
  }
}
