package io.lstmirf.backend.reference;

import io.lstmirf.api.Device;
import io.lstmirf.api.Precision;
import java.util.List;

/**
 * The reference's engine: plain Java 17 on the CPU, in float64, with nothing to load. It exists so
 * that the reference has the same roles as every other backend ({@code XBackend} loads an {@code
 * XEngine} and builds {@code XModel}s from it).
 */
final class ReferenceEngine {
  /** The one instance: there is nothing to configure. */
  static final ReferenceEngine INSTANCE = new ReferenceEngine();

  /** The reference computes in float64 only. */
  static final List<Precision> PRECISIONS = List.of(Precision.FLOAT64);

  private ReferenceEngine() {}

  /** Java computes on the CPU. */
  List<Device> devices() {
    return List.of(Device.CPU);
  }
}
