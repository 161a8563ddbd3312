package io.lstmirf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.api.json.ModelJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lost output is never success, every failure is one line with the operating system's reason, and
 * files land where they were asked to, whole or not at all.
 */
class OutputAndErrorsTest {
  @TempDir Path dir;
  Path model;
  Path input;

  /** Standard output on a full disk ({@code > /dev/full}) or closed ({@code >&-}). */
  private static final class Failing extends OutputStream {
    private final String reason;

    Failing(String reason) {
      this.reason = reason;
    }

    @Override
    public void write(int b) throws IOException {
      throw new IOException(reason);
    }
  }

  static CliTest.Run runTo(OutputStream out, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, out, err);
    return new CliTest.Run(code, "", err.toString(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void files() throws IOException {
    model = dir.resolve("model.json");
    ModelJson.write(Initializer.xavier(LstmSpec.withHead(1, 3, 1, 1), 1.0, 3), model);
    input = Files.writeString(dir.resolve("x.json"), "{\"inputs\": [[[1], [0.5], [0]]]}");
  }

  @Test
  void resultsThatCannotBeWrittenExitOneWithTheReason() {
    CliTest.Run full =
        runTo(
            new Failing("No space left on device"),
            "forward",
            "-m",
            model.toString(),
            "-i",
            input.toString());
    assertEquals(1, full.code());
    assertEquals(
        "lstm-irf: error: cannot write the results to standard output: no space left"
            + " on device; the output is incomplete",
        full.err().strip());
    CliTest.Run closed = runTo(new Failing("Bad file descriptor"), "backends");
    assertEquals(1, closed.code());
    assertEquals(1, closed.err().strip().lines().count(), closed.err());
    assertTrue(
        closed.err().contains("cannot write to standard output: bad file descriptor"),
        closed.err());
    assertEquals(1, runTo(new Failing("No space left on device"), "--help").code());
  }

  @Test
  void outWritesTheFileAtomicallyAndNothingToStdout() throws IOException {
    Path file = dir.resolve("result.json");
    CliTest.Run r =
        CliTest.run(
            "forward", "-m", model.toString(), "-i", input.toString(), "--out", file.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains("wrote " + file), r.err());
    assertEquals(3, io.lstmirf.api.json.JsonFiles.read(file, "result").get("hidden").get(0).size());
    try (var s = Files.list(dir)) {
      assertEquals(3, s.count(), "model, input, result: no temporary file left");
    }
  }

  @Test
  void aMissingFolderIsNamedNotCreated() {
    Path plot = dir.resolve("plots").resolve("irf.png");
    CliTest.Run r =
        CliTest.run(
            "irf",
            "-m",
            model.toString(),
            "-n",
            "5",
            "--shock-time",
            "2",
            "--plot",
            plot.toString());
    assertEquals(1, r.code());
    assertEquals(
        "lstm-irf: error: --plot "
            + plot
            + ": folder "
            + plot.getParent()
            + " does not exist; create it first (mkdir -p "
            + plot.getParent()
            + ")",
        r.err().strip());
    assertEquals("", r.out(), "refused before any work");
    assertFalse(Files.exists(plot.getParent()));
    CliTest.Run out =
        CliTest.run(
            "forward",
            "-m",
            model.toString(),
            "-i",
            input.toString(),
            "--out",
            dir.resolve("no/such/r.json").toString());
    assertEquals(1, out.code());
    assertTrue(
        out.err().contains("folder " + dir.resolve("no/such") + " does not exist"), out.err());
    CliTest.Run sweep =
        CliTest.run(
            "sweep", "--backends", "reference", "--out", dir.resolve("runs/one").toString());
    assertEquals(1, sweep.code());
    assertTrue(
        sweep.err().contains("folder " + dir.resolve("runs") + " does not exist"), sweep.err());
  }

  @Test
  void aPlotOntoASymbolicLinkReplacesTheFileItPointsToAndKeepsTheLink() throws IOException {
    Path real = Files.writeString(dir.resolve("real.png"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("latest.png"), real.getFileName());
    CliTest.Run r =
        CliTest.run(
            "irf",
            "-m",
            model.toString(),
            "-n",
            "5",
            "--shock-time",
            "2",
            "--plot",
            link.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.isSymbolicLink(link));
    byte[] png = Files.readAllBytes(real);
    assertEquals((byte) 0x89, png[0], "a PNG now");
    assertEquals('P', png[1]);
  }

  @Test
  void unreadableFilesSayWhyWithThePathOnce() throws IOException {
    CliTest.Run folder = CliTest.run("forward", "-m", dir.toString(), "-i", input.toString());
    assertEquals(1, folder.code());
    assertEquals(
        "lstm-irf: error: cannot read model file "
            + dir
            + ": is a directory, and not a"
            + " SavedModel (it has no saved_model.pb); give a model file",
        folder.err().strip());
    Path zeros =
        Files.exists(Path.of("/dev/zero"))
            ? Path.of("/dev/zero")
            : Files.write(dir.resolve("zeros"), new byte[1 << 20]);
    CliTest.Run z = CliTest.run("forward", "-m", zeros.toString(), "-i", input.toString());
    assertEquals(1, z.code());
    assertEquals(
        "lstm-irf: error: cannot tell the format of model file "
            + zeros
            + " from its"
            + " content or name; name it with --from (json, onnx, keras, keras-h5, torchscript,"
            + " savedmodel, dl4j)",
        z.err().strip());
    Path missing = dir.resolve("no-such-model.pt");
    CliTest.Run m = CliTest.run("irf", "-m", missing.toString(), "-n", "5", "--shock-time", "1");
    assertEquals(1, m.code());
    assertEquals(
        "lstm-irf: error: model file " + missing + " does not exist",
        m.err().strip(),
        "a missing file is said to be missing, not of an unknown format");
    CliTest.Run zj =
        CliTest.run("forward", "-m", zeros.toString(), "--from", "json", "-i", input.toString());
    assertTrue(zj.err().contains("model file " + zeros + " is not valid JSON at line 1"), zj.err());
    CliTest.Run g =
        CliTest.run(
            "girf", "-m", model.toString(), "-d", zeros.toString(), "-n", "3", "--shock-time", "2");
    assertEquals(1, g.code());
    assertTrue(g.err().contains("data file " + zeros + " is not valid JSON"), g.err());
  }

  @Test
  void errorsOutsideTheCommandsAreOneLineToo() {
    StringWriter text = new StringWriter();
    int code =
        ErrorReporter.report(new OutOfMemoryError("Java heap space"), new PrintWriter(text), false);
    assertEquals(1, code);
    String line = text.toString().strip();
    assertEquals(1, line.lines().count(), line);
    assertTrue(
        line.startsWith(
            "lstm-irf: error: out of memory (Java heap space; the maximum" + " Java heap is "),
        line);
    assertTrue(line.contains("LSTM_IRF_JAVA_OPTS=-Xmx"), line);
    StringWriter debug = new StringWriter();
    ErrorReporter.report(new StackOverflowError(), new PrintWriter(debug), true);
    assertTrue(
        debug.toString().contains("nested too deeply") && debug.toString().contains("\tat "),
        debug.toString());
  }
}
