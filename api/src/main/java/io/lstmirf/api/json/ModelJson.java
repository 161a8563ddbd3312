package io.lstmirf.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The JSON model format {@value #FORMAT}:
 *
 * <pre>
 * {"format": "lstm-irf-model/1", "inputSize": I, "hiddenSize": H,
 *  "layers": [{"weightIh": [4H rows of I], "weightHh": [4H rows of H], "bias": [4H]}, ...],
 *  "head": {"weight": [O rows of H], "bias": [O]}}          ("head" is optional)
 * </pre>
 *
 * Gate rows are in the canonical order i, f, g, o. Numbers are written so that they read back
 * bit for bit.
 */
public final class ModelJson {
  /** The format tag this version reads and writes. */
  public static final String FORMAT = "lstm-irf-model/1";
  private static final Set<String> FIELDS =
      Set.of("format", "inputSize", "hiddenSize", "numLayers", "layers", "head");
  private static final Set<String> LAYER_FIELDS = Set.of("weightIh", "weightHh", "bias");
  private static final Set<String> HEAD_FIELDS = Set.of("weight", "bias");

  private ModelJson() {}

  /** Reads a model file. */
  public static LstmWeights read(Path file) {
    return fromJson(JsonFiles.read(file, "model file"), "model file " + file);
  }

  /** Parses model JSON text; {@code source} names it in error messages. */
  public static LstmWeights parse(String json, String source) {
    return fromJson(JsonFiles.parse(json, source), source);
  }

  /** Reads a parsed model document. */
  public static LstmWeights fromJson(JsonNode root, String source) {
    JsonFiles.requireObject(root, source, "with \"format\", \"layers\" and optionally \"head\"");
    try {
      return decode(root);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(source + ": " + e.getMessage(), e);
    }
  }

  private static LstmWeights decode(JsonNode root) {
    if (JsonFiles.has(root, "format") && !FORMAT.equals(root.get("format").asText())) {
      throw new InvalidInputException("format is '" + root.get("format").asText()
          + "'; this version reads '" + FORMAT + "'");
    }
    JsonFiles.requireKnownFields(root, FIELDS, "the model");
    JsonNode layersNode = root.get("layers");
    if (layersNode == null || !layersNode.isArray() || layersNode.isEmpty()) {
      throw new InvalidInputException("\"layers\" must be a non-empty array of {weightIh,"
          + " weightHh, bias}");
    }
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < layersNode.size(); l++) {
      String p = "layers[" + l + "]";
      JsonNode ln = layersNode.get(l);
      if (!ln.isObject()) {
        throw new InvalidInputException(p + " must be an object {weightIh, weightHh, bias}");
      }
      JsonFiles.requireKnownFields(ln, LAYER_FIELDS, p);
      try {
        layers.add(new LayerWeights(
            Matrix.of(p + ".weightIh", JsonArrays.matrix(ln.get("weightIh"), p + ".weightIh")),
            Matrix.of(p + ".weightHh", JsonArrays.matrix(ln.get("weightHh"), p + ".weightHh")),
            JsonArrays.vector(ln.get("bias"), p + ".bias")));
      } catch (InvalidInputException e) {
        throw e.getMessage().startsWith(p) ? e
            : new InvalidInputException(p + "." + e.getMessage(), e);
      }
    }
    HeadWeights head = null;
    if (JsonFiles.has(root, "head")) {
      JsonNode hn = root.get("head");
      if (!hn.isObject()) {
        throw new InvalidInputException("\"head\" must be an object {weight, bias}");
      }
      JsonFiles.requireKnownFields(hn, HEAD_FIELDS, "head");
      head = new HeadWeights(Matrix.of("head.weight",
          JsonArrays.matrix(hn.get("weight"), "head.weight")),
          JsonArrays.vector(hn.get("bias"), "head.bias"));
    }
    LstmWeights weights = new LstmWeights(layers, head);
    LstmSpec spec = weights.spec();
    checkDeclared(root, "inputSize", spec.inputSize());
    checkDeclared(root, "hiddenSize", spec.hiddenSize());
    checkDeclared(root, "numLayers", spec.numLayers());
    return weights;
  }

  private static void checkDeclared(JsonNode root, String field, int actual) {
    if (JsonFiles.has(root, field)) {
      int declared = JsonArrays.count(root.get(field), field);
      if (declared != actual) {
        throw new InvalidInputException(field + " is " + declared + " but the weights have "
            + actual + " (the weight shapes decide; fix or remove " + field + ")");
      }
    }
  }

  /** The document for these weights. */
  public static ObjectNode toJson(LstmWeights weights) {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    LstmSpec spec = weights.spec();
    root.put("format", FORMAT);
    root.put("inputSize", spec.inputSize());
    root.put("hiddenSize", spec.hiddenSize());
    root.setAll(layersAndHead(weights));
    return root;
  }

  /**
   * Just {@code {"layers": [...], "head": {...}}} for anything shaped like weights, such as
   * gradients.
   */
  public static ObjectNode layersAndHead(LstmWeights weights) {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    ArrayNode layers = root.putArray("layers");
    for (LayerWeights lw : weights.layers()) {
      ObjectNode ln = layers.addObject();
      ln.set("weightIh", matrix(lw.weightIh()));
      ln.set("weightHh", matrix(lw.weightHh()));
      ln.set("bias", vector(lw.bias()));
    }
    weights.head().ifPresent(h -> {
      ObjectNode hn = root.putObject("head");
      hn.set("weight", matrix(h.weight()));
      hn.set("bias", vector(h.bias()));
    });
    return root;
  }

  /** The JSON text for these weights. */
  public static String toJsonString(LstmWeights weights) {
    return toJson(weights).toString();
  }

  /** Writes a model file atomically. */
  public static void write(LstmWeights weights, Path file) {
    JsonFiles.writeAtomically(file, toJsonString(weights) + "\n");
  }

  private static ArrayNode matrix(Matrix m) {
    return JsonArrays.toJson(m.toArray());
  }

  private static ArrayNode vector(double[] v) {
    return JsonArrays.toJson(v);
  }
}
