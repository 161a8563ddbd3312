package io.lstmirf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.json.InputJson;
import io.lstmirf.api.json.ModelJson;
import io.lstmirf.testing.RandomData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * import, export, cross-check and --model with framework files, as a user runs them, on files the
 * frameworks wrote (interop's and backend-djl's test resources) and on exports.
 */
class ModelFileCommandsTest {
  private static final Path ONNX = Path.of("../interop/src/test/resources/onnx");
  private static final Path TORCHSCRIPT = Path.of("../backend-djl/src/test/resources/torchscript");

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "onnx, m.onnx",
    "keras, m.keras",
    "keras-h5, m.h5",
    "torchscript, m.pt",
    "savedmodel, saved",
    "dl4j, m.zip"
  })
  void everyFormatRoundTripsExactlyThroughExportAndImport(String format, String name) {
    LstmWeights w = RandomData.weights(LstmSpec.withHead(2, 4, 2, 1), 0.6, 21);
    Path json = dir.resolve("m.json");
    ModelJson.write(w, json);
    Path file = dir.resolve(name);
    CliTest.Run export =
        CliTest.run(
            "export",
            "--model",
            json.toString(),
            "--to",
            format,
            "--out",
            file.toString(),
            "--precision",
            "float64");
    assertEquals(0, export.code(), export.err());
    Path back = dir.resolve("back.json");
    CliTest.Run imported = CliTest.run("import", file.toString(), "--out", back.toString());
    assertEquals(0, imported.code(), imported.err());
    assertEquals(w, ModelJson.read(back), "JSON -> " + format + " -> JSON");
    CliTest.Run forward =
        CliTest.run("forward", "--model", file.toString(), "--input", writeInput(2).toString());
    assertEquals(0, forward.code(), "--model takes the " + format + " file: " + forward.err());
  }

  @Test
  void aFileStateGoesToAnInputFileTheOtherCommandsRead() {
    Path model = dir.resolve("m.json");
    Path state = dir.resolve("state.json");
    CliTest.Run r =
        CliTest.run(
            "import",
            ONNX.resolve("bare_initial_state.onnx").toString(),
            "--out",
            model.toString(),
            "--state-out",
            state.toString());
    assertEquals(0, r.code(), r.err());
    InputJson.Input in = InputJson.read(state);
    assertTrue(in.initialState() != null && in.inputs()[0].length == 1, r.err());
    CliTest.Run forward =
        CliTest.run("forward", "--model", model.toString(), "--input", state.toString());
    assertEquals(0, forward.code(), forward.err());
  }

  @ParameterizedTest
  @CsvSource({
    "bare_clip.onnx, clip",
    "bare_reverse.onnx, direction=reverse",
    "bare_input_forget.onnx, input_forget=1",
    "bare_gru.onnx, GRU"
  })
  void unsupportedOnnxIsRefusedWithOneLineAndExit1(String file, String construct) {
    CliTest.Run r =
        CliTest.run(
            "import", ONNX.resolve(file).toString(), "--out", dir.resolve("m.json").toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains(construct) && r.err().strip().lines().count() == 1, r.err());
    assertFalse(Files.exists(dir.resolve("m.json")), "nothing written");
  }

  @Test
  void aBidirectionalOnnxLstmImportsAndRunsAsWholeSequences() {
    Path m = dir.resolve("bi.json");
    CliTest.Run r =
        CliTest.run(
            "import", ONNX.resolve("torch_bidirectional.onnx").toString(), "--out", m.toString());
    assertEquals(0, r.code(), r.err());
    CliTest.Run irf =
        CliTest.run("irf", "--model", m.toString(), "--horizon", "5", "--shock-time", "2");
    assertEquals(0, irf.code(), irf.err());
    CliTest.Run stepped =
        CliTest.run(
            "irf",
            "--model",
            m.toString(),
            "--horizon",
            "5",
            "--shock-time",
            "2",
            "--mode",
            "step");
    assertEquals(1, stepped.code());
    assertTrue(stepped.err().contains("bidirectional and cannot be stepped"), stepped.err());
  }

  @Test
  void torchScriptFilesRunDirectlyWithPicks() {
    Path pt = TORCHSCRIPT.resolve("script_encoder_decoder.pt");
    CliTest.Run refused =
        CliTest.run("irf", "--model", pt.toString(), "--horizon", "5", "--shock-time", "2");
    assertEquals(1, refused.code());
    assertTrue(refused.err().contains("--rnn NAME"), refused.err());
    CliTest.Run r =
        CliTest.run(
            "irf",
            "--model",
            pt.toString(),
            "--rnn",
            "decoder",
            "--head",
            "fc",
            "--horizon",
            "5",
            "--shock-time",
            "2");
    assertEquals(0, r.code(), r.err());
    assertEquals(5, r.json().get("response").size());
  }

  @Test
  void crossCheckComparesEveryBackendPrecisionAndMode() {
    Path model = dir.resolve("m.json");
    ModelJson.write(RandomData.weights(LstmSpec.withHead(1, 6, 1, 1), 0.6, 5), model);
    CliTest.Run r = CliTest.run("cross-check", "--model", model.toString(), "--json");
    assertEquals(0, r.code(), r.err() + r.out());
    JsonNode rows = r.json().get("rows");
    // reference float64, djl and dl4j float32 and float64, tfjava float32; two modes each
    assertEquals(12, rows.size(), r.out());
    for (JsonNode row : rows) {
      assertTrue(row.get("agrees").asBoolean(), row.toString());
    }
    CliTest.Run table =
        CliTest.run(
            "cross-check",
            "--model",
            TORCHSCRIPT.resolve("script_l2_head.pt").toString(),
            "--horizon",
            "20",
            "--shock-time",
            "5");
    assertEquals(0, table.code(), table.err());
    assertTrue(table.out().startsWith("BACKEND") && table.out().contains("tfjava"), table.out());
  }

  private Path writeInput(int inputs) {
    double[][][] x = RandomData.uniform(2, 5, inputs, 1.0, 3);
    Path file = dir.resolve("x.json");
    io.lstmirf.api.json.JsonFiles.writeAtomically(
        file, "{\"inputs\": " + io.lstmirf.api.json.JsonArrays.toJson(x).toString() + "}");
    return file;
  }
}
