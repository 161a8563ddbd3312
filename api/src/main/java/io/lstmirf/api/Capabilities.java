package io.lstmirf.api;

import java.util.List;

/**
 * What a backend supports here.
 *
 * @param precisions supported precisions; the first is the default
 * @param devices devices models can be placed on here (the CPU, and each GPU found)
 */
public record Capabilities(List<Precision> precisions, List<Device> devices) {

  public Capabilities {
    precisions = List.copyOf(precisions);
    devices = List.copyOf(devices);
    if (precisions.isEmpty()) {
      throw new IllegalArgumentException("a backend supports at least one precision");
    }
  }

  public Precision defaultPrecision() {
    return precisions.get(0);
  }

  public boolean supports(Precision precision) {
    return precisions.contains(precision);
  }

  public boolean supports(Device device) {
    return devices.contains(device);
  }
}
