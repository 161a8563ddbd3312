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
 * The JSON model format, in two versions. {@value #FORMAT} holds canonical LSTMs:
 *
 * <pre>
 * {"format": "lstm-irf-model/1", "inputSize": I, "hiddenSize": H,
 *  "layers": [{"weightIh": [4H rows of I], "weightHh": [4H rows of H], "bias": [4H]}, ...],
 *  "head": {"weight": [O rows of H], "bias": [O]}}          ("head" is optional)
 * </pre>
 *
 * {@value #FORMAT_V2} adds the variants of {@link io.lstmirf.api.LayerKind}, per layer:
 *
 * <pre>
 * {"cell": "lstm" | "gru", "direction": "forward" | "bidirectional",
 *  "weightIh": [G*H rows of in], "weightHh": [G*H rows of H], "bias": [G*H],
 *  "recurrentBias": [H],          (GRU: b_hn of the n gate, required)
 *  "peephole": [3H],              (LSTM: p_i, p_f, p_o, optional)
 *  "backward": {the same tensors} (bidirectional: the backward direction)}
 * </pre>
 *
 * with gate rows i, f, g, o (LSTM) or r, z, n (GRU), {@code in} = I for layer 0 and the output size
 * of the layer below (H, or 2H above a bidirectional layer) above it, and the head's weight {@code
 * [O x H or 2H]}. {@code cell} and {@code direction} default to {@code lstm} and {@code forward}.
 * Both versions are read; a model of canonical LSTMs is written as version 1, byte for byte as
 * before versions existed, so that older readers keep reading it; any variant is written as version
 * 2. A document without {@code "format"} is read as version 2 (its superset). Numbers are written
 * so that they read back bit for bit.
 */
public final class ModelJson {
  /** The format tag of canonical LSTMs, read and written. */
  public static final String FORMAT = "lstm-irf-model/1";

  /** The format tag of models with variant layers (GRU, peepholes, bidirectional). */
  public static final String FORMAT_V2 = "lstm-irf-model/2";

  private static final Set<String> FIELDS =
      Set.of("format", "inputSize", "hiddenSize", "numLayers", "layers", "head");
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

  /** The format tag these weights are written with: version 1 unless a layer is a variant. */
  public static String formatOf(LstmWeights weights) {
    return weights.spec().isCanonical() ? FORMAT : FORMAT_V2;
  }

  private static LstmWeights decode(JsonNode root) {
    boolean version2 = true;
    if (JsonFiles.has(root, "format")) {
      String format = root.get("format").asText();
      if (!FORMAT.equals(format) && !FORMAT_V2.equals(format)) {
        throw new InvalidInputException(
            "format is '"
                + format
                + "'; this version reads '"
                + FORMAT
                + "' and '"
                + FORMAT_V2
                + "'");
      }
      version2 = FORMAT_V2.equals(format);
    }
    JsonFiles.requireKnownFields(root, FIELDS, "the model");
    JsonNode layersNode = root.get("layers");
    if (layersNode == null || !layersNode.isArray() || layersNode.isEmpty()) {
      throw new InvalidInputException(
          "\"layers\" must be a non-empty array of {weightIh," + " weightHh, bias}");
    }
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < layersNode.size(); l++) {
      layers.add(LayerJson.read(layersNode.get(l), "layers[" + l + "]", version2));
    }
    HeadWeights head = null;
    if (JsonFiles.has(root, "head")) {
      JsonNode hn = root.get("head");
      if (!hn.isObject()) {
        throw new InvalidInputException("\"head\" must be an object {weight, bias}");
      }
      JsonFiles.requireKnownFields(hn, HEAD_FIELDS, "head");
      head =
          new HeadWeights(
              Matrix.of("head.weight", JsonArrays.matrix(hn.get("weight"), "head.weight")),
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
        throw new InvalidInputException(
            field
                + " is "
                + declared
                + " but the weights have "
                + actual
                + " (the weight shapes decide; fix or remove "
                + field
                + ")");
      }
    }
  }

  /** The document for these weights. */
  public static ObjectNode toJson(LstmWeights weights) {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    LstmSpec spec = weights.spec();
    root.put("format", formatOf(weights));
    root.put("inputSize", spec.inputSize());
    root.put("hiddenSize", spec.hiddenSize());
    root.setAll(layersAndHead(weights));
    return root;
  }

  /**
   * Just {@code {"layers": [...], "head": {...}}} for anything shaped like weights, such as
   * gradients; variant layers name their cell and direction as in version 2.
   */
  public static ObjectNode layersAndHead(LstmWeights weights) {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    ArrayNode layers = root.putArray("layers");
    for (LayerWeights lw : weights.layers()) {
      LayerJson.write(lw, layers.addObject());
    }
    weights
        .head()
        .ifPresent(
            h -> {
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
