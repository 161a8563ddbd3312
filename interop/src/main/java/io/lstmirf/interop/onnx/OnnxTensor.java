package io.lstmirf.interop.onnx;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.interop.onnx.proto.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A constant tensor of an ONNX graph (an initializer or a Constant node's value), decoded to
 * doubles. Floating-point values widen exactly; integers are exact up to 2^53, and the int64
 * sentinels ONNX uses for "to the end" (e.g. Slice ends of INT64_MAX) cast back to themselves.
 *
 * @param name the tensor's name in the graph
 * @param dims its shape
 * @param values row-major values
 */
record OnnxTensor(String name, long[] dims, double[] values) {

  OnnxTensor {
    dims = dims.clone();
    values = values.clone();
  }

  @Override
  public long[] dims() {
    return dims.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  int rank() {
    return dims.length;
  }

  int size() {
    return values.length;
  }

  double value(int i) {
    return values[i];
  }

  /** Whether every value is exactly zero (an empty tensor counts). */
  boolean allZero() {
    return Arrays.stream(values).allMatch(v -> v == 0);
  }

  /** The values as longs: axes, indices, lengths. */
  long[] longs() {
    return Arrays.stream(values).mapToLong(v -> (long) v).toArray();
  }

  /** The shape as text, e.g. {@code [1, 16, 3]}. */
  String shape() {
    return Arrays.toString(dims);
  }

  /** Decodes an initializer or Constant value; {@code where} names it in error messages. */
  static OnnxTensor decode(TensorProto t, String where) {
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.hasSegment()) {
      throw new InvalidInputException(
          where
              + " '"
              + t.getName()
              + "' keeps its data outside the"
              + " file (external data or segments), which this reader does not follow; save the"
              + " model with its weights inside (onnx.save(model, path, save_as_external_data=False))");
    }
    long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    long count = 1;
    for (long d : dims) {
      count *= d;
    }
    if (count > Integer.MAX_VALUE) {
      throw new InvalidInputException(
          where + " '" + t.getName() + "' is too large: " + count + " values");
    }
    double[] v = values(t, (int) count, where);
    if (v.length != count) {
      throw new InvalidInputException(
          where
              + " '"
              + t.getName()
              + "' has "
              + v.length
              + " values for its shape "
              + Arrays.toString(dims)
              + " ("
              + count
              + ")");
    }
    return new OnnxTensor(t.getName(), dims, v);
  }

  private static double[] values(TensorProto t, int count, String where) {
    boolean raw = !t.getRawData().isEmpty();
    ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    double[] v;
    switch (t.getDataType()) {
      case TensorProto.DataType.FLOAT_VALUE -> {
        v = raw ? new double[b.remaining() / 4] : new double[t.getFloatDataCount()];
        for (int i = 0; i < v.length; i++) {
          v[i] = raw ? b.getFloat() : t.getFloatData(i);
        }
      }
      case TensorProto.DataType.DOUBLE_VALUE -> {
        v = raw ? new double[b.remaining() / 8] : new double[t.getDoubleDataCount()];
        for (int i = 0; i < v.length; i++) {
          v[i] = raw ? b.getDouble() : t.getDoubleData(i);
        }
      }
      case TensorProto.DataType.FLOAT16_VALUE, TensorProto.DataType.BFLOAT16_VALUE -> {
        boolean half = t.getDataType() == TensorProto.DataType.FLOAT16_VALUE;
        v = raw ? new double[b.remaining() / 2] : new double[t.getInt32DataCount()];
        for (int i = 0; i < v.length; i++) {
          int bits = raw ? b.getShort() & 0xffff : t.getInt32Data(i) & 0xffff;
          v[i] = half ? halfToFloat(bits) : Float.intBitsToFloat(bits << 16);
        }
      }
      case TensorProto.DataType.INT32_VALUE -> {
        v = raw ? new double[b.remaining() / 4] : new double[t.getInt32DataCount()];
        for (int i = 0; i < v.length; i++) {
          v[i] = raw ? b.getInt() : t.getInt32Data(i);
        }
      }
      case TensorProto.DataType.INT64_VALUE -> {
        v = raw ? new double[b.remaining() / 8] : new double[t.getInt64DataCount()];
        for (int i = 0; i < v.length; i++) {
          v[i] = raw ? b.getLong() : t.getInt64Data(i);
        }
      }
      default ->
          throw new InvalidInputException(
              where
                  + " '"
                  + t.getName()
                  + "' has data type "
                  + TensorProto.DataType.forNumber(t.getDataType())
                  + "; this reader takes float, double,"
                  + " float16, bfloat16, int32 and int64");
    }
    return v;
  }

  /** IEEE 754 binary16 to float, exactly (Java 17 has no Float.float16ToFloat). */
  static float halfToFloat(int bits) {
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float m = mant / 1024f / 16384f; // subnormal: mant * 2^-24
      return sign == 0 ? m : -m;
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }
}
