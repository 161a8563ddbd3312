package io.lstmirf.backend.reference;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;

/** The backend these tests exercise. */
final class ReferenceUnderTest {
  static final ReferenceBackend REFERENCE = new ReferenceBackend();

  private ReferenceUnderTest() {}

  /** A model of these weights; the caller closes it. */
  static LstmModel model(LstmWeights weights) {
    return REFERENCE.create(weights, ModelOptions.of(Precision.FLOAT64));
  }
}
