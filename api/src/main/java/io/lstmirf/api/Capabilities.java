package io.lstmirf.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a backend supports here.
 *
 * @param precisions supported precisions; the first is the default
 * @param devices devices models can be placed on here (the CPU, and each GPU found)
 * @param features what it implements beyond the canonical LSTM (GRU, peepholes, bidirectional
 *     layers, dropout); models and trainers that need more are refused
 */
public record Capabilities(
    List<Precision> precisions, List<Device> devices, Set<Feature> features) {

  public Capabilities {
    precisions = List.copyOf(precisions);
    devices = List.copyOf(devices);
    features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
    if (precisions.isEmpty()) {
      throw new IllegalArgumentException("a backend supports at least one precision");
    }
  }

  /** A backend of the canonical LSTM only. */
  public Capabilities(List<Precision> precisions, List<Device> devices) {
    this(precisions, devices, Set.of());
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

  public boolean supports(Feature feature) {
    return features.contains(feature);
  }

  /** Whether every layer of a model of {@code spec} can be built. */
  public boolean supports(LstmSpec spec) {
    return features.containsAll(spec.features());
  }
}
