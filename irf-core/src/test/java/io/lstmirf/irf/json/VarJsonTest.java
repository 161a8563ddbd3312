package io.lstmirf.irf.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.irf.var.TimeSeries;
import io.lstmirf.irf.var.VarBands;
import io.lstmirf.irf.var.VarIrfAnalysis;
import io.lstmirf.irf.var.VarModel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The var-irf document: its fields, their order and shapes, and values that read back exactly. */
class VarJsonTest {

  @Test
  void documentHasEveryFieldInStatsmodelsLayout() {
    double[][] y = new double[60][2];
    for (int t = 1; t < y.length; t++) {
      y[t][0] = 0.5 * y[t - 1][0] + Math.sin(1.7 * t);
      y[t][1] = 0.2 * y[t - 1][0] + Math.cos(2.3 * t * t);
    }
    VarModel var = VarModel.fit(new TimeSeries(List.of("x", "z"), y), 1);
    VarIrfAnalysis a = var.irfAnalysis(6);
    JsonNode doc = JsonFiles.parse(VarJson.document(var, a, var.fevd(6), null).toString(), "doc");
    assertEquals(
        List.of(
            "variables",
            "lags",
            "observations",
            "horizon",
            "coefs",
            "intercept",
            "sigmaU",
            "informationCriteria",
            "irf",
            "irfStderr",
            "orthIrf",
            "orthIrfStderr",
            "cumEffects",
            "cumEffectsStderr",
            "orthCumEffects",
            "orthCumEffectsStderr",
            "longRunEffects",
            "orthLongRunEffects",
            "longRunEffectsStderr",
            "fevd"),
        fields(doc));
    assertEquals(7, doc.get("irf").size());
    assertEquals(2, doc.get("irf").get(0).size());
    assertEquals(1, doc.get("coefs").size());
    assertEquals(2, doc.get("fevd").size());
    assertEquals(6, doc.get("fevd").get(0).size());
    assertEquals("z", doc.get("variables").get(1).asText());
    assertEquals(List.of("aic", "bic", "hqic", "fpe"), fields(doc.get("informationCriteria")));
    assertEquals(
        a.orthIrf().values()[3][1][0], doc.get("orthIrf").get(3).get(1).get(0).asDouble(), 0);
    assertEquals(
        a.cumEffects().stderr()[4][0][1],
        doc.get("cumEffectsStderr").get(4).get(0).get(1).asDouble(),
        0);
    assertFalse(doc.has("bands"));

    VarBands bands = a.asymptoticBands(0.1);
    JsonNode withBands =
        JsonFiles.parse(VarJson.document(var, a, var.fevd(6), bands).toString(), "doc");
    JsonNode b = withBands.get("bands");
    assertEquals(
        List.of(
            "method", "signif", "replications", "irf", "orthIrf", "cumEffects", "orthCumEffects"),
        fields(b));
    assertEquals("asymptotic", b.get("method").asText());
    assertEquals(
        bands.orthIrf().upper()[2][1][1],
        b.get("orthIrf").get("upper").get(2).get(1).get(1).asDouble(),
        0);
  }

  private static List<String> fields(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
