package io.lstmirf.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lstmirf.api.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads nested JSON number arrays from a streaming parser straight into primitive arrays, with
 * {@link JsonArrays}' messages (the JSON path of anything that is not a finite number or not
 * rectangular). No tree is built: a large input costs its doubles, not a node per number.
 *
 * <p>Each method starts at the value's first token (the parser's current token) and leaves the
 * parser on its last.
 */
public final class JsonArrayReader {
  private JsonArrayReader() {}

  /** A box-shaped array {@code [a][b][c]}. */
  public static double[][][] tensor3(JsonParser p, String path) throws IOException {
    requireArray(p, path);
    List<double[][]> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      int i = out.size();
      double[][] m = matrix(p, path + "[" + i + "]");
      if (i > 0) {
        double[][] first = out.get(0);
        if (m.length != first.length
            || (m.length > 0 && first.length > 0 && m[0].length != first[0].length)) {
          throw new InvalidInputException(
              path
                  + "["
                  + i
                  + "] has shape "
                  + shape(m)
                  + " but "
                  + path
                  + "[0] has shape "
                  + shape(first)
                  + "; all entries must match");
        }
      }
      out.add(m);
    }
    return out.toArray(new double[0][][]);
  }

  /** A rectangular array {@code [n][m]}. */
  public static double[][] matrix(JsonParser p, String path) throws IOException {
    requireArray(p, path);
    List<double[]> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      int i = out.size();
      double[] row = vector(p, path + "[" + i + "]");
      if (i > 0 && row.length != out.get(0).length) {
        throw new InvalidInputException(
            path
                + "["
                + i
                + "] has "
                + row.length
                + " entries but "
                + path
                + "[0] has "
                + out.get(0).length
                + "; rows must be equally long");
      }
      out.add(row);
    }
    return out.toArray(new double[0][]);
  }

  /** An array of finite numbers {@code [n]}. */
  public static double[] vector(JsonParser p, String path) throws IOException {
    requireArray(p, path);
    double[] out = new double[8];
    int n = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      String at = path + "[" + n + "]";
      if (t == JsonToken.VALUE_NULL) {
        throw new InvalidInputException(at + " is missing");
      }
      if (!t.isNumeric()) {
        throw new InvalidInputException(at + " must be a number, got " + describe(p));
      }
      double v = p.getDoubleValue();
      if (!Double.isFinite(v)) {
        // JSON has no NaN or Infinity literals, so this was a number too large for a double
        throw new InvalidInputException(
            at
                + " is outside the range of a double (|x| <= "
                + Double.MAX_VALUE
                + "); every value must be a finite number");
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, 2 * n);
      }
      out[n++] = v;
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /**
   * The value at the parser, for a message: {@code number 1}, {@code string "a"}, {@code object},
   * ...; a container is skipped over, not read.
   */
  public static String describe(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      return "nothing";
    }
    switch (t) {
      case START_OBJECT:
        p.skipChildren();
        return "an object";
      case START_ARRAY:
        p.skipChildren();
        return "an array";
      case VALUE_STRING:
        return "string \"" + truncate(p.getText()) + "\"";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "boolean " + p.getText();
      case VALUE_NULL:
        return "null";
      default:
        return (t.isNumeric() ? "number " : "") + truncate(p.getText());
    }
  }

  private static void requireArray(JsonParser p, String path) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null || t == JsonToken.VALUE_NULL) {
      throw new InvalidInputException(path + " is missing");
    }
    if (t != JsonToken.START_ARRAY) {
      throw new InvalidInputException(path + " must be an array, got " + describe(p));
    }
  }

  private static String truncate(String text) {
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }

  private static String shape(double[][] m) {
    return "[" + m.length + "][" + (m.length == 0 ? 0 : m[0].length) + "]";
  }
}
