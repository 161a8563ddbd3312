package io.lstmirf.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import java.nio.file.Path;
import java.util.Set;

/**
 * The JSON input format: {@code {"inputs": [B][T][I], "initialState": {"h": [L][B][H], "c":
 * [L][B][H]}}} ({@code initialState} optional, zeros otherwise), and the target format
 * {@code {"targets": [B][T][O]}}.
 */
public final class InputJson {
  private static final Set<String> INPUT_FIELDS = Set.of("inputs", "initialState");
  private static final Set<String> STATE_FIELDS = Set.of("h", "c");
  private static final Set<String> TARGET_FIELDS = Set.of("targets");

  private InputJson() {}

  /**
   * Inputs and an optional initial state.
   *
   * @param inputs {@code [B][T][I]}
   * @param initialState {@code [L][B][H]} each, or null for zeros
   */
  public record Input(double[][][] inputs, LstmState initialState) {}

  /** Reads an input file. */
  public static Input read(Path file) {
    return fromJson(JsonFiles.read(file, "input file"), "input file " + file);
  }

  /** Reads a parsed input document. */
  public static Input fromJson(JsonNode root, String source) {
    JsonFiles.requireObject(root, source, "{\"inputs\": [B][T][I], \"initialState\": ...}");
    try {
      JsonFiles.requireKnownFields(root, INPUT_FIELDS, "the input file");
      double[][][] inputs = JsonArrays.tensor3(root.get("inputs"), "inputs");
      LstmState state = null;
      if (JsonFiles.has(root, "initialState")) {
        JsonNode s = root.get("initialState");
        JsonFiles.requireObject(s, "initialState", "{\"h\": [L][B][H], \"c\": [L][B][H]}");
        JsonFiles.requireKnownFields(s, STATE_FIELDS, "initialState");
        state = new LstmState(JsonArrays.tensor3(s.get("h"), "initialState.h"),
            JsonArrays.tensor3(s.get("c"), "initialState.c"));
      }
      return new Input(inputs, state);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(source + ": " + e.getMessage(), e);
    }
  }

  /** Checks the input against a model: {@code [B][T][I]} and a state of {@code [L][B][H]}. */
  public static void requireFits(Input input, LstmSpec spec, String source) {
    try {
      io.lstmirf.api.InputChecks.sequences("inputs", input.inputs(), spec);
      if (input.initialState() != null) {
        input.initialState().requireShape(spec, input.inputs().length);
      }
    } catch (InvalidInputException e) {
      throw new InvalidInputException(source + ": " + e.getMessage() + " (the model has "
          + spec.inputSize() + " inputs, " + spec.numLayers() + " layer(s) of "
          + spec.hiddenSize() + " units)", e);
    }
  }

  /** Reads a target file {@code {"targets": [B][T][O]}}. */
  public static double[][][] readTargets(Path file) {
    String source = "target file " + file;
    JsonNode root = JsonFiles.read(file, "target file");
    JsonFiles.requireObject(root, source, "{\"targets\": [B][T][O]}");
    try {
      JsonFiles.requireKnownFields(root, TARGET_FIELDS, "the target file");
      return JsonArrays.tensor3(root.get("targets"), "targets");
    } catch (InvalidInputException e) {
      throw new InvalidInputException(source + ": " + e.getMessage(), e);
    }
  }
}
