package io.lstmirf.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.lstmirf.api.InvalidInputException;
import java.io.IOException;

/**
 * Reads nested JSON number arrays into Java arrays, naming the JSON path of anything that is not a
 * finite number or not rectangular.
 */
public final class JsonArrays {
  private JsonArrays() {}

  /** A finite number at {@code path}. */
  public static double number(JsonNode node, String path) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new InvalidInputException(path + " is missing");
    }
    if (!node.isNumber()) {
      throw new InvalidInputException(path + " must be a number, got " + describe(node));
    }
    double v = node.doubleValue();
    if (!Double.isFinite(v)) {
      // JSON has no NaN or Infinity literals, so this was a number too large for a double
      throw new InvalidInputException(
          path
              + " is outside the range of a double (|x| <= "
              + Double.MAX_VALUE
              + "); every value must be a finite number");
    }
    return v;
  }

  /** A non-negative integer at {@code path}. */
  public static int count(JsonNode node, String path) {
    if (node == null || !node.isIntegralNumber() || node.intValue() < 0) {
      throw new InvalidInputException(
          path + " must be a non-negative integer, got " + describe(node));
    }
    return node.intValue();
  }

  /** An array of numbers {@code [n]}. */
  public static double[] vector(JsonNode node, String path) {
    requireArray(node, path);
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(node.get(i), path + "[" + i + "]");
    }
    return out;
  }

  /** A rectangular array {@code [n][m]}. */
  public static double[][] matrix(JsonNode node, String path) {
    requireArray(node, path);
    double[][] out = new double[node.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = vector(node.get(i), path + "[" + i + "]");
      if (i > 0 && out[i].length != out[0].length) {
        throw new InvalidInputException(
            path
                + "["
                + i
                + "] has "
                + out[i].length
                + " entries but "
                + path
                + "[0] has "
                + out[0].length
                + "; rows must be equally long");
      }
    }
    return out;
  }

  /** A box-shaped array {@code [a][b][c]}. */
  public static double[][][] tensor3(JsonNode node, String path) {
    requireArray(node, path);
    double[][][] out = new double[node.size()][][];
    for (int i = 0; i < out.length; i++) {
      out[i] = matrix(node.get(i), path + "[" + i + "]");
      if (i > 0
          && (out[i].length != out[0].length
              || (out[i].length > 0 && out[i][0].length != out[0][0].length))) {
        throw new InvalidInputException(
            path
                + "["
                + i
                + "] has shape "
                + shape(out[i])
                + " but "
                + path
                + "[0] has shape "
                + shape(out[0])
                + "; all entries must match");
      }
    }
    return out;
  }

  /**
   * A JSON array of numbers. Doubles are written so that they read back bit for bit; a NaN or
   * infinite value becomes a null node ({@link NonFiniteNode}), since JSON has no literal for it,
   * which {@link JsonFiles#MAPPER}'s generators count for a warning ({@link NonFiniteAsNull}).
   */
  public static ArrayNode toJson(double[] v) {
    ArrayNode a = JsonFiles.MAPPER.createArrayNode();
    for (double x : v) {
      if (Double.isFinite(x)) {
        a.add(x);
      } else {
        a.add(new NonFiniteNode(x));
      }
    }
    return a;
  }

  /** A JSON array of arrays; see {@link #toJson(double[])}. */
  public static ArrayNode toJson(double[][] m) {
    ArrayNode a = JsonFiles.MAPPER.createArrayNode();
    for (double[] row : m) {
      a.add(toJson(row));
    }
    return a;
  }

  /** A JSON array of arrays of arrays. */
  public static ArrayNode toJson(double[][][] t) {
    ArrayNode a = JsonFiles.MAPPER.createArrayNode();
    for (double[][] m : t) {
      a.add(toJson(m));
    }
    return a;
  }

  /**
   * Streams {@code v} as a JSON array straight to {@code g}, without a tree: for results too large
   * to hold twice. Non-finite values are the generator's to encode.
   */
  public static void write(JsonGenerator g, double[] v) throws IOException {
    g.writeStartArray(v, v.length);
    for (double x : v) {
      g.writeNumber(x);
    }
    g.writeEndArray();
  }

  /** Streams {@code m} as nested JSON arrays; see {@link #write(JsonGenerator, double[])}. */
  public static void write(JsonGenerator g, double[][] m) throws IOException {
    g.writeStartArray();
    for (double[] row : m) {
      write(g, row);
    }
    g.writeEndArray();
  }

  /** Streams {@code t} as nested JSON arrays; see {@link #write(JsonGenerator, double[])}. */
  public static void write(JsonGenerator g, double[][][] t) throws IOException {
    g.writeStartArray();
    for (double[][] m : t) {
      write(g, m);
    }
    g.writeEndArray();
  }

  private static void requireArray(JsonNode node, String path) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new InvalidInputException(path + " is missing");
    }
    if (!node.isArray()) {
      throw new InvalidInputException(path + " must be an array, got " + describe(node));
    }
  }

  private static String shape(double[][] m) {
    return "[" + m.length + "][" + (m.length == 0 ? 0 : m[0].length) + "]";
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String text = node.toString();
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + (text.length() > 40 ? text.substring(0, 37) + "..." : text);
  }
}
