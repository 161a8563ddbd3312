package io.lstmirf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.json.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fit}, {@code mirf} and {@code compare} as a user runs them, on the US macro data. */
class MultiCommandsTest {
  private static final String DATA =
      Path.of("..")
          .toAbsolutePath()
          .normalize()
          .resolve("docs/examples/us-macro-logdiff.csv")
          .toString();
  private static final String COLUMNS = "realgdp,realcons,realinv";
  private static final String[] QUICK = {"--units", "4", "--epochs", "3", "--seeds", "2"};

  @TempDir Path dir;

  private Path fit() {
    Path out = dir.resolve("fit");
    CliTest.Run r =
        CliTest.run(
            concat(
                new String[] {
                  "fit",
                  "--data",
                  DATA,
                  "--columns",
                  COLUMNS,
                  "--lookback",
                  "4",
                  "--out",
                  out.toString()
                },
                QUICK));
    assertEquals(0, r.code(), r.err());
    JsonNode summary = r.json();
    assertEquals(5, summary.get("files").size()); // 2 models, scaler, residuals, fit
    assertEquals(162, summary.get("trainEnd").asInt());
    assertEquals(2, summary.get("members").size());
    assertEquals(3, summary.get("ensembleValidationRmse").size());
    assertTrue(r.err().contains("fit: model 2/2 (seed 43): 3 epochs"), r.err());
    return out;
  }

  @Test
  void mirfOnTheFittedDirectoryOrOneOfItsModels() throws IOException {
    Path out = fit();
    Path png = dir.resolve("mirf.png");
    CliTest.Run all =
        CliTest.run(
            "mirf",
            "--model",
            out.toString(),
            "--data",
            DATA,
            "--horizon",
            "6",
            "--orth",
            "--histories",
            "40",
            "--plot",
            png.toString());
    assertEquals(0, all.code(), all.err());
    JsonNode g = all.json();
    assertEquals(7, g.get("irf").size());
    assertEquals(3, g.get("irf").get(0).size());
    assertEquals(3, g.get("irf").get(0).get(0).size());
    assertEquals("orth", g.get("identification").asText());
    assertEquals("[step][response][impulse]", g.get("layout").asText());
    assertEquals(2, g.get("memberIrfs").size());
    assertEquals(40, g.get("histories").asInt());
    assertEquals(0.0, g.get("irf").get(0).get(0).get(1).asDouble()); // Cholesky: realgdp first
    assertTrue(ImageIO.read(png.toFile()).getWidth() > 800);
    CliTest.Run one =
        CliTest.run(
            "mirf",
            "--model",
            out.resolve("model-seed43.json").toString(),
            "--data",
            DATA,
            "--horizon",
            "6",
            "--histories",
            "40",
            "--mode",
            "step");
    assertEquals(0, one.code(), one.err());
    assertEquals("[43]", one.json().get("seeds").toString());
    assertEquals("generalized", one.json().get("identification").asText());
    double seeded = all.json().get("memberIrfs").get(1).get(3).get(2).get(0).asDouble();
    CliTest.Run orthOne =
        CliTest.run(
            "mirf",
            "--model",
            out.resolve("model-seed43.json").toString(),
            "--data",
            DATA,
            "--horizon",
            "6",
            "--histories",
            "40",
            "--orth",
            "--mode",
            "step");
    assertEquals(seeded, orthOne.json().get("irf").get(3).get(2).get(0).asDouble(), 1e-12);
  }

  @Test
  void compareWritesTheJsonTheReportAndTheGrid() throws IOException {
    Path out = dir.resolve("cmp");
    CliTest.Run r =
        CliTest.run(
            concat(
                new String[] {
                  "compare",
                  "--data",
                  DATA,
                  "--columns",
                  COLUMNS,
                  "--lags",
                  "2",
                  "--horizon",
                  "8",
                  "--histories",
                  "50",
                  "--out",
                  out.toString()
                },
                QUICK));
    assertEquals(0, r.code(), r.err());
    assertEquals(3, r.json().get("distance").size());
    JsonNode c = JsonFiles.read(out.resolve("compare.json"), "comparison");
    assertEquals(9, c.get("var").get("orthIrf").size());
    assertEquals(4, c.get("lstm").get("lookback").asInt()); // 2P, at least 4
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("data:image/png;base64,"));
    assertTrue(html.contains("us-macro-logdiff.csv"));
    assertTrue(Files.exists(out.resolve("grid.png")));
    assertTrue(Files.exists(out.resolve("lstm/fit.json")));
    // the LSTMs compare wrote are a fit directory mirf reads
    CliTest.Run m =
        CliTest.run(
            "mirf",
            "--model",
            out.resolve("lstm").toString(),
            "--data",
            DATA,
            "--horizon",
            "3",
            "--histories",
            "10");
    assertEquals(0, m.code(), m.err());
  }

  @Test
  void badInputIsOneLineAndTheRightExitCode() throws IOException {
    Path out = dir.resolve("o");
    runtime(
        "no column realgdpp",
        "fit",
        "--data",
        DATA,
        "--columns",
        "realgdpp,realcons",
        "--lookback",
        "4",
        "--out",
        out.toString());
    usage(
        "lookback must be at least 1",
        "fit",
        "--data",
        DATA,
        "--columns",
        COLUMNS,
        "--lookback",
        "0",
        "--out",
        out.toString());
    Path busy = Files.createDirectories(dir.resolve("busy"));
    Files.writeString(busy.resolve("notes.txt"), "mine");
    usage(
        "is not empty",
        "fit",
        "--data",
        DATA,
        "--columns",
        COLUMNS,
        "--lookback",
        "4",
        "--out",
        busy.toString());
    runtime(
        "holds no fit.json", "mirf", "--model", busy.toString(), "--data", DATA, "--horizon", "4");
    usage(
        "outside [0, 1]",
        "mirf",
        "--model",
        busy.toString(),
        "--data",
        DATA,
        "--horizon",
        "4",
        "--quantiles",
        "0.5,1.5");
    usage(
        "--signif must be between 0 and 1",
        "compare",
        "--data",
        DATA,
        "--columns",
        COLUMNS,
        "--lags",
        "2",
        "--horizon",
        "4",
        "--signif",
        "2",
        "--out",
        out.toString());
    Path fitted = fit();
    Path other = dir.resolve("other.csv");
    Files.writeString(other, "a,b\n1,2\n3,4\n");
    runtime(
        "no column realgdp",
        "mirf",
        "--model",
        fitted.toString(),
        "--data",
        other.toString(),
        "--horizon",
        "4");
    assertFalse(Files.exists(out), "nothing is written on a refusal");
  }

  @Test
  void helpShowsExamples() {
    for (String command : new String[] {"fit", "mirf", "compare"}) {
      CliTest.Run r = CliTest.run("help", command);
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("Examples:") && r.out().contains("lstm-irf " + command), r.out());
    }
  }

  private static void runtime(String message, String... args) {
    CliTest.Run r = CliTest.run(args);
    assertEquals(1, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("lstm-irf: error: ") && r.err().contains(message), r.err());
  }

  private static void usage(String message, String... args) {
    CliTest.Run r = CliTest.run(args);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("lstm-irf: usage error: ") && r.err().contains(message), r.err());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
