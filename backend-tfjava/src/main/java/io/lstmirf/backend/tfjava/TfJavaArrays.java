package io.lstmirf.backend.tfjava;

import io.lstmirf.api.LstmState;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

/**
 * Copies between the API's nested double arrays and float32 tensors in the graph's layouts:
 * sequences time-major {@code [T, B, F]} (what {@code BlockLSTMV2} reads and writes), states {@code
 * [L, 2, B, H]} (h then c per layer). Each copy is one bulk transfer to or from native memory plus
 * one pass in Java; the caller owns and closes every tensor returned.
 */
final class TfJavaArrays {
  private TfJavaArrays() {}

  /** {@code x [B][T][F]} as a time-major tensor {@code [T, B, F]}. */
  static TFloat32 timeMajor(double[][][] x) {
    int batch = x.length;
    int steps = x[0].length;
    int features = x[0][0].length;
    float[] flat = new float[steps * batch * features];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < steps; t++) {
        double[] row = x[b][t];
        int at = (t * batch + b) * features;
        for (int k = 0; k < features; k++) {
          flat[at + k] = (float) row[k];
        }
      }
    }
    return of(Shape.of(steps, batch, features), flat);
  }

  /** A time-major tensor {@code [T, B, F]} as {@code [B][T][F]}. */
  static double[][][] batchMajor(Tensor tensor) {
    Shape s = tensor.shape();
    return batchMajor(read(tensor), 0, (int) s.get(0), (int) s.get(1), (int) s.get(2));
  }

  private static double[][][] batchMajor(
      float[] flat, int offset, int steps, int batch, int features) {
    double[][][] out = new double[batch][steps][features];
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        double[] row = out[b][t];
        int at = offset + (t * batch + b) * features;
        for (int k = 0; k < features; k++) {
          row[k] = flat[at + k];
        }
      }
    }
    return out;
  }

  /** Rows {@code [B][F]} of a matrix tensor {@code [B, F]}. */
  static double[][] rows(Tensor tensor) {
    Shape s = tensor.shape();
    return rows(read(tensor), 0, (int) s.get(0), (int) s.get(1));
  }

  /** Writes {@code x [B][F]} into an existing {@code [B, F]} tensor, reusing its memory. */
  static void write(double[][] x, TFloat32 into, float[] scratch) {
    into.asRawTensor().data().asFloats().write(flatten(x, scratch));
  }

  /** Rows {@code x [B][F]} rounded to float into {@code scratch [B * F]}, which it returns. */
  static float[] flatten(double[][] x, float[] scratch) {
    int features = x[0].length;
    for (int b = 0; b < x.length; b++) {
      for (int k = 0; k < features; k++) {
        scratch[b * features + k] = (float) x[b][k];
      }
    }
    return scratch;
  }

  /** Rows {@code x [B][F]} as a matrix tensor {@code [B, F]}. */
  static TFloat32 matrix(double[][] x) {
    int features = x[0].length;
    float[] flat = new float[x.length * features];
    for (int b = 0; b < x.length; b++) {
      for (int k = 0; k < features; k++) {
        flat[b * features + k] = (float) x[b][k];
      }
    }
    return of(Shape.of(x.length, features), flat);
  }

  /** A state as a tensor {@code [L, 2, B, H]}. */
  static TFloat32 state(LstmState state) {
    return of(
        Shape.of(state.numLayers(), 2, state.batchSize(), state.hiddenSize()), flatState(state));
  }

  /** A state's values in the layout {@code [L, 2, B, H]}, row-major, rounded to float. */
  static float[] flatState(LstmState state) {
    int layers = state.numLayers();
    int block = state.batchSize() * state.hiddenSize();
    double[] h = state.hFlat();
    double[] c = state.cFlat();
    float[] flat = new float[2 * layers * block];
    for (int l = 0; l < layers; l++) {
      for (int k = 0; k < block; k++) {
        flat[2 * l * block + k] = (float) h[l * block + k];
        flat[(2 * l + 1) * block + k] = (float) c[l * block + k];
      }
    }
    return flat;
  }

  /** A zero state tensor {@code [L, 2, B, H]}. */
  static TFloat32 zeroState(int layers, int batch, int hidden) {
    // TensorFlow allocates tensors uninitialised: write the zeros.
    return of(Shape.of(layers, 2, batch, hidden), new float[2 * layers * batch * hidden]);
  }

  /** A state tensor {@code [L, 2, B, H]} as an {@link LstmState}. */
  static LstmState state(Tensor tensor) {
    Shape s = tensor.shape();
    return state(read(tensor), (int) s.get(0), (int) s.get(2), (int) s.get(3));
  }

  /** State values in the layout {@code [L, 2, B, H]}, row-major, as an {@link LstmState}. */
  static LstmState state(float[] flat, int layers, int batch, int hidden) {
    double[][][] h = new double[layers][][];
    double[][][] c = new double[layers][][];
    for (int l = 0; l < layers; l++) {
      h[l] = rows(flat, 2 * l * batch * hidden, batch, hidden);
      c[l] = rows(flat, (2 * l + 1) * batch * hidden, batch, hidden);
    }
    return new LstmState(h, c);
  }

  /** The top layer's hidden state {@code [B][H]} out of a state tensor {@code [L, 2, B, H]}. */
  static double[][] topHidden(Tensor state, float[] scratch) {
    Shape s = state.shape();
    int batch = (int) s.get(2);
    int hidden = (int) s.get(3);
    long offset = 2 * (s.get(0) - 1) * batch * hidden;
    FloatDataBuffer data = state.asRawTensor().data().asFloats();
    data.slice(offset, (long) batch * hidden).read(scratch);
    return rows(scratch, 0, batch, hidden);
  }

  /** A tensor of this shape holding {@code values}, row-major, rounded to float. */
  static TFloat32 of(Shape shape, double[] values) {
    float[] flat = new float[values.length];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = (float) values[i];
    }
    return of(shape, flat);
  }

  /** A scalar. */
  static TFloat32 scalar(double value) {
    return TFloat32.scalarOf((float) value);
  }

  /** Every value of a float tensor, row-major, widened exactly to double. */
  static double[] readDoubles(Tensor tensor) {
    float[] f = read(tensor);
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /** The single value of a scalar float tensor. */
  static double scalarValue(Tensor tensor) {
    return ((TFloat32) tensor).getFloat();
  }

  private static TFloat32 of(Shape shape, float[] flat) {
    TFloat32 t = TFloat32.tensorOf(shape);
    t.asRawTensor().data().asFloats().write(flat);
    return t;
  }

  private static float[] read(Tensor tensor) {
    float[] flat = new float[Math.toIntExact(tensor.shape().size())];
    tensor.asRawTensor().data().asFloats().read(flat);
    return flat;
  }

  /** Rows {@code [B][F]} of the values {@code flat[offset ...]}, widened exactly to double. */
  static double[][] rows(float[] flat, int offset, int batch, int features) {
    double[][] out = new double[batch][features];
    for (int b = 0; b < batch; b++) {
      for (int k = 0; k < features; k++) {
        out[b][k] = flat[offset + b * features + k];
      }
    }
    return out;
  }
}
