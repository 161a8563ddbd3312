package io.lstmirf.api.json;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.init.Initializer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Version 2 of the model format: the variants, and how versions 1 and 2 live side by side. */
class ModelJsonVariantsTest {
  private static final String GRU_LAYER =
      "\"cell\": \"gru\", \"weightIh\": [[1],[2],[3]],"
          + " \"weightHh\": [[0.1],[0.2],[0.3]], \"bias\": [0, 1, 0], \"recurrentBias\": [0.5]";

  private static String doc(String format, String layer) {
    return "{\"format\": \"" + format + "\", \"layers\": [{" + layer + "}]}";
  }

  @Test
  void variantsRoundTripBitForBitAsVersion2() {
    LstmSpec spec =
        LstmSpec.withHead(2, 3, 3, 2)
            .withLayerKinds(
                List.of(
                    LayerKind.GRU.bidirectional(),
                    LayerKind.LSTM.withPeepholes().bidirectional(),
                    LayerKind.GRU));
    LstmWeights w = Initializer.xavier(spec, 1.25, 5).map(v -> v + 1.0 / 3);
    String text = ModelJson.toJsonString(w);
    assertTrue(text.startsWith("{\"format\":\"lstm-irf-model/2\","), text.substring(0, 40));
    assertTrue(
        text.contains("{\"cell\":\"gru\",\"direction\":\"bidirectional\",\"weightIh\""),
        "a variant layer names its cell and direction first");
    assertEquals(w, ModelJson.parse(text, "v2.json"));
    assertEquals(ModelJson.FORMAT_V2, ModelJson.formatOf(w));
  }

  @Test
  void canonicalLstmsStayVersion1() {
    LstmWeights w = Initializer.xavier(LstmSpec.withHead(1, 2, 2, 1), 1.0, 3);
    String text = ModelJson.toJsonString(w);
    assertTrue(text.startsWith("{\"format\":\"lstm-irf-model/1\","));
    assertTrue(!text.contains("cell") && !text.contains("direction"), "version 1 fields only");
    assertEquals(
        w,
        ModelJson.parse(text.replace("model/1", "model/2"), "as v2"),
        "version 2 reads a canonical layer the same way");
  }

  @Test
  void aHandWrittenGruReads() {
    LstmWeights w = ModelJson.parse(doc("lstm-irf-model/2", GRU_LAYER), "gru.json");
    assertEquals(LayerKind.GRU, w.spec().layerKind(0));
    assertEquals(1.0, w.memoryGateBias(0)[0], 0);
    assertEquals(0.5, w.layer(0).recurrentBias().orElseThrow()[0], 0);
  }

  @Test
  void variantFieldsNeedVersion2AndAreChecked() {
    assertRejected(
        () -> ModelJson.parse(doc("lstm-irf-model/1", GRU_LAYER), "m.json"),
        "layers[0] has 'cell', a field of lstm-irf-model/2",
        "set \"format\" to \"lstm-irf-model/2\"");
    assertRejected(
        () ->
            ModelJson.parse(
                doc("lstm-irf-model/2", GRU_LAYER.replace(", \"recurrentBias\": [0.5]", "")),
                "m.json"),
        "layers[0] is a GRU layer",
        "needs \"recurrentBias\"");
    assertRejected(
        () -> ModelJson.parse(doc("lstm-irf-model/2", GRU_LAYER.replace("gru", "rnn")), "m.json"),
        "layers[0]: unknown cell 'rnn'",
        "lstm, gru");
    assertRejected(
        () ->
            ModelJson.parse(
                doc("lstm-irf-model/2", GRU_LAYER + ", \"direction\": \"bidirectional\""),
                "m.json"),
        "layers[0] is bidirectional",
        "\"backward\" must be an object");
    assertRejected(
        () -> ModelJson.parse(doc("lstm-irf-model/2", GRU_LAYER + ", \"backward\": {}"), "m.json"),
        "has \"backward\" but is not bidirectional");
    assertRejected(
        () ->
            ModelJson.parse(
                doc("lstm-irf-model/2", GRU_LAYER + ", \"peephole\": [1, 2, 3]"), "m.json"),
        "peepholes are an LSTM option");
    assertRejected(
        () ->
            ModelJson.parse(
                doc(
                    "lstm-irf-model/2",
                    GRU_LAYER
                        + ", \"direction\": \"bidirectional\", \"backward\": {\"weightIh\": [[1],[2],[3]],"
                        + " \"weightHh\": [[0.1],[0.2],[0.3]], \"bias\": [0, 1, 0]}"),
                "m.json"),
        "layers[0].backward is a GRU layer",
        "needs \"recurrentBias\"");
  }
}
