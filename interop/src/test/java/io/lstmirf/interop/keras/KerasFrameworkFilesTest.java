package io.lstmirf.interop.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.testing.FrameworkCase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Models Keras 3.15.1 (TensorFlow backend) saved as .keras and as legacy .h5, every weight random,
 * imported and run on the reference backend against Keras' own model.predict
 * (src/test/python/make_keras_files.py and make_keras_variant_files.py: LSTMs, GRUs and
 * Bidirectional layers). The bound is 1e-5.
 */
class KerasFrameworkFilesTest {
  private static final double FRAMEWORK_TOLERANCE = 1e-5;

  static Stream<Arguments> files() {
    return Stream.of(
        Arguments.of("keras_l1_dense", LstmSpec.withHead(3, 4, 1, 2)),
        Arguments.of("keras_l2_last", LstmSpec.withHead(3, 4, 2, 2)),
        Arguments.of("keras_no_bias_no_head", LstmSpec.of(3, 4, 1)),
        Arguments.of("keras_time_distributed", LstmSpec.withHead(3, 4, 1, 2)),
        Arguments.of("keras_functional", LstmSpec.withHead(3, 4, 1, 2)),
        // make_keras_variant_files.py: GRU (reset_after=True) and Bidirectional
        Arguments.of("keras_gru_dense", LstmSpec.withHead(3, 4, 1, 2).withKind(LayerKind.GRU)),
        Arguments.of(
            "keras_gru_stacked_last", LstmSpec.withHead(3, 4, 2, 2).withKind(LayerKind.GRU)),
        Arguments.of(
            "keras_bidirectional_lstm_dense",
            LstmSpec.withHead(3, 4, 1, 2).withKind(LayerKind.LSTM.bidirectional())),
        Arguments.of(
            "keras_bidirectional_gru_stacked",
            LstmSpec.of(3, 3, 2).withKind(LayerKind.GRU.bidirectional())),
        Arguments.of(
            "keras_bidirectional_lstm_under_gru",
            LstmSpec.withHead(3, 4, 2, 1)
                .withLayerKinds(List.of(LayerKind.LSTM.bidirectional(), LayerKind.GRU))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void importedModelReproducesKerasOutputs(String name, LstmSpec spec) {
    FrameworkCase expected = FrameworkCase.load("keras", name);
    for (ModelFormat format : new ModelFormat[] {ModelFormat.KERAS, ModelFormat.KERAS_H5}) {
      String file = name + (format == ModelFormat.KERAS ? ".keras" : ".h5");
      ImportedModel m = KerasReader.read(FrameworkCase.resource("keras", file));

      assertEquals(format, m.format());
      assertEquals(spec, m.weights().spec());
      double diff = expected.maxDifference(m.weights(), m.initialState());
      System.out.printf(
          "Keras %-28s max |reference - Keras| = %.2e (%s)%n", file, diff, expected.source());
      assertTrue(diff <= FRAMEWORK_TOLERANCE, file + ": " + diff);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void theArchiveAndTheLegacyFileHoldTheSameWeights(String name, LstmSpec spec) {
    ImportedModel keras = KerasReader.read(FrameworkCase.resource("keras", name + ".keras"));
    ImportedModel h5 = KerasReader.read(FrameworkCase.resource("keras", name + ".h5"));

    assertEquals(keras.weights(), h5.weights());
  }
}
