package io.lstmirf.conformance;

import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;

/** The float64 reference backend every target is compared with. */
public final class Oracle {
  private static final LstmBackend REFERENCE = Backends.discover().get(Backends.REFERENCE);

  private Oracle() {}

  /** A reference model of these weights, in float64 on the CPU. */
  public static LstmModel create(LstmWeights weights) {
    return REFERENCE.create(weights, ModelOptions.of(Precision.FLOAT64));
  }
}
