package io.lstmirf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.Backends;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.Precision;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.api.json.ModelJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers on the command line are checked for range before they reach arithmetic, requests too
 * large for memory are refused in one line before they allocate, and values beyond the model's
 * precision are refused with their JSON path.
 */
class RangesAndLimitsTest {
  @TempDir Path dir;
  Path model;

  @BeforeEach
  void files() throws IOException {
    model = dir.resolve("model.json");
    ModelJson.write(Initializer.xavier(LstmSpec.withHead(1, 3, 1, 1), 1.0, 3), model);
  }

  private static void usageError(String expected, String... args) {
    CliTest.Run r = CliTest.run(args);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("lstm-irf: usage error: " + expected), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  private static void oneLine(CliTest.Run r, String... parts) {
    assertEquals(1, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    for (String p : parts) {
      assertTrue(r.err().contains(p), "'" + p + "' in " + r.err());
    }
  }

  @Test
  void countsAndSumsOutOfRangeAreUsageErrors() {
    String m = model.toString();
    usageError("--steps must be at least 1, got 0", "bench", "--steps", "0");
    usageError("--rounds must be at least 1, got 0", "bench", "--rounds", "0");
    usageError("--rounds must be at least 1, got -1", "bench", "--rounds", "-1");
    usageError("--seq-batch must be at least 1", "bench", "--seq-batch", "0");
    usageError("--gemm-size must be between 1 and 4096, got 0", "bench", "--gemm-size", "0");
    usageError("--gemm-size must be between 1 and 4096, got 5000", "bench", "--gemm-size", "5000");
    usageError("--irf-shocks must be at least 1, got 0", "bench", "--irf-shocks", "0");
    usageError(
        "--cases: unknown bench case 'gemm'; choose from step, sequence, irf, training",
        "bench",
        "--cases",
        "step,gemm");
    usageError(
        "--horizon must be at least 1, got 0", "irf", "-m", m, "-n", "0", "--shock-time", "3");
    usageError(
        "--shock-time 30 + --horizon 2147483647 = 2147483677 steps",
        "irf",
        "-m",
        m,
        "-n",
        "2147483647",
        "--shock-time",
        "30");
    usageError(
        "--shock-time 2147483640 + --horizon 10",
        "irf",
        "-m",
        m,
        "-n",
        "10",
        "--shock-time",
        "2147483640");
    usageError(
        "--histories must be at least 1, got 0",
        "girf",
        "-m",
        m,
        "-d",
        m,
        "-n",
        "3",
        "--shock-time",
        "1",
        "--histories",
        "0");
  }

  @Test
  void requestsTooLargeForTheHeapAreRefusedBeforeAllocating() throws IOException {
    oneLine(
        CliTest.run("irf", "-m", model.toString(), "-n", "100000000", "--shock-time", "30"),
        "an impulse response over 100000030 steps",
        "GiB of Java heap",
        "use a shorter --horizon",
        "LSTM_IRF_JAVA_OPTS=-Xmx");
    Path csv = Files.writeString(dir.resolve("s.csv"), "a,b\n1,2\n2,1\n3,5\n1,1\n4,2\n2,2\n");
    oneLine(
        CliTest.run("var-irf", "-d", csv.toString(), "-p", "1", "-n", "10000000"),
        "var-irf with --horizon 10000000 for 2 variables needs about",
        "use a shorter --horizon");
    oneLine(
        CliTest.run(
            "bench",
            "--backends",
            "reference",
            "--seq-batch",
            "2000",
            "--rounds",
            "1",
            "--steps",
            "10"),
        "--seq-batch 2000 x --seq-length 1000",
        "GiB of Java heap");
  }

  @Test
  void aHeadWeightBeyondFloat32IsRefusedOnEveryFloat32Backend() throws IOException {
    LstmWeights w = Initializer.xavier(LstmSpec.withHead(1, 2, 1, 1), 1.0, 5);
    ModelJson.write(
        w.withHead(
            new HeadWeights(Matrix.ofRowMajor(1, 2, new double[] {1e39, 0.5}), new double[] {0})),
        model);
    Path x = Files.writeString(dir.resolve("x.json"), "{\"inputs\": [[[0.5], [1]]]}");
    CliTest.Run ref =
        CliTest.run("forward", "-b", "reference", "-m", model.toString(), "-i", x.toString());
    assertEquals(0, ref.code(), "float64 holds 1e39: " + ref.err());
    for (LstmBackend b : Backends.discover().available()) {
      if (b.capabilities().supports(Precision.FLOAT32)) {
        oneLine(
            CliTest.run(
                "forward",
                "-b",
                b.name(),
                "--precision",
                "float32",
                "-m",
                model.toString(),
                "-i",
                x.toString()),
            "head.weight[0][0] = 1.0E39 is beyond" + " float32's range",
            "--precision float64");
      }
    }
  }

  @Test
  void aNonFiniteResultIsNullWithAWarningNeverAString() throws IOException {
    Path x = Files.writeString(dir.resolve("x.json"), "{\"inputs\": [[[0.5], [1]]]}");
    Path y = Files.writeString(dir.resolve("y.json"), "{\"targets\": [[[1e200], [1e200]]]}");
    CliTest.Run r =
        CliTest.run(
            "gradients",
            "-b",
            "reference",
            "-m",
            model.toString(),
            "-i",
            x.toString(),
            "-t",
            y.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode doc = r.json();
    assertTrue(doc.get("loss").isNull(), r.out());
    assertFalse(r.out().contains("Infinity") || r.out().contains("NaN"), r.out());
    assertTrue(
        doc.get("gradients").get("layers").get(0).get("weightIh").get(0).get(0).isNumber(),
        "the gradients themselves are finite here");
    assertTrue(
        r.err()
            .contains(
                "lstm-irf: warning: 1 value was not a finite number and is"
                    + " written as null; the first is loss (Infinity)"),
        r.err());
  }

  @Test
  void aLeadingTimeColumnOfNumbersIsLeftOutOfTheVar() throws IOException {
    StringBuilder with = new StringBuilder("t,a,b\n");
    StringBuilder without = new StringBuilder("a,b\n");
    double a = 0;
    double b = 0;
    for (int t = 1; t <= 80; t++) {
      a = 0.5 * a + Math.sin(1.7 * t * t);
      b = 0.2 * a - 0.3 * b + Math.cos(0.9 * t * t);
      with.append(t).append(',').append(a).append(',').append(b).append('\n');
      without.append(a).append(',').append(b).append('\n');
    }
    CliTest.Run r =
        CliTest.run(
            "var-irf",
            "-d",
            Files.writeString(dir.resolve("t.csv"), with).toString(),
            "-p",
            "1",
            "-n",
            "4");
    CliTest.Run plain =
        CliTest.run(
            "var-irf",
            "-d",
            Files.writeString(dir.resolve("p.csv"), without).toString(),
            "-p",
            "1",
            "-n",
            "4");
    assertEquals(0, r.code(), r.err());
    assertEquals(plain.out(), r.out(), "the same VAR as without the column");
    assertTrue(r.err().contains("the first column 't' is taken as the time index"), r.err());
  }
}
