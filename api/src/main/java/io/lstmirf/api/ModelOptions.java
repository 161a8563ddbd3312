package io.lstmirf.api;

import java.util.Objects;

/**
 * How a backend should build a model: the precision it computes in and the device it runs on.
 *
 * @param precision float32 or float64
 * @param device cpu or gpu:N
 */
public record ModelOptions(Precision precision, Device device) {

  public ModelOptions {
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(device, "device");
  }

  /** The given precision on the CPU. */
  public static ModelOptions of(Precision precision) {
    return new ModelOptions(precision, Device.CPU);
  }

  public ModelOptions withDevice(Device newDevice) {
    return new ModelOptions(precision, newDevice);
  }

  public ModelOptions withPrecision(Precision newPrecision) {
    return new ModelOptions(newPrecision, device);
  }
}
