package io.lstmirf.api.json;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelJsonTest {
  /** Doubles that a careless writer would not bring back bit for bit. */
  private static final double[] AWKWARD = {
    0.1,
    1.0 / 3,
    -2.0 / 3,
    Math.PI,
    1e-300,
    Double.MIN_VALUE,
    Double.MAX_VALUE,
    -0.0,
    123456789.123456789,
    Math.nextUp(1.0),
    Math.ulp(1e10),
    5e-324,
    9007199254740993.0
  };

  private static LstmWeights awkwardWeights() {
    int h = 2;
    double[] wIh = new double[4 * h * 3];
    double[] wHh = new double[4 * h * h];
    double[] b = new double[4 * h];
    int at = 0;
    for (double[] a : new double[][] {wIh, wHh, b}) {
      for (int k = 0; k < a.length; k++) {
        a[k] = AWKWARD[at++ % AWKWARD.length] * (k % 2 == 0 ? 1 : -1);
      }
    }
    LayerWeights l0 =
        new LayerWeights(Matrix.ofRowMajor(4 * h, 3, wIh), Matrix.ofRowMajor(4 * h, h, wHh), b);
    LayerWeights l1 =
        new LayerWeights(Matrix.ofRowMajor(4 * h, h, wHh), Matrix.ofRowMajor(4 * h, h, wHh), b);
    return new LstmWeights(
        List.of(l0, l1),
        new HeadWeights(
            Matrix.ofRowMajor(1, h, new double[] {Math.E, -1e-17}), new double[] {0.3}));
  }

  private static String minimal(String layerFields, String extra) {
    return "{\"format\": \"lstm-irf-model/1\"" + extra + ", \"layers\": [{" + layerFields + "}]}";
  }

  private static final String GOOD_LAYER =
      "\"weightIh\": [[1],[2],[3],[4]], "
          + "\"weightHh\": [[0.1],[0.2],[0.3],[0.4]], \"bias\": [0, 1, 0, 0]";

  @Test
  void doublesRoundTripBitForBit() {
    LstmWeights w = awkwardWeights();
    LstmWeights back = ModelJson.parse(ModelJson.toJsonString(w), "test");
    assertEquals(w, back, "equals compares the bits of every double");
  }

  @Test
  void filesRoundTripAndDeclareTheirShape(@TempDir Path dir) throws Exception {
    LstmWeights w = awkwardWeights();
    Path file = dir.resolve("model.json");
    ModelJson.write(w, file);
    assertEquals(w, ModelJson.read(file));
    String text = Files.readString(file);
    assertEquals(
        true,
        text.startsWith("{\"format\":\"lstm-irf-model/1\",\"inputSize\":3," + "\"hiddenSize\":2,"),
        text.substring(0, 60));
  }

  @Test
  void aMinimalModelReads() {
    LstmWeights w = ModelJson.parse(minimal(GOOD_LAYER, ""), "m.json");
    assertEquals(1, w.spec().inputSize());
    assertEquals(1.0, w.forgetBias(0)[0], 0);
  }

  @Test
  void malformedJsonSaysWhere() {
    assertRejected(
        () -> ModelJson.parse("{\"layers\": [\n  {\"weightIh\": [[1,]]}\n]}", "m.json"),
        "m.json is not valid JSON",
        "line 2, column");
    assertRejected(
        () -> ModelJson.parse("{\"layers\": []} trailing", "m.json"), "not valid JSON", "line 1");
    assertRejected(() -> ModelJson.parse("", "m.json"), "m.json is empty");
    assertRejected(
        () -> ModelJson.parse("{\"layers\": 1, \"layers\": 2}", "m.json"),
        "not valid JSON",
        "Duplicate field 'layers'");
  }

  @Test
  void nonFiniteNumbersAreRejected() {
    assertRejected(
        () ->
            ModelJson.parse(
                minimal(GOOD_LAYER.replace("[0, 1, 0, 0]", "[0, NaN, 0, 0]"), ""), "m.json"),
        "not valid JSON",
        "NaN and Infinity are not valid",
        "finite");
    assertRejected(
        () ->
            ModelJson.parse(
                minimal(GOOD_LAYER.replace("[0, 1, 0, 0]", "[0, 1e400, 0, 0]"), ""), "m.json"),
        "layers[0].bias[1] is outside the range of a double",
        "finite");
    assertRejected(
        () ->
            ModelJson.parse(
                minimal(GOOD_LAYER.replace("[[1],[2]", "[[-Infinity],[2]"), ""), "m.json"),
        "not valid JSON");
  }

  @Test
  void wrongShapesNameTheFieldAndTheExpectedShape() {
    assertRejected(
        () ->
            ModelJson.parse(
                minimal(GOOD_LAYER.replace("[[0.1],[0.2],[0.3],[0.4]]", "[[0.1],[0.2],[0.3]]"), ""),
                "m.json"),
        "m.json: layers[0].weightHh has shape 3x1",
        "expected 4H x H");
    assertRejected(
        () ->
            ModelJson.parse(minimal(GOOD_LAYER.replace("[0, 1, 0, 0]", "[0, 1, 0]"), ""), "m.json"),
        "layers[0].bias has length 3",
        "expected 4");
    assertRejected(
        () ->
            ModelJson.parse(
                minimal(GOOD_LAYER.replace("[[1],[2],[3],[4]]", "[[1],[2],[3]]"), ""), "m.json"),
        "layers[0].weightIh has shape 3x1",
        "expected 4x");
    assertRejected(
        () -> ModelJson.parse(minimal(GOOD_LAYER, ", \"hiddenSize\": 2"), "m.json"),
        "hiddenSize is 2 but the weights have 1");
    assertRejected(
        () ->
            ModelJson.parse(
                "{\"layers\": [{"
                    + GOOD_LAYER
                    + "}], \"head\": "
                    + "{\"weight\": [[1, 2]], \"bias\": [0]}}",
                "m.json"),
        "head.weight has shape 1x2",
        "expected 1x1");
    assertRejected(
        () -> ModelJson.parse("{\"layers\": []}", "m.json"),
        "\"layers\" must be a non-empty array");
    assertRejected(() -> ModelJson.parse("[1, 2]", "m.json"), "m.json must be a JSON object");
  }

  @Test
  void raggedRowsAndWrongTypesAreNamed() {
    assertRejected(
        () ->
            ModelJson.parse(
                minimal(
                    GOOD_LAYER.replace(
                        "[[0.1],[0.2],[0.3],[0.4]]", "[[0.1],[0.2, 0.5],[0.3],[0.4]]"),
                    ""),
                "m.json"),
        "layers[0].weightHh[1] has 2 entries but layers[0].weightHh[0] has 1");
    assertRejected(
        () ->
            ModelJson.parse(
                minimal(GOOD_LAYER.replace("[0, 1, 0, 0]", "[0, \"1\", 0, 0]"), ""), "m.json"),
        "layers[0].bias[1] must be a number",
        "string \"1\"");
    assertRejected(
        () ->
            ModelJson.parse(
                minimal(GOOD_LAYER.replace("[0, 1, 0, 0]", "{\"f\": 1}"), ""), "m.json"),
        "layers[0].bias must be an array");
    assertRejected(
        () ->
            ModelJson.parse(
                minimal(GOOD_LAYER.replace(", \"bias\": [0, 1, 0, 0]", ""), ""), "m.json"),
        "layers[0].bias is missing");
  }

  @Test
  void unknownFieldsAndOtherFormatsAreRejected() {
    assertRejected(
        () -> ModelJson.parse(minimal(GOOD_LAYER, ", \"hiden\": 1"), "m.json"),
        "the model has an unknown field 'hiden'",
        "layers");
    assertRejected(
        () ->
            ModelJson.parse(
                minimal(GOOD_LAYER, "").replace("lstm-irf-model/1", "lstm-irf-model/3"), "m.json"),
        "format is 'lstm-irf-model/3'",
        "this version reads 'lstm-irf-model/1' and 'lstm-irf-model/2'");
    // A PyTorch export's second bias must not be dropped without a word.
    assertRejected(
        () -> ModelJson.parse(minimal(GOOD_LAYER + ", \"biasHh\": [1, 1, 1, 1]", ""), "m.json"),
        "layers[0] has an unknown field 'biasHh'",
        "weightIh");
    assertRejected(
        () ->
            ModelJson.parse(
                "{\"layers\": [{"
                    + GOOD_LAYER
                    + "}], \"head\": "
                    + "{\"weight\": [[1]], \"bias\": [0], \"activation\": \"tanh\"}}",
                "m.json"),
        "head has an unknown field 'activation'");
  }

  @Test
  void missingFilesAreReportedAsSuch(@TempDir Path dir) {
    assertRejected(
        () -> ModelJson.read(dir.resolve("nope.json")), "model file", "nope.json does not exist");
  }
}
