package io.lstmirf.experiment.bench;

import io.lstmirf.api.Precision;
import java.util.List;
import java.util.Optional;

/**
 * One backend's measurements, and its floors: the engine's own matrix product at the sequence
 * step's shape ({@code gemm-step}) and at a large square shape ({@code gemm-large}).
 *
 * @param backend the backend's name
 * @param description the engine and its version
 * @param precision what it computed in
 * @param measurements the floors first, then the LSTM cases, in the order they ran
 */
public record BackendResult(
    String backend, String description, Precision precision, List<Measurement> measurements) {

  public BackendResult {
    measurements = List.copyOf(measurements);
  }

  /** The measurement called {@code name}, if it was taken. */
  public Optional<Measurement> find(String name) {
    return measurements.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The floor's rate at the step's shape, FLOP/s; NaN without one. */
  public double stepFloorRate() {
    return find(BackendWorkloads.GEMM_STEP).map(Measurement::flopsPerSecond).orElse(Double.NaN);
  }

  /** The floor's rate at the large shape, FLOP/s; NaN without one. */
  public double largeFloorRate() {
    return find(BackendWorkloads.GEMM_LARGE).map(Measurement::flopsPerSecond).orElse(Double.NaN);
  }

  /**
   * How many times the step-shape floor {@code m}'s median is: its time over the time its
   * arithmetic takes at the engine's step-shape matrix-product rate (1 is the floor).
   */
  public double timesFloor(Measurement m) {
    return m.median() * stepFloorRate() / m.flops();
  }

  /** The same against the large-shape rate, the machine's best. */
  public double timesLargeFloor(Measurement m) {
    return m.median() * largeFloorRate() / m.flops();
  }

  /** The batched IRF's median over one forward of the same batch; NaN without both. */
  public double irfOverForward() {
    Optional<Measurement> irf = find(BackendWorkloads.IRF);
    Optional<Measurement> forward = find(BackendWorkloads.IRF_FORWARD);
    return irf.isPresent() && forward.isPresent()
        ? irf.get().median() / forward.get().median()
        : Double.NaN;
  }
}
