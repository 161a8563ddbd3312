package io.lstmirf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.irf.var.CsvSeries;
import io.lstmirf.irf.var.VarBands;
import io.lstmirf.irf.var.VarIrfAnalysis;
import io.lstmirf.irf.var.VarModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code var-irf} with inference, bands and plots, as a user runs it. */
class VarIrfCommandTest {
  @TempDir Path dir;
  Path data;

  @BeforeEach
  void series() throws IOException {
    StringBuilder csv = new StringBuilder("quarter,a,b,c\n");
    double[] y = new double[3];
    for (int t = 0; t < 150; t++) {
      double[] next = {
        0.5 * y[0] + 0.1 * y[2] + Math.sin(1.3 * t * t),
        0.3 * y[0] - 0.2 * y[1] + Math.cos(0.7 * t * t),
        0.2 * y[1] + 0.4 * y[2] + Math.sin(2.1 * t * t)
      };
      y = next;
      csv.append(2000 + t / 4).append('Q').append(t % 4 + 1);
      for (double v : y) {
        csv.append(',').append(v);
      }
      csv.append('\n');
    }
    data = dir.resolve("series.csv");
    Files.writeString(data, csv);
  }

  @Test
  void printsEveryFieldWithAsymptoticBandsAndDrawsThreePlots() throws IOException {
    CliTest.Run r =
        CliTest.run(
            "var-irf",
            "--data",
            data.toString(),
            "--lags",
            "2",
            "--horizon",
            "8",
            "--bands",
            "asymptotic",
            "--signif",
            "0.1",
            "--plot",
            dir.resolve("irf.png").toString(),
            "--cum-plot",
            dir.resolve("cum.svg").toString(),
            "--fevd-plot",
            dir.resolve("fevd.png").toString(),
            "--orth");
    assertEquals(0, r.code(), r.err());
    JsonNode doc = r.json();
    VarModel var = VarModel.fit(CsvSeries.read(data), 2);
    VarIrfAnalysis a = var.irfAnalysis(8);
    VarBands bands = a.asymptoticBands(0.1);
    assertEquals(2, doc.get("coefs").size());
    assertEquals(3, doc.get("fevd").size());
    assertEquals(8, doc.get("fevd").get(0).size());
    assertEquals(
        a.orthIrf().stderr()[3][2][1], doc.get("orthIrfStderr").get(3).get(2).get(1).asDouble(), 0);
    assertEquals(
        a.cumEffects().stderr()[8][0][2],
        doc.get("cumEffectsStderr").get(8).get(0).get(2).asDouble(),
        0);
    assertEquals(
        var.informationCriteria().hqic(), doc.get("informationCriteria").get("hqic").asDouble(), 0);
    JsonNode b = doc.get("bands");
    assertEquals("asymptotic", b.get("method").asText());
    assertEquals(0.1, b.get("signif").asDouble());
    assertEquals(
        bands.irf().lower()[2][1][0], b.get("irf").get("lower").get(2).get(1).get(0).asDouble(), 0);
    assertEquals(
        bands.orthCumEffects().upper()[5][0][0],
        b.get("orthCumEffects").get("upper").get(5).get(0).get(0).asDouble(),
        0);
    assertTrue(ImageIO.read(dir.resolve("irf.png").toFile()).getWidth() >= 1000);
    assertTrue(Files.readString(dir.resolve("cum.svg")).contains("<svg"));
    assertTrue(ImageIO.read(dir.resolve("fevd.png").toFile()).getHeight() > 500);
    assertTrue(r.err().contains("wrote " + dir.resolve("fevd.png")), r.err());
  }

  @Test
  void monteCarloBandsAreSeeded() {
    String[] args = {
      "var-irf",
      "--data",
      data.toString(),
      "--lags",
      "1",
      "--horizon",
      "5",
      "--bands",
      "mc",
      "--repl",
      "60",
      "--seed",
      "7"
    };
    CliTest.Run first = CliTest.run(args);
    assertEquals(0, first.code(), first.err());
    CliTest.Run again = CliTest.run(args);
    assertEquals(first.out(), again.out());
    JsonNode b = first.json().get("bands");
    assertEquals("mc", b.get("method").asText());
    assertEquals(60, b.get("replications").asInt());
    assertEquals(7, b.get("seed").asLong());
    double[][][] lower = JsonArrays.tensor3(b.get("orthIrf").get("lower"), "lower");
    double[][][] upper = JsonArrays.tensor3(b.get("orthIrf").get("upper"), "upper");
    for (int j = 0; j <= 5; j++) {
      for (int i = 0; i < 3; i++) {
        for (int k = 0; k < 3; k++) {
          assertTrue(lower[j][i][k] <= upper[j][i][k]);
        }
      }
    }
  }

  @Test
  void contradictoryOptionsAreOneLineUsageErrors() {
    assertUsage("--signif sets the level", "--signif", "0.1");
    assertUsage("add --bands mc", "--bands", "asymptotic", "--repl", "100");
    assertUsage("use at least 21", "--bands", "mc", "--repl", "20");
    assertUsage("use asymptotic or mc", "--bands", "bootstrap");
    assertUsage("between 0 and 1", "--bands", "asymptotic", "--signif", "1.5");
    CliTest.Run zero =
        CliTest.run("var-irf", "--data", data.toString(), "--lags", "1", "--horizon", "0");
    assertEquals(2, zero.code());
    assertTrue(zero.err().contains("--horizon must be at least 1"), zero.err());
  }

  private void assertUsage(String message, String... options) {
    String[] base = {"var-irf", "--data", data.toString(), "--lags", "1", "--horizon", "4"};
    String[] args = new String[base.length + options.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(options, 0, args, base.length, options.length);
    CliTest.Run r = CliTest.run(args);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("lstm-irf: usage error: "), r.err());
    assertTrue(r.err().lines().findFirst().orElseThrow().contains(message), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertEquals("", r.out());
  }
}
