package io.lstmirf.api.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading JSON with errors a user can act on, and writing files atomically: a file is written to a
 * temporary sibling and moved into place, so a crash never leaves it half-written and never
 * destroys the previous version.
 */
public final class JsonFiles {
  /** Strict JSON: no NaN or Infinity literals, no trailing garbage, duplicate keys rejected. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private JsonFiles() {}

  /** Parses a file; {@code what} (e.g. "model file") goes into error messages. */
  public static JsonNode read(Path file, String what) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(what + " " + file + " does not exist");
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + what + " " + file + ": " + e.getMessage(),
          e);
    }
    return parse(text, what + " " + file);
  }

  /** Parses text; {@code source} names it in error messages. */
  public static JsonNode parse(String text, String source) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new InvalidInputException(source + " is empty; expected a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr();
      String detail = e.getOriginalMessage().lines().findFirst().orElse("")
          .replaceAll("\\[Source: [^;]*; ", "[");
      if (detail.startsWith("Non-standard token")) {
        // Jackson's hint names a parser feature; the user needs to hear about their numbers
        detail = detail.replaceFirst(":.*", "") + ": NaN and Infinity are not valid JSON numbers;"
            + " every value must be a finite number";
      }
      throw new InvalidInputException(source + " is not valid JSON" + where + ": " + detail, e);
    }
  }

  /** Writes {@code text} to {@code file} atomically (see the class comment). */
  public static void writeAtomically(Path file, String text) {
    writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} to {@code file} atomically ({@link AtomicFiles#write(Path, byte[])}). */
  public static void writeAtomically(Path file, byte[] bytes) {
    AtomicFiles.write(file, bytes);
  }

  /**
   * Rejects fields a format does not have: a misspelt or foreign one (say a PyTorch export's
   * second bias) would otherwise be dropped without a word and change the result.
   *
   * @param where the object, for the message: {@code the model}, {@code layers[0]}, ...
   */
  static void requireKnownFields(JsonNode node, Set<String> known, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new InvalidInputException(where + " has an unknown field '" + f
            + "'; it may only have " + new TreeSet<>(known));
      }
    }
  }

  static boolean has(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  static void requireObject(JsonNode node, String source, String expected) {
    if (!node.isObject()) {
      throw new InvalidInputException(source + " must be a JSON object " + expected + ", got "
          + JsonArrays.describe(node));
    }
  }
}
