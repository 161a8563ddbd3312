package io.lstmirf.backend.djl;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.WeightScales;

/** The backend these tests exercise, and the weights they run it on. */
final class DjlUnderTest {
  static final DjlBackend DJL = new DjlBackend();

  /** The scales of {@link #randomWeights}: W_ih, W_hh 0.6, biases 0.5, head 0.8 and 0.3. */
  static final WeightScales WEIGHT_SCALES = new WeightScales(0.6, 0.6, 0.5, 0.8, 0.3);

  private DjlUnderTest() {}

  /** A DJL model of these weights; the caller closes it. */
  static LstmModel djl(LstmWeights weights, Precision precision) {
    return DJL.create(weights, ModelOptions.of(precision));
  }

  /** Every weight random (see {@link RandomData}), at the scales of {@link #WEIGHT_SCALES}. */
  static LstmWeights randomWeights(LstmSpec spec, long seed) {
    return RandomData.weights(spec, WEIGHT_SCALES, seed);
  }
}
