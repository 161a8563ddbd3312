package io.lstmirf.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.io.AtomicFiles;
import io.lstmirf.api.io.IoErrors;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading JSON with errors a user can act on, and writing files atomically: a file is written to a
 * temporary sibling, forced to disk and moved into place, so a crash or a full disk never leaves it
 * half-written and never destroys the previous version. Every JSON text written through {@link
 * #MAPPER} encodes non-finite numbers as {@code null} ({@link NonFiniteAsNull}).
 */
public final class JsonFiles {
  /** Strict JSON: no NaN or Infinity literals, no trailing garbage, duplicate keys rejected. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(new NonFiniteAsNull.Factory())
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonFiles() {}

  /**
   * Parses a file; {@code what} (e.g. "model file") goes into error messages. The file is parsed as
   * it is read, never held as one string, so a device such as {@code /dev/zero} fails at its first
   * byte instead of filling memory.
   */
  public static JsonNode read(Path file, String what) {
    try (Reader reader = open(file, what)) {
      JsonNode node = MAPPER.readTree(reader);
      if (node == null || node.isMissingNode()) {
        throw new InvalidInputException(what + " " + file + " is empty; expected a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw invalidJson(what + " " + file, e);
    } catch (IOException e) {
      throw cannotRead(file, what, e);
    }
  }

  /**
   * Opens a file for {@link JsonParser streaming}; {@code what} (e.g. "input file") goes into error
   * messages.
   */
  public static Reader open(Path file, String what) {
    try {
      return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw cannotRead(file, what, e);
    }
  }

  /** The one-line error for a file that cannot be read: the OS's reason, the path once. */
  public static InvalidInputException cannotRead(Path file, String what, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new InvalidInputException(what + " " + file + " does not exist", e);
    }
    return new InvalidInputException(
        "cannot read " + what + " " + file + ": " + IoErrors.reason(e), e);
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
      throw invalidJson(source, e);
    }
  }

  /** {@code "<source> is not valid JSON at line L, column C: <what the parser found>"}. */
  static InvalidInputException invalidJson(String source, JsonProcessingException e) {
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    String detail =
        e.getOriginalMessage().lines().findFirst().orElse("").replaceAll("\\[Source: [^;]*; ", "[");
    if (detail.startsWith("Non-standard token")) {
      // Jackson's hint names a parser feature; the user needs to hear about their numbers
      detail =
          detail.replaceFirst(":.*", "")
              + ": NaN and Infinity are not valid JSON numbers;"
              + " every value must be a finite number";
    }
    return new InvalidInputException(source + " is not valid JSON" + where + ": " + detail, e);
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
   * Streams {@code content} into {@code file} atomically ({@link AtomicFiles#stream}): a failure at
   * any point, the disk filling up included, leaves the previous file as it was.
   */
  public static void writeAtomically(Path file, AtomicFiles.StreamContent content) {
    AtomicFiles.stream(file, content);
  }

  /**
   * Rejects fields a format does not have: a misspelt or foreign one (say a PyTorch export's second
   * bias) would otherwise be dropped without a word and change the result.
   *
   * @param where the object, for the message: {@code the model}, {@code layers[0]}, ...
   */
  static void requireKnownFields(JsonNode node, Set<String> known, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new InvalidInputException(
            where + " has an unknown field '" + f + "'; it may only have " + new TreeSet<>(known));
      }
    }
  }

  static boolean has(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  static void requireObject(JsonNode node, String source, String expected) {
    if (!node.isObject()) {
      throw new InvalidInputException(
          source + " must be a JSON object " + expected + ", got " + JsonArrays.describe(node));
    }
  }
}
