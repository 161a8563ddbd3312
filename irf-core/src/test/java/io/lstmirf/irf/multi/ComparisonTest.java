package io.lstmirf.irf.multi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.backend.reference.ReferenceBackend;
import io.lstmirf.irf.json.MultiJson;
import io.lstmirf.irf.var.ResponseBand;
import io.lstmirf.irf.var.TimeSeries;
import io.lstmirf.irf.var.VarModel;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The VAR and the LSTMs side by side: what is compared, how, and the report. */
class ComparisonTest {
  private static final TimeSeries SERIES = KnownVar.truthTestVar().simulate(200, 11);
  private static Comparison c;

  @BeforeAll
  static void compare() {
    ReferenceBackend reference = new ReferenceBackend();
    c =
        Comparison.run(
            w -> reference.create(w),
            SERIES,
            2,
            6,
            new FitSpec(4, 6, 1, 5, 2, 42, 32, 0.01, 0.8),
            50,
            3,
            0.1,
            m -> {});
  }

  @Test
  void bothModelsAreEstimatedOnTheTrainingPartAndForecastTheRest() {
    assertEquals(160, c.trainEnd());
    VarModel expected = VarModel.fit(SERIES.range(0, 160), 2);
    assertTrue(
        Arrays.deepEquals(expected.orthogonalisedIrf(6), c.varIrf()),
        "the VAR is the one fitted on the training part");
    assertEquals(40, c.varErrors().count());
    assertEquals(40, c.lstmErrors().count());
    assertEquals(40, c.meanErrors().count());
    double[][] actual = Arrays.copyOfRange(SERIES.values(), 160, 200);
    assertEquals(
        OneStepErrors.of(OneStepForecasts.var(expected, SERIES.values(), 160, 200), actual),
        c.varErrors());
    // a VAR of the true order forecasts better than the mean of the training part
    for (int v = 0; v < 3; v++) {
      assertTrue(c.varErrors().ratioTo(c.meanErrors(), v) < 1);
    }
    // bands of the same nominal coverage: 90% for the VAR, 5%-95% across LSTMs and histories
    assertEquals(0.1, c.varBands().signif());
    assertEquals("5%-95%", c.lstm().outerBandLabel());
    assertEquals(ShockIdentification.ORTHOGONALISED, c.lstm().spec().identification());
  }

  @Test
  void distanceIsTheRmsDifferenceOverTheRmsHalfWidthOfTheVarsBand() {
    double[][][] g = c.lstm().mean();
    double[][][] phi = c.varIrf();
    ResponseBand band = c.varBands().orthIrf();
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        double diff = 0;
        double width = 0;
        for (int j = 0; j <= 6; j++) {
          diff += Math.pow(g[j][i][k] - phi[j][i][k], 2);
          width += Math.pow((band.upper(i, k)[j] - band.lower(i, k)[j]) / 2, 2);
        }
        assertEquals(Math.sqrt(diff / 7), c.rmsDifference()[i][k], 1e-15);
        assertEquals(Math.sqrt(diff / width), c.distance()[i][k], 1e-12);
      }
    }
  }

  @Test
  void theJsonAndTheReportCarryTheNumbers() throws Exception {
    JsonNode json = MultiJson.comparison(c);
    assertEquals(7, json.get("var").get("orthIrf").size());
    assertEquals(7, json.get("lstm").get("irf").size());
    assertEquals(2, json.get("lstm").get("members").size());
    assertEquals(c.distance()[2][1], json.get("distance").get(2).get(1).asDouble());
    assertEquals("orth", json.get("lstm").get("identification").asText());
    String html = ComparisonReport.html(c, new byte[] {1, 2, 3}, "sim <1>.csv");
    // well-formed, so strict tools read it; self-contained: nothing loaded from elsewhere
    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    assertTrue(html.contains("sim &lt;1&gt;.csv"));
    assertTrue(html.contains("data:image/png;base64,AQID"));
    assertTrue(!html.contains("http://") && !html.contains("https://"));
    assertTrue(html.contains(ComparisonReport.summary(c).replace("'", "&#39;")));
    assertTrue(ComparisonReport.summary(c).contains("of 9 cells"));
  }
}
