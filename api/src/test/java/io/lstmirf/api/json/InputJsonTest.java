package io.lstmirf.api.json;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lstmirf.api.LstmSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputJsonTest {
  private static final String INPUTS = "\"inputs\": [[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]]";
  private static final String STATE =
      "\"initialState\": {\"h\": [[[1, 2, 3]]], " + "\"c\": [[[4, 5, 6]]]}";

  private static InputJson.Input parse(String json) {
    return InputJson.fromJson(JsonFiles.parse(json, "x.json"), "x.json");
  }

  @Test
  void inputsWithAndWithoutAnInitialState() {
    InputJson.Input plain = parse("{" + INPUTS + "}");
    assertArrayEquals(new double[][][] {{{0.1, 0.2}, {0.3, 0.4}, {0.5, 0.6}}}, plain.inputs());
    assertNull(plain.initialState(), "zeros are the caller's default");
    InputJson.Input stateful = parse("{" + INPUTS + ", " + STATE + "}");
    assertArrayEquals(new double[][][] {{{4, 5, 6}}}, stateful.initialState().c());
    InputJson.requireFits(stateful, LstmSpec.of(2, 3, 1), "x.json");
  }

  @Test
  void inputsThatDoNotFitTheModelSaySo() {
    InputJson.Input in = parse("{" + INPUTS + ", " + STATE + "}");
    assertRejected(
        () -> InputJson.requireFits(in, LstmSpec.of(3, 3, 1), "x.json"),
        "x.json: inputs[0][0] has 2 entries; expected 3",
        "the model has 3 inputs");
    assertRejected(
        () -> InputJson.requireFits(in, LstmSpec.of(2, 3, 2), "x.json"),
        "state has shape [1][1][3]; expected [2][1][3]",
        "2 layer(s) of 3 units");
  }

  @Test
  void malformedInputsAreRejectedWithTheirPath() {
    assertRejected(
        () -> parse("{\"inputs\": [[[0.1, 0.2], [0.3]]]}"),
        "x.json: inputs[0][1] has 1 entries but inputs[0][0] has 2");
    assertRejected(
        () -> parse("{\"inputs\": [[[1]], [[1], [2]]]}"),
        "inputs[1] has shape [2][1] but inputs[0] has shape [1][1]");
    assertRejected(() -> parse("{\"inputs\": [[[1, null]]]}"), "inputs[0][0][1] is missing");
    assertRejected(() -> parse("{\"inputs\": [[1, 2]]}"), "inputs[0][0] must be an array");
    assertRejected(
        () -> parse("{\"input\": [[[1]]]}"),
        "the input file has an unknown field 'input'",
        "inputs");
    assertRejected(() -> parse("{}"), "inputs is missing");
    assertRejected(
        () -> parse("{" + INPUTS + ", \"initialState\": {\"h\": [[[1, 2, 3]]]}}"),
        "initialState.c is missing");
    assertRejected(
        () ->
            parse(
                "{"
                    + INPUTS
                    + ", \"initialState\": {\"h\": [[[1, 2, 3]]], "
                    + "\"c\": [[[4, 5, 6]]], \"hc\": 1}}"),
        "initialState has an unknown field 'hc'");
    assertRejected(
        () -> parse("{" + INPUTS + ", \"initialState\": [1]}"),
        "initialState must be a JSON object");
    assertRejected(
        () ->
            parse(
                "{"
                    + INPUTS
                    + ", \"initialState\": {\"h\": [[[1, 2, 3]]], "
                    + "\"c\": [[[4, 5]]]}}"),
        "state h has shape [1][1][3] but c has shape [1][1][2]");
  }

  @Test
  void nonFiniteAndHugeNumbersAreRejected() {
    assertRejected(
        () -> JsonFiles.parse("{\"inputs\": [[[NaN]]]}", "x.json"),
        "x.json is not valid JSON at line 1",
        "NaN and Infinity are not valid JSON numbers");
    assertRejected(
        () -> parse("{\"inputs\": [[[-2e308]]]}"),
        "inputs[0][0][0] is outside the range of a double");
  }

  @Test
  void targetFiles(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("y.json");
    Files.writeString(good, "{\"targets\": [[[1.5], [2.5]]]}");
    assertArrayEquals(new double[][][] {{{1.5}, {2.5}}}, InputJson.readTargets(good));
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"target\": [[[1.5]]]}");
    assertRejected(
        () -> InputJson.readTargets(bad), "target file", "bad.json", "unknown field 'target'");
    Files.writeString(bad, "{\"targets\": [[[1.5]], [[1, 2]]]}");
    assertRejected(() -> InputJson.readTargets(bad), "targets[1] has shape [1][2]");
    Files.writeString(bad, "{\"targets\": \n[[[1.5]]\n");
    String m = assertRejected(() -> InputJson.readTargets(bad), "not valid JSON", "line 3");
    assertEquals(false, m.contains("Source:"), "no parser internals in the message: " + m);
  }
}
