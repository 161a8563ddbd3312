package io.lstmirf.interop.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.json.ModelJson;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.WeightTensors;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keras files written by {@link KerasWriter}, LSTMs, GRUs and Bidirectional layers, read back to
 * the weights written, bit for bit. (That Keras 3.15.1 loads them and agrees with the canonical
 * model was checked with src/test/python/make_keras_files.py check; tests never run Python.)
 */
class KerasExportTest {

  static Stream<Arguments> cases() {
    return Stream.of(ModelFormat.KERAS, ModelFormat.KERAS_H5)
        .flatMap(
            f ->
                Stream.of(
                    Arguments.of(f, LstmSpec.withHead(3, 5, 1, 2)),
                    Arguments.of(f, LstmSpec.withHead(1, 4, 3, 1)),
                    Arguments.of(f, LstmSpec.of(2, 6, 2)),
                    Arguments.of(f, LstmSpec.withHead(3, 4, 2, 2).withKind(LayerKind.GRU)),
                    Arguments.of(
                        f, LstmSpec.withHead(2, 3, 2, 1).withKind(LayerKind.LSTM.bidirectional())),
                    Arguments.of(
                        f,
                        LstmSpec.of(2, 4, 3)
                            .withLayerKinds(
                                List.of(
                                    LayerKind.GRU.bidirectional(),
                                    LayerKind.LSTM,
                                    LayerKind.GRU.bidirectional())))));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void float32FilesGiveTheFloatWeightsBackExactly(
      ModelFormat format, LstmSpec spec, @TempDir Path dir) {
    LstmWeights weights =
        WeightTensors.heldIn(Precision.FLOAT32, RandomData.weights(spec, 0.6, 41));
    Path file = dir.resolve(format == ModelFormat.KERAS ? "m.keras" : "m.h5");
    KerasWriter.write(weights, file, format, Precision.FLOAT32);

    ImportedModel back = KerasReader.read(file);

    assertEquals(format, back.format());
    assertEquals(weights, back.weights());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void jsonToKerasToJsonIsExactInFloat64(ModelFormat format, LstmSpec spec, @TempDir Path dir) {
    LstmWeights weights = RandomData.weights(spec, 0.6, 43);
    Path json = dir.resolve("m.json");
    ModelJson.write(weights, json);
    Path file = dir.resolve(format == ModelFormat.KERAS ? "m.keras" : "m.h5");
    KerasWriter.write(ModelJson.read(json), file, format, Precision.FLOAT64);
    Path back = dir.resolve("back.json");

    ModelJson.write(KerasReader.read(file).weights(), back);

    assertEquals(ModelJson.toJsonString(weights), ModelJson.toJsonString(ModelJson.read(back)));
  }

  @Test
  void theWrittenConfigIsTheKerasModelOfTheCanonicalOne(@TempDir Path dir) {
    Path file = dir.resolve("m.keras");
    KerasWriter.write(
        RandomData.weights(LstmSpec.withHead(3, 4, 2, 2), 0.5, 1),
        file,
        ModelFormat.KERAS,
        Precision.FLOAT32);

    KerasModelFile f = KerasReader.readFile(file);

    JsonNode layers = f.config().path("config").path("layers");
    assertEquals("Sequential", f.config().path("class_name").asText());
    assertEquals("[null,null,3]", layers.get(0).path("config").path("batch_shape").toString());
    for (int l = 1; l <= 2; l++) {
      JsonNode c = layers.get(l).path("config");
      assertEquals("LSTM", layers.get(l).path("class_name").asText());
      assertEquals("sigmoid", c.path("recurrent_activation").asText());
      assertTrue(c.path("return_sequences").asBoolean(), "the head sees every step");
    }
    assertEquals("linear", layers.get(3).path("config").path("activation").asText());
    assertEquals("3.0.0", f.kerasVersion());
  }

  @Test
  void peepholesHaveNoKerasLayerAndAreRefused(@TempDir Path dir) {
    LstmWeights w =
        RandomData.weights(LstmSpec.of(1, 2, 1).withKind(LayerKind.LSTM.withPeepholes()), 0.5, 1);

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                KerasWriter.write(w, dir.resolve("m.keras"), ModelFormat.KERAS, Precision.FLOAT32));

    assertTrue(e.getMessage().contains("Keras' LSTM layer has no peepholes"), e.getMessage());
  }

  @Test
  void onlyKerasFormatsAreWrittenHere(@TempDir Path dir) {
    LstmWeights w = RandomData.weights(LstmSpec.of(1, 2, 1), 0.5, 1);

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> KerasWriter.write(w, dir.resolve("m.onnx"), ModelFormat.ONNX, Precision.FLOAT32));

    assertEquals("KerasWriter writes keras and keras-h5, not onnx", e.getMessage());
  }
}
