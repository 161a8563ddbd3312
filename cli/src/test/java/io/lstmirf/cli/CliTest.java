package io.lstmirf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.api.json.ModelJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user sees it: output, exit codes, one-line errors. */
class CliTest {
  @TempDir Path dir;
  Path model;
  Path input;

  record Run(int code, String out, String err) {
    JsonNode json() {
      return JsonFiles.parse(out, "stdout");
    }
  }

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void files() throws IOException {
    LstmWeights w = Initializer.xavier(LstmSpec.withHead(2, 3, 2, 1), 1.0, 42);
    model = dir.resolve("model.json");
    ModelJson.write(w, model);
    input = dir.resolve("input.json");
    Files.writeString(
        input,
        "{\"inputs\": [[[0.5, -1], [1, 2], [0, 0.25]]," + " [[-0.5, 1], [2, 1], [0.1, 0]]]}");
  }

  @Test
  void backendsListsTheReferenceAsAvailable() {
    Run r = run("backends", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode ref = r.json().get("backends").get(0);
    assertEquals("reference", ref.get("name").asText());
    assertTrue(ref.get("available").asBoolean());
    assertEquals("float64", ref.get("precisions").get(0).asText());
  }

  @Test
  void forwardPrintsEveryOutputAndStepModeAgrees() {
    Run seq =
        run(
            "forward",
            "--backend",
            "reference",
            "--model",
            model.toString(),
            "--input",
            input.toString());
    Run step =
        run(
            "forward",
            "--backend",
            "reference",
            "--model",
            model.toString(),
            "--input",
            input.toString(),
            "--mode",
            "step");
    assertEquals(0, seq.code(), seq.err());
    assertEquals(0, step.code(), step.err());
    JsonNode s = seq.json();
    JsonNode t = step.json();
    assertEquals("sequence", s.get("mode").asText());
    assertEquals("step", t.get("mode").asText());
    assertEquals(2, s.get("hidden").size());
    assertEquals(3, s.get("hidden").get(0).size());
    assertEquals(3, s.get("hidden").get(0).get(0).size());
    assertEquals(1, s.get("output").get(1).get(2).size());
    assertEquals(2, s.get("finalState").get("h").size());
    for (String field : new String[] {"hidden", "output"}) {
      for (int b = 0; b < 2; b++) {
        for (int k = 0; k < 3; k++) {
          JsonNode a = s.get(field).get(b).get(k);
          JsonNode c = t.get(field).get(b).get(k);
          for (int j = 0; j < a.size(); j++) {
            assertEquals(a.get(j).asDouble(), c.get(j).asDouble(), 1e-15);
          }
        }
      }
    }
  }

  @Test
  void aModelWithoutHeadPrintsNoOutputField() throws IOException {
    ModelJson.write(Initializer.xavier(LstmSpec.of(2, 3, 1), 0.0, 1), model);
    Run r = run("forward", "--model", model.toString(), "--input", input.toString());
    assertEquals(0, r.code(), r.err());
    assertFalse(r.json().has("output"));
  }

  @Test
  void usageErrorsExitWithTwo() {
    Run r = run("forward", "--model", model.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--input"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void unknownBackendIsOneLineListingTheKnownOnes() {
    Run r =
        run(
            "forward",
            "--backend",
            "nope",
            "--model",
            model.toString(),
            "--input",
            input.toString());
    assertEquals(1, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(
        r.err().contains("unknown backend 'nope'") && r.err().contains("reference"), r.err());
  }

  @Test
  void malformedInputNamesTheFileAndPositionWithoutStackTrace() throws IOException {
    Files.writeString(input, "{\"inputs\": [[[1, NaN]]]}");
    Run r = run("forward", "--model", model.toString(), "--input", input.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains(input.toString()) && r.err().contains("line 1"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void wrongShapeNamesTheFieldAndTheExpectedSize() throws IOException {
    Files.writeString(input, "{\"inputs\": [[[1, 2, 3]]]}");
    Run r = run("forward", "--model", model.toString(), "--input", input.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("inputs[0][0] has 3 entries; expected 2"), r.err());
  }

  @Test
  void debugPrintsTheStackTrace() {
    Run r =
        run(
            "forward",
            "--debug",
            "--model",
            dir.resolve("missing.json").toString(),
            "--input",
            input.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("does not exist") && r.err().contains("\tat "), r.err());
  }
}
