package io.lstmirf.backend.dl4j;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.testing.Engines;

/** The backend these tests exercise. */
final class Dl4jUnderTest {
  static final Dl4jBackend DL4J = new Dl4jBackend();

  private Dl4jUnderTest() {}

  /** A DL4J model of these weights; fails, never skips, when the engine does not load. */
  static LstmModel dl4j(LstmWeights weights, Precision precision) {
    Engines.requireAvailable(DL4J);
    return DL4J.create(weights, ModelOptions.of(precision));
  }
}
