package io.lstmirf.irf.var;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.JsonFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One case written by src/test/python/var_statsmodels_oracle.py: the data, the VAR order and
 * horizon, and what statsmodels 0.13.5 computed from them, under the names of {@code lstm-irf
 * var-irf}'s JSON.
 */
record StatsmodelsCase(String name, JsonNode json) {

  static StatsmodelsCase load(String name) {
    String resource = "statsmodels/" + name + ".json";
    try (InputStream in = StatsmodelsCase.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new StatsmodelsCase(
          name, JsonFiles.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TimeSeries series() {
    List<String> names = new ArrayList<>();
    json.get("names").forEach(n -> names.add(n.asText()));
    return new TimeSeries(names, JsonArrays.matrix(json.get("data"), name + ".data"));
  }

  int lags() {
    return json.get("lags").asInt();
  }

  int horizon() {
    return json.get("horizon").asInt();
  }

  JsonNode get(String field) {
    JsonNode node = json.get(field);
    assertTrue(node != null, name + " has no field " + field);
    return node;
  }

  /**
   * Asserts that {@code actual} (a number or nested double arrays) equals {@code expected} element
   * by element, {@code |a - e| <= rtol |e| + NOISE max|e|}, and returns the largest relative
   * difference {@code |a - e| / |e|} over the elements above {@link #SMALL} of the field's largest
   * magnitude. The {@code NOISE} term lets an element that is zero in exact arithmetic (a
   * structural zero, or band edges that cancel) differ by rounding.
   */
  static double assertClose(String what, JsonNode expected, Object actual, double rtol) {
    List<Double> e = new ArrayList<>();
    flatten(expected, e);
    List<Double> a = new ArrayList<>();
    flatten(actual, a);
    assertEquals(e.size(), a.size(), what + ": number of elements");
    double scale = 0;
    for (double v : e) {
      scale = Math.max(scale, Math.abs(v));
    }
    double worst = 0;
    for (int i = 0; i < e.size(); i++) {
      double diff = Math.abs(a.get(i) - e.get(i));
      double expect = Math.abs(e.get(i));
      if (!(diff <= rtol * expect + NOISE * scale)) {
        throw new AssertionError(
            what
                + "["
                + i
                + "]: expected "
                + e.get(i)
                + ", got "
                + a.get(i)
                + " (relative difference "
                + diff / expect
                + " > "
                + rtol
                + ")");
      }
      if (expect > SMALL * scale) {
        worst = Math.max(worst, diff / expect);
      }
    }
    return worst;
  }

  /**
   * Rounding noise allowed on every element, as a share of the field's largest magnitude: about 50
   * units in the last place.
   */
  static final double NOISE = 1e-14;

  /**
   * Elements below this share of the field's largest magnitude are not counted in the reported
   * relative difference (only {@code NOISE} bounds them).
   */
  static final double SMALL = 1e-6;

  private static void flatten(JsonNode node, List<Double> out) {
    if (node.isArray()) {
      node.forEach(n -> flatten(n, out));
    } else {
      out.add(JsonArrays.number(node, "expected value"));
    }
  }

  private static void flatten(Object x, List<Double> out) {
    if (x instanceof JsonNode n) {
      flatten(n, out);
    } else if (x instanceof Double d) {
      out.add(d);
    } else if (x instanceof double[] v) {
      for (double d : v) {
        out.add(d);
      }
    } else if (x instanceof Object[] arr) {
      for (Object o : arr) {
        flatten(o, out);
      }
    } else {
      throw new IllegalArgumentException("cannot compare " + x);
    }
  }
}
