package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the README's examples as an application would, on every backend, and reads their output. */
class ExamplesTest {

  private static List<String> run(Runnable main) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(original);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    original.print(out);
    return out.lines().toList();
  }

  @Test
  void theLibraryExampleRunsOnEveryBackendAndTheyAgree() {
    List<String> lines = run(() -> LibraryExample.main(new String[0]));
    assertEquals(List.of("reference", "djl", "dl4j", "tfjava"),
        lines.stream().map(l -> l.split("\\s+")[0]).toList(), String.join("\n", lines));
    // every backend: the same half-life, and peaks that agree to float32 rounding
    List<String> halfLives = lines.stream().map(l -> l.replaceAll(".*half-life ([^;]*);.*", "$1"))
        .distinct().toList();
    assertEquals(1, halfLives.size(), String.join("\n", lines));
    double ref = peak(lines.get(0));
    for (String l : lines) {
      assertEquals(ref, peak(l), 2e-5, l);
    }
  }

  @Test
  void theGuiceExampleInjectsTheNamedBackend() {
    List<String> lines = run(() -> GuiceExample.main(new String[0]));
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).startsWith("unit 0 responds "), lines.get(0));
  }

  private static double peak(String line) {
    return Double.parseDouble(line.replaceAll(".*peak (\\S+) at lag.*", "$1"));
  }
}
