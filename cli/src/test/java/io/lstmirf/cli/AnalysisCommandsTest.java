package io.lstmirf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.ModelJson;
import io.lstmirf.irf.var.TimeSeries;
import io.lstmirf.irf.var.VarModel;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.ClosedFormLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The irf, girf and var-irf commands as a user runs them, on the reference backend. */
class AnalysisCommandsTest {
  private static final ClosedFormLayer CLOSED_FORM =
      ClosedFormLayer.ofForgetBiases(0.8, 0.3, new double[] {0, 1, 2, Math.log(99)}, -0.2);

  @TempDir Path dir;
  Path model;

  @BeforeEach
  void files() {
    model = dir.resolve("model.json");
    ModelJson.write(CLOSED_FORM.weights(), model);
  }

  private CliTest.Run irf(String... extra) {
    String[] base = {
      "irf",
      "--backend",
      "reference",
      "--model",
      model.toString(),
      "--horizon",
      "100",
      "--shock-time",
      "30",
      "--shock",
      "1.5",
      "--channel",
      "0"
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliTest.run(args);
  }

  @Test
  void irfPrintsTheClosedFormAndItsHalfLives() {
    for (String mode : new String[] {"sequence", "step"}) {
      CliTest.Run r = irf("--mode", mode);
      assertEquals(0, r.code(), r.err());
      JsonNode doc = r.json();
      assertEquals("reference", doc.get("backend").asText());
      assertEquals(mode, doc.get("mode").asText());
      double[][] response = JsonArrays.matrix(doc.get("response"), "response");
      double[][] cell = JsonArrays.matrix(doc.get("cellResponse"), "cellResponse");
      assertEquals(100, response.length);
      assertEquals(4, response[0].length);
      Agreement.absolute(1e-9)
          .assertClose(mode + " response", CLOSED_FORM.hiddenResponse(1.5, 100), response);
      Agreement.absolute(1e-9)
          .assertClose(mode + " cell response", CLOSED_FORM.cellResponse(1.5, 100), cell);
      JsonNode metrics = doc.get("metrics");
      int[] halfLives = {2, 3, 6, 75};
      for (int k = 0; k < 4; k++) {
        assertEquals(k, metrics.get(k).get("channel").asInt());
        assertEquals(halfLives[k], metrics.get(k).get("halfLife").asInt());
      }
    }
  }

  @Test
  void irfFromABaselineFileWithAPlot() throws IOException {
    Path baseline = dir.resolve("baseline.json");
    StringBuilder inputs = new StringBuilder("{\"inputs\": [[");
    for (int t = 0; t < 140; t++) {
      inputs.append(t == 0 ? "" : ", ").append('[').append(Math.sin(0.1 * t)).append(']');
    }
    Files.writeString(baseline, inputs.append("]]}").toString());
    Path png = dir.resolve("irf.png");
    CliTest.Run r = irf("--baseline", baseline.toString(), "--plot", png.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(100, r.json().get("response").size());
    assertTrue(r.err().contains("wrote " + png), r.err());
    assertEquals(900, ImageIO.read(png.toFile()).getWidth());

    Files.writeString(baseline, "{\"inputs\": [[[0], [0], [0]]]}");
    CliTest.Run tooShort = irf("--baseline", baseline.toString());
    assertEquals(1, tooShort.code());
    assertEquals(1, tooShort.err().strip().lines().count(), tooShort.err());
    assertTrue(tooShort.err().contains("needs 130"), tooShort.err());
    assertEquals("", tooShort.out());
  }

  @Test
  void badPlotFileAndShockChannelAreOneLineErrors() {
    CliTest.Run jpg = irf("--plot", dir.resolve("x.jpg").toString());
    assertEquals(1, jpg.code());
    assertTrue(jpg.err().contains(".png or .svg"), jpg.err());
    CliTest.Run channel =
        CliTest.run(
            "irf",
            "--model",
            model.toString(),
            "--horizon",
            "5",
            "--shock-time",
            "0",
            "--channel",
            "3");
    assertEquals(1, channel.code());
    assertTrue(channel.err().contains("channel 3 does not exist"), channel.err());
    CliTest.Run usage = CliTest.run("irf", "--model", model.toString(), "--horizon", "5");
    assertEquals(2, usage.code());
    assertTrue(usage.err().contains("--shock-time"), usage.err());
  }

  @Test
  void girfIsReproducibleAndHasBands() throws IOException {
    Path csv = dir.resolve("data.csv");
    StringBuilder text = new StringBuilder("x\n");
    for (int t = 0; t < 300; t++) {
      text.append(Math.sin(0.37 * t) + 0.3 * Math.cos(1.9 * t)).append('\n');
    }
    Files.writeString(csv, text);
    String[] args = {
      "girf",
      "--model",
      model.toString(),
      "--data",
      csv.toString(),
      "--horizon",
      "20",
      "--shock-time",
      "10",
      "--histories",
      "50",
      "--seed",
      "3",
      "--quantiles",
      "0.1,0.9"
    };
    CliTest.Run a = CliTest.run(args);
    CliTest.Run b = CliTest.run(args);
    assertEquals(0, a.code(), a.err());
    assertEquals(a.out(), b.out());
    JsonNode doc = a.json();
    assertEquals(50, doc.get("histories").asInt());
    assertEquals(20, doc.get("mean").size());
    assertEquals(2, doc.get("bands").size());
    assertEquals(0.9, doc.get("bands").get(1).get("quantile").asDouble());
    assertEquals(4, doc.get("metrics").size());

    Path semicolons = dir.resolve("data.txt");
    Files.writeString(
        semicolons,
        "\"when; roughly\";x\n"
            + text.toString()
                .lines()
                .skip(1)
                .map(v -> "\"t\";" + v)
                .reduce("", (x, y) -> x + y + "\n"));
    String[] withDelimiter = args.clone();
    withDelimiter[4] = semicolons.toString();
    CliTest.Run c = CliTest.run(concat(withDelimiter, "--delimiter", ";"));
    assertEquals(0, c.code(), c.err());
    assertEquals(a.out(), c.out());
  }

  private static String[] concat(String[] args, String... more) {
    String[] out = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, out, args.length, more.length);
    return out;
  }

  @Test
  void varIrfMatchesTheLibraryAndSelectsByCriterion() throws IOException {
    double[][] y = new double[120][2];
    StringBuilder csv = new StringBuilder("a,b\n");
    for (int t = 0; t < y.length; t++) {
      if (t > 0) {
        y[t][0] = 0.6 * y[t - 1][0] + Math.sin(1.3 * t * t);
        y[t][1] = 0.3 * y[t - 1][0] - 0.2 * y[t - 1][1] + Math.cos(0.7 * t * t);
      }
      csv.append(y[t][0]).append(',').append(y[t][1]).append('\n');
    }
    Path file = dir.resolve("series.csv");
    Files.writeString(file, csv);
    CliTest.Run r =
        CliTest.run(
            "var-irf",
            "--data",
            file.toString(),
            "--lags",
            "2",
            "--horizon",
            "8",
            "--plot",
            dir.resolve("var.svg").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode doc = r.json();
    assertEquals(
        List.of("a", "b"),
        List.of(doc.get("variables").get(0).asText(), doc.get("variables").get(1).asText()));
    assertEquals(9, doc.get("irf").size());
    VarModel var = VarModel.fit(new TimeSeries(List.of("a", "b"), y), 2);
    double[][][] orth = var.orthogonalisedIrf(8);
    for (int j = 0; j <= 8; j++) {
      assertEquals(orth[j][1][0], doc.get("orthIrf").get(j).get(1).get(0).asDouble(), 0);
      assertEquals(var.irf(8)[j][0][1], doc.get("irf").get(j).get(0).get(1).asDouble(), 0);
    }
    assertTrue(Files.readString(dir.resolve("var.svg")).contains("<svg"));

    CliTest.Run chosen =
        CliTest.run(
            "var-irf", "--data", file.toString(), "--lags", "6", "--horizon", "4", "--ic", "bic");
    assertEquals(0, chosen.code(), chosen.err());
    assertEquals(
        VarModel.fit(
                new TimeSeries(List.of("a", "b"), y),
                6,
                io.lstmirf.irf.var.InformationCriterion.BIC)
            .lags(),
        chosen.json().get("lags").asInt());

    Path tabs = dir.resolve("series.tsv");
    Files.writeString(tabs, Files.readString(file).replace(',', '\t'));
    CliTest.Run tabbed =
        CliTest.run(
            "var-irf",
            "--data",
            tabs.toString(),
            "--lags",
            "2",
            "--horizon",
            "8",
            "--delimiter",
            "tab");
    assertEquals(0, tabbed.code(), tabbed.err());
    assertEquals(r.out(), tabbed.out());
    CliTest.Run badDelimiter =
        CliTest.run(
            "var-irf",
            "--data",
            tabs.toString(),
            "--lags",
            "2",
            "--horizon",
            "8",
            "--delimiter",
            "tabs");
    assertEquals(2, badDelimiter.code());
    assertTrue(
        badDelimiter
            .err()
            .startsWith(
                "lstm-irf: usage error: Invalid value for option"
                    + " '--delimiter': a CSV delimiter is one character"),
        badDelimiter.err());

    CliTest.Run missing =
        CliTest.run(
            "var-irf", "--data", dir.resolve("no.csv").toString(), "--lags", "1", "--horizon", "3");
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("does not exist"), missing.err());
    assertFalse(missing.err().contains("\tat "));
  }
}
