package io.lstmirf.backend.reference;

import io.lstmirf.api.AbstractLstmBackend;
import io.lstmirf.api.Availability;
import io.lstmirf.api.Capabilities;
import io.lstmirf.api.Device;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import java.util.List;

/**
 * The pure-Java, double-precision backend: exactly the canonical LSTM of irf-method.md, with no
 * dependencies. It is the oracle every engine is tested against and the default backend.
 */
public final class ReferenceBackend extends AbstractLstmBackend {
  /** The name this backend is chosen by. */
  public static final String NAME = "reference";

  private static final Capabilities CAPABILITIES =
      new Capabilities(List.of(Precision.FLOAT64), List.of(Device.CPU));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "pure Java, float64 (oracle)";
  }

  @Override
  protected Availability loadEngine() {
    return Availability.ok();
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  protected String gpuAdvice() {
    return "The reference backend computes in Java on the CPU only; for a GPU use djl, tfjava or"
        + " dl4j";
  }

  @Override
  protected LstmModel newModel(LstmWeights weights, ModelOptions options) {
    return new ReferenceModel(weights, options);
  }
}
