package io.lstmirf.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InputChecks;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.Precision;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON input format: {@code {"inputs": [B][T][I], "initialState": {"h": [L][B][H], "c":
 * [L][B][H]}}} ({@code initialState} optional, zeros otherwise), and the target format {@code
 * {"targets": [B][T][O]}}. Files are read with the streaming parser straight into primitive arrays
 * ({@link JsonArrayReader}): no tree of nodes, no whole-file string.
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
    return read(file, "input file");
  }

  /** Reads a file in the input format; {@code what} ("data file", ...) names it in errors. */
  public static Input read(Path file, String what) {
    return stream(file, what, InputJson::input);
  }

  /** Reads a parsed input document. */
  public static Input fromJson(JsonNode root, String source) {
    return fromTree(root, source, InputJson::input);
  }

  /** Checks the input against a model: {@code [B][T][I]} and a state of {@code [L][B][H]}. */
  public static void requireFits(Input input, LstmSpec spec, String source) {
    requireFits(input, spec, Precision.FLOAT64, source);
  }

  /**
   * Checks the input against a model: its shapes, and every value within the range of the precision
   * the model computes in (float32 for a float32 model), named by its JSON path.
   */
  public static void requireFits(Input input, LstmModel model, String source) {
    requireFits(input, model.spec(), model.options().precision(), source);
  }

  private static void requireFits(Input input, LstmSpec spec, Precision precision, String source) {
    try {
      InputChecks.sequences("inputs", input.inputs(), spec);
      if (input.initialState() != null) {
        input.initialState().requireShape(spec, input.inputs().length);
      }
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          source
              + ": "
              + e.getMessage()
              + " (the model has "
              + spec.inputSize()
              + " inputs, "
              + spec.numLayers()
              + " layer(s) of "
              + spec.hiddenSize()
              + " units)",
          e);
    }
    try {
      FlatArrays.requireRepresentable("inputs", input.inputs(), precision);
      if (input.initialState() != null) {
        FlatArrays.requireRepresentable("initialState.h", input.initialState().h(), precision);
        FlatArrays.requireRepresentable("initialState.c", input.initialState().c(), precision);
      }
    } catch (InvalidInputException e) {
      throw new InvalidInputException(source + ": " + e.getMessage(), e);
    }
  }

  /** Reads a target file {@code {"targets": [B][T][O]}}. */
  public static double[][][] readTargets(Path file) {
    return stream(file, "target file", InputJson::targets);
  }

  /** A document reader on a parser positioned before the root value. */
  private interface DocumentReader<T> {
    T read(JsonParser p, String source) throws IOException;
  }

  private static <T> T stream(Path file, String what, DocumentReader<T> reader) {
    String source = what + " " + file;
    try (Reader in = JsonFiles.open(file, what);
        JsonParser p = JsonFiles.MAPPER.createParser(in)) {
      T value = reader.read(p, source);
      JsonToken after = p.nextToken();
      if (after != null) {
        throw new InvalidInputException(
            source
                + " is not valid JSON at line "
                + p.currentLocation().getLineNr()
                + ", column "
                + p.currentLocation().getColumnNr()
                + ": more text after the end of the document");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw JsonFiles.invalidJson(source, e);
    } catch (IOException e) {
      throw JsonFiles.cannotRead(file, what, e);
    }
  }

  private static <T> T fromTree(JsonNode root, String source, DocumentReader<T> reader) {
    try (JsonParser p = root.traverse(JsonFiles.MAPPER)) {
      return reader.read(p, source);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a parsed tree", e); // no I/O happens here
    }
  }

  private static Input input(JsonParser p, String source) throws IOException {
    startObject(p, source, "{\"inputs\": [B][T][I], \"initialState\": ...}");
    try {
      double[][][] inputs = null;
      LstmState state = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("inputs")) {
          inputs = JsonArrayReader.tensor3(p, "inputs");
        } else if (field.equals("initialState")) {
          state = value == JsonToken.VALUE_NULL ? null : state(p);
        } else {
          throw unknownField("the input file", field, INPUT_FIELDS);
        }
      }
      if (inputs == null) {
        throw new InvalidInputException("inputs is missing");
      }
      return new Input(inputs, state);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(source + ": " + e.getMessage(), e);
    }
  }

  private static LstmState state(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new InvalidInputException(
          "initialState must be a JSON object {\"h\": [L][B][H],"
              + " \"c\": [L][B][H]}, got "
              + JsonArrayReader.describe(p));
    }
    double[][][] h = null;
    double[][][] c = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("h")) {
        h = JsonArrayReader.tensor3(p, "initialState.h");
      } else if (field.equals("c")) {
        c = JsonArrayReader.tensor3(p, "initialState.c");
      } else {
        throw unknownField("initialState", field, STATE_FIELDS);
      }
    }
    if (h == null || c == null) {
      throw new InvalidInputException("initialState." + (h == null ? "h" : "c") + " is missing");
    }
    return new LstmState(h, c);
  }

  private static double[][][] targets(JsonParser p, String source) throws IOException {
    startObject(p, source, "{\"targets\": [B][T][O]}");
    try {
      double[][][] targets = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (!field.equals("targets")) {
          throw unknownField("the target file", field, TARGET_FIELDS);
        }
        targets = JsonArrayReader.tensor3(p, "targets");
      }
      if (targets == null) {
        throw new InvalidInputException("targets is missing");
      }
      return targets;
    } catch (InvalidInputException e) {
      throw new InvalidInputException(source + ": " + e.getMessage(), e);
    }
  }

  private static void startObject(JsonParser p, String source, String expected) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new InvalidInputException(source + " is empty; expected a JSON object " + expected);
    }
    if (t != JsonToken.START_OBJECT) {
      throw new InvalidInputException(
          source + " must be a JSON object " + expected + ", got " + JsonArrayReader.describe(p));
    }
  }

  /** A misspelt or foreign field would otherwise be dropped without a word. */
  private static InvalidInputException unknownField(String where, String field, Set<String> known) {
    return new InvalidInputException(
        where + " has an unknown field '" + field + "'; it may only have " + new TreeSet<>(known));
  }
}
