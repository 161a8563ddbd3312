package io.lstmirf.irf.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.backend.reference.ReferenceBackend;
import io.lstmirf.irf.Baseline;
import io.lstmirf.irf.ForgetGateProfile;
import io.lstmirf.irf.GeneralizedImpulseResponses;
import io.lstmirf.irf.GirfSpec;
import io.lstmirf.irf.ImpulseResponse;
import io.lstmirf.irf.ImpulseResponses;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.Linearisation;
import io.lstmirf.irf.Shock;
import io.lstmirf.testing.ClosedFormLayer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The printed documents have the promised shapes and read back through the strict mapper. */
class IrfJsonTest {
  private static final ClosedFormLayer MODEL =
      ClosedFormLayer.ofForgetBiases(0.8, 0.3, new double[] {0, 1}, -0.2);

  @Test
  void irfDocument() {
    try (LstmModel model = new ReferenceBackend().create(MODEL.weights())) {
      ImpulseResponse r =
          new ImpulseResponses(model)
              .compute(Baseline.zeros(), new Shock(3, 0, 1), 30, IrfMode.STEP);
      JsonNode doc = roundTrip(IrfJson.irf("reference", IrfMode.STEP, r).toString());
      assertEquals(List.of("backend", "mode", "response", "cellResponse", "metrics"), fields(doc));
      assertEquals("reference", doc.get("backend").asText());
      assertEquals("step", doc.get("mode").asText());
      double[][] response = JsonArrays.matrix(doc.get("response"), "response");
      assertEquals(30, response.length);
      assertEquals(r.response()[7][1], response[7][1], 0); // doubles survive bit for bit
      assertEquals(30, doc.get("cellResponse").size());
      JsonNode m = doc.get("metrics").get(1);
      assertEquals(
          List.of(
              "channel",
              "halfLife",
              "halfLifeFromPeak",
              "contributionRatio",
              "oscillationFrequency",
              "peak",
              "peakLag",
              "persistence",
              "decayRate",
              "lag90"),
          fields(m));
      assertEquals(1, m.get("channel").asInt());
      assertEquals(3, m.get("halfLife").asInt());
      assertTrue(m.get("decayRate").isNumber());
    }
  }

  @Test
  void notReachedIsNull() {
    try (LstmModel model = new ReferenceBackend().create(MODEL.weights())) {
      ImpulseResponse none =
          new ImpulseResponses(model)
              .compute(Baseline.zeros(), new Shock(0, 0, 0), 5, IrfMode.SEQUENCE);
      JsonNode m =
          roundTrip(IrfJson.irf("reference", IrfMode.SEQUENCE, none).toString())
              .get("metrics")
              .get(0);
      assertTrue(m.get("halfLife").isNull());
      assertTrue(m.get("halfLifeFromPeak").isNull());
      assertTrue(m.get("decayRate").isNull());
      assertTrue(m.get("lag90").isNull());
      assertEquals(0.0, m.get("contributionRatio").asDouble());
      JsonNode gates =
          roundTrip(
              IrfJson.forgetGates(ForgetGateProfile.of(new double[][][][] {{{{1.0, 0.5}}}}))
                  .toString());
      assertTrue(gates.get("layers").get(0).get("halfLife").get(0).isNull());
      assertEquals(1.0, gates.get("layers").get(0).get("halfLife").get(1).asDouble(), 1e-15);
    }
  }

  @Test
  void girfAndLinearisedDocuments() {
    double[][] data = new double[80][1];
    for (int t = 0; t < data.length; t++) {
      data[t][0] = Math.cos(0.2 * t);
    }
    try (LstmModel model = new ReferenceBackend().create(MODEL.weights())) {
      JsonNode g =
          roundTrip(
              IrfJson.girf(
                      "reference",
                      IrfMode.SEQUENCE,
                      new GeneralizedImpulseResponses(model)
                          .compute(
                              data, GirfSpec.of(new Shock(4, 0, 1), 10, 20, 5), IrfMode.SEQUENCE))
                  .toString());
      assertEquals(
          List.of(
              "backend",
              "mode",
              "shock",
              "horizon",
              "histories",
              "seed",
              "mean",
              "bands",
              "cellMean",
              "cellBands",
              "metrics"),
          fields(g));
      assertEquals(20, g.get("histories").asInt());
      assertEquals(3, g.get("bands").size());
      assertEquals(0.95, g.get("bands").get(2).get("quantile").asDouble());
      assertEquals(10, g.get("bands").get(2).get("response").size());
      JsonNode lin =
          roundTrip(
              IrfJson.linearised(
                      new Linearisation(model)
                          .compute(Baseline.zeros(), new Shock(1, 0, 1), 8, IrfMode.SEQUENCE))
                  .toString());
      assertEquals(2, lin.get("nonlinearity").size());
      assertEquals(8, lin.get("linear").size());
    }
  }

  private static JsonNode roundTrip(String text) {
    return JsonFiles.parse(text, "printed JSON");
  }

  private static List<String> fields(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
