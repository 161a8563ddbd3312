package io.lstmirf.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.CellKind;
import io.lstmirf.api.Direction;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;
import java.util.Set;

/**
 * One layer object of the model format: {@code lstm-irf-model/1}'s canonical LSTM ({@code
 * weightIh}, {@code weightHh}, {@code bias}) and {@code lstm-irf-model/2}'s variants, which add
 * {@code "cell"} ({@code lstm} or {@code gru}), {@code "direction"} ({@code forward} or {@code
 * bidirectional}), a GRU's {@code recurrentBias}, an LSTM's optional {@code peephole}, and for a
 * bidirectional layer the backward direction's tensors in {@code "backward"}.
 */
final class LayerJson {
  private static final Set<String> V1_FIELDS = Set.of("weightIh", "weightHh", "bias");
  private static final Set<String> DIRECTION_FIELDS =
      Set.of("weightIh", "weightHh", "bias", "recurrentBias", "peephole");
  private static final Set<String> V2_FIELDS =
      Set.of(
          "cell",
          "direction",
          "weightIh",
          "weightHh",
          "bias",
          "recurrentBias",
          "peephole",
          "backward");

  private LayerJson() {}

  /** Reads layer {@code p} ({@code layers[l]}) of a version-1 or version-2 document. */
  static LayerWeights read(JsonNode ln, String p, boolean version2) {
    if (!ln.isObject()) {
      throw new InvalidInputException(p + " must be an object {weightIh, weightHh, bias}");
    }
    if (!version2) {
      for (String variantField :
          new String[] {"cell", "direction", "recurrentBias", "peephole", "backward"}) {
        if (JsonFiles.has(ln, variantField)) {
          throw new InvalidInputException(
              p
                  + " has '"
                  + variantField
                  + "', a field of "
                  + ModelJson.FORMAT_V2
                  + "; set \"format\" to \""
                  + ModelJson.FORMAT_V2
                  + "\"");
        }
      }
    }
    JsonFiles.requireKnownFields(ln, version2 ? V2_FIELDS : V1_FIELDS, p);
    CellKind cell = CellKind.LSTM;
    Direction direction = Direction.FORWARD;
    try {
      if (JsonFiles.has(ln, "cell")) {
        cell = CellKind.parse(text(ln, "cell", p));
      }
      if (JsonFiles.has(ln, "direction")) {
        direction = Direction.parse(text(ln, "direction", p));
      }
    } catch (InvalidInputException e) {
      throw new InvalidInputException(p + ": " + e.getMessage(), e);
    }
    try {
      LayerWeights forward = direction(ln, p, cell);
      if (direction == Direction.FORWARD) {
        if (JsonFiles.has(ln, "backward")) {
          throw new InvalidInputException(
              p
                  + " has \"backward\" but is not bidirectional; add"
                  + " \"direction\": \"bidirectional\" or remove it");
        }
        return forward;
      }
      JsonNode bn = ln.get("backward");
      if (bn == null || !bn.isObject()) {
        throw new InvalidInputException(
            p
                + " is bidirectional: \"backward\" must be an object"
                + " with the backward direction's tensors");
      }
      JsonFiles.requireKnownFields(bn, DIRECTION_FIELDS, p + ".backward");
      return forward.bidirectional(direction(bn, p + ".backward", cell));
    } catch (InvalidInputException e) {
      throw e.getMessage().startsWith(p)
          ? e
          : new InvalidInputException(p + "." + e.getMessage(), e);
    }
  }

  /** The fields of one direction; {@code p} names it in messages. */
  private static LayerWeights direction(JsonNode n, String p, CellKind cell) {
    Matrix wIh = Matrix.of(p + ".weightIh", JsonArrays.matrix(n.get("weightIh"), p + ".weightIh"));
    Matrix wHh = Matrix.of(p + ".weightHh", JsonArrays.matrix(n.get("weightHh"), p + ".weightHh"));
    double[] bias = JsonArrays.vector(n.get("bias"), p + ".bias");
    double[] peephole = optionalVector(n, "peephole", p);
    double[] recurrentBias = optionalVector(n, "recurrentBias", p);
    if (cell == CellKind.GRU) {
      if (peephole != null) {
        throw new InvalidInputException(p + " is a GRU layer; peepholes are an LSTM option");
      }
      if (recurrentBias == null) {
        throw new InvalidInputException(
            p + " is a GRU layer: it needs \"recurrentBias\" (b_hn," + " [H])");
      }
      return LayerWeights.gru(wIh, wHh, bias, recurrentBias);
    }
    if (recurrentBias != null) {
      throw new InvalidInputException(p + " is an LSTM layer; \"recurrentBias\" is a GRU field");
    }
    return LayerWeights.lstm(wIh, wHh, bias, peephole);
  }

  /** Writes a layer: exactly the version-1 fields for a canonical LSTM. */
  static void write(LayerWeights layer, ObjectNode ln) {
    LayerKind kind = layer.kind();
    if (!kind.isCanonical()) {
      ln.put("cell", kind.cell().id());
      ln.put("direction", kind.direction().id());
    }
    writeDirection(layer.forwardDirection(), ln);
    layer.backward().ifPresent(b -> writeDirection(b, ln.putObject("backward")));
  }

  private static void writeDirection(LayerWeights d, ObjectNode n) {
    n.set("weightIh", JsonArrays.toJson(d.weightIh().toArray()));
    n.set("weightHh", JsonArrays.toJson(d.weightHh().toArray()));
    n.set("bias", JsonArrays.toJson(d.bias()));
    d.recurrentBias().ifPresent(v -> n.set("recurrentBias", JsonArrays.toJson(v)));
    d.peephole().ifPresent(v -> n.set("peephole", JsonArrays.toJson(v)));
  }

  private static double[] optionalVector(JsonNode n, String field, String p) {
    return JsonFiles.has(n, field) ? JsonArrays.vector(n.get(field), p + "." + field) : null;
  }

  private static String text(JsonNode n, String field, String p) {
    JsonNode v = n.get(field);
    if (!v.isTextual()) {
      throw new InvalidInputException(
          p + "." + field + " must be a string, got " + JsonArrays.describe(v));
    }
    return v.asText();
  }
}
