package io.lstmirf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's examples run as written. Every {@code ./lstm-irf ...} line of its bash blocks runs
 * here, in this JVM, and must exit 0: paths under docs/ are read from the repository, paths under
 * /tmp/ go to a temporary folder. Lines that take tens of minutes (the full-size sweeps, marked
 * {@code # long} in the README) run with -Psoak; lines for the GPU build are marked {@code # GPU
 * build} and need a GPU machine. The Java examples are the files under examples/library-consumer,
 * which the build compiles and runs as an outside project.
 */
class ReadmeTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path README = ROOT.resolve("README.md");

  @TempDir Path tmp;

  /** One command line of a bash block, with the comment that follows it. */
  record Line(String command, String comment) {
    boolean isLong() {
      return comment.contains("long");
    }

    boolean needsGpu() {
      return command.startsWith("LSTM_IRF_PROFILES=gpu") || comment.contains("GPU build");
    }
  }

  static List<Line> commandLines() throws IOException {
    List<Line> lines = new ArrayList<>();
    boolean inBash = false;
    StringBuilder pending = new StringBuilder();
    for (String raw : Files.readAllLines(README)) {
      if (raw.startsWith("```")) {
        inBash = !inBash && raw.trim().equals("```bash");
        continue;
      }
      if (!inBash) {
        continue;
      }
      String line = raw.strip();
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      String full = pending + line;
      pending.setLength(0);
      int hash = full.indexOf(" #");
      String command = (hash < 0 ? full : full.substring(0, hash)).strip();
      String comment = hash < 0 ? "" : full.substring(hash + 2).strip();
      if (command.contains("./lstm-irf ")) {
        lines.add(new Line(command, comment));
      }
    }
    return lines;
  }

  @TestFactory
  Stream<DynamicTest> everyQuickReadmeCommandRunsAsWritten() throws IOException {
    List<Line> lines = commandLines();
    assertTrue(lines.size() >= 12, "the README shows every command: " + lines);
    return lines.stream()
        .filter(l -> !l.isLong() && !l.needsGpu())
        .map(l -> DynamicTest.dynamicTest(l.command(), () -> runAsWritten(l)));
  }

  @TestFactory
  @Tag("soak")
  Stream<DynamicTest> theLongReadmeCommandsRunAsWritten() throws IOException {
    return commandLines().stream()
        .filter(l -> l.isLong() && !l.needsGpu())
        .map(l -> DynamicTest.dynamicTest(l.command(), () -> runAsWritten(l)));
  }

  @Test
  void theJavaExamplesAreTheFilesTheBuildRuns() throws IOException {
    String readme = Files.readString(README);
    for (String file : List.of("LibraryExample.java", "GuiceExample.java")) {
      String source =
          Files.readString(ROOT.resolve("examples/library-consumer/src/main/java/example/" + file));
      String region =
          source.substring(source.indexOf("// README:begin") + 16, source.indexOf("// README:end"));
      String shown = dedent(region).strip();
      assertTrue(
          readme.contains(shown),
          file + "'s README region is not in the README as" + " written; copy it:\n" + shown);
    }
  }

  private void runAsWritten(Line line) {
    String command =
        line.command().substring(line.command().indexOf("./lstm-irf ") + "./lstm-irf ".length());
    String[] args =
        Arrays.stream(command.split("\\s+")).map(this::localPath).toArray(String[]::new);
    CliTest.Run r = CliTest.run(args);
    assertEquals(0, r.code(), () -> line.command() + " exited " + r.code() + ": " + r.err());
    assertFalse(r.out().isBlank() && r.err().isBlank(), line.command() + " printed nothing");
  }

  /** Repository paths as the README's reader sees them; /tmp/ as this test's own folder. */
  private String localPath(String arg) {
    if (arg.startsWith("docs/")
        || arg.startsWith("examples/")
        || (arg.startsWith("backend-") && arg.contains("/src/test/resources/"))) {
      return ROOT.resolve(arg).toString();
    }
    if (arg.startsWith("/tmp/")) {
      return tmp.resolve(arg.substring(5)).toString();
    }
    if (arg.startsWith("runs/")) {
      return tmp.resolve(arg).toString();
    }
    return arg;
  }

  private static String dedent(String region) {
    List<String> lines = region.lines().toList();
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder out = new StringBuilder();
    for (String l : lines) {
      out.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n');
    }
    return out.toString();
  }
}
