package io.lstmirf.interop.keras;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.Matrix;
import java.util.Arrays;

/**
 * One weight array of a Keras layer as the file stores it (float32 values widened exactly).
 *
 * @param name its name in the file, e.g. {@code lstm_1/kernel:0} or {@code cell/vars/0}
 * @param shape its shape, e.g. {@code [I, 4H]} for an LSTM kernel
 * @param values row-major values
 */
public record KerasWeight(String name, int[] shape, double[] values) {

  public KerasWeight {
    shape = shape.clone();
    values = values.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** This 2-D weight as a matrix, checking its shape. */
  Matrix matrix(String where, int rows, int cols) {
    if (shape.length != 2 || shape[0] != rows || shape[1] != cols) {
      throw new InvalidInputException(
          where
              + ": "
              + name
              + " has shape "
              + Arrays.toString(shape)
              + "; expected ["
              + rows
              + ", "
              + cols
              + "]");
    }
    return Matrix.ofRowMajor(rows, cols, values);
  }

  /** This 1-D weight, checking its length. */
  double[] vector(String where, int length) {
    if (shape.length != 1 || shape[0] != length) {
      throw new InvalidInputException(
          where
              + ": "
              + name
              + " has shape "
              + Arrays.toString(shape)
              + "; expected ["
              + length
              + "]");
    }
    return values();
  }
}
