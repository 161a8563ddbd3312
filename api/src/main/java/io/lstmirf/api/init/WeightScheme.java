package io.lstmirf.api.init;

/** How an initialiser draws weight matrices. */
public enum WeightScheme {
  /** PyTorch's default: every LSTM and head weight from {@code U(-k, k)}, {@code k = 1/sqrt(H)}. */
  UNIFORM,
  /**
   * Glorot/Xavier uniform per matrix, {@code U(-a, a)}, {@code a = sqrt(6 / (fan_in + fan_out))},
   * as Keras draws its kernels.
   */
  XAVIER
}
