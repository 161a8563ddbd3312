package io.lstmirf.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.interop.UnsupportedModelException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The layers of a Keras model config in the order data flows through them. A Sequential lists them;
 * a Functional (Keras 2: "Model") model must be a single chain from one input to one output, each
 * layer called once on the layer before, or it is refused.
 */
final class KerasLayers {

  /**
   * One layer of the config.
   *
   * @param className e.g. LSTM, Dense, InputLayer
   * @param name the layer's name, which keys its weights
   * @param config its config object
   */
  record Layer(String className, String name, JsonNode config) {
    String where() {
      return "layer '" + name + "' (" + className + ")";
    }
  }

  private KerasLayers() {}

  /** The chain of layers of a model config ({@code {"class_name": ..., "config": ...}}). */
  static List<Layer> chain(JsonNode model) {
    String cls = model.path("class_name").asText();
    JsonNode cfg = model.path("config");
    JsonNode list = cfg.isArray() ? cfg : cfg.path("layers"); // Keras 2.0-2.2: a bare list
    if (!list.isArray()) {
      throw new InvalidInputException(
          "the model config has no layer list (class_name '" + cls + "')");
    }
    List<Layer> layers = new ArrayList<>();
    for (JsonNode l : list) {
      layers.add(
          new Layer(
              l.path("class_name").asText(),
              l.path("config").path("name").asText(l.path("name").asText()),
              l.path("config")));
    }
    switch (cls) {
      case "Sequential" -> {
        return layers;
      }
      case "Functional", "Model" -> {
        return functionalChain(cfg, list, layers);
      }
      default ->
          throw new UnsupportedModelException(
              "the model",
              "a " + cls + " model",
              "the" + " reader takes Sequential and Functional models whose layers form one chain");
    }
  }

  private static List<Layer> functionalChain(JsonNode cfg, JsonNode list, List<Layer> layers) {
    Map<String, Layer> byName = new HashMap<>();
    Map<String, String> inbound = new HashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      byName.put(l.name(), l);
      List<String> from = inboundLayers(list.get(i).path("inbound_nodes"), l);
      if (from.size() > 1) {
        throw new UnsupportedModelException(
            l.where(),
            "inputs from " + from,
            "the canonical" + " model is one chain of layers, each reading the one before");
      }
      if (!from.isEmpty()) {
        inbound.put(l.name(), from.get(0));
      }
    }
    // return_state lists one layer several times; its config says why it is refused
    List<String> outputs = tensorLayers(cfg.path("output_layers")).stream().distinct().toList();
    List<String> inputs = tensorLayers(cfg.path("input_layers"));
    if (outputs.size() != 1 || inputs.size() != 1) {
      throw new UnsupportedModelException(
          "the model",
          "inputs " + inputs + " and outputs " + outputs,
          "the canonical model has one input and one output");
    }
    List<Layer> chain = new ArrayList<>();
    for (String at = outputs.get(0); at != null; at = inbound.get(at)) {
      chain.add(0, byName.get(at));
      if (chain.size() > layers.size()) {
        throw new InvalidInputException("the model's layers form a cycle at '" + at + "'");
      }
    }
    if (!chain.get(0).name().equals(inputs.get(0)) || chain.size() != layers.size()) {
      Layer off = layers.stream().filter(l -> !chain.contains(l)).findFirst().orElse(chain.get(0));
      throw new UnsupportedModelException(
          off.where(),
          "a layer off the input-to-output chain",
          "the canonical model is one chain of layers from its input to its output");
    }
    return chain;
  }

  /** The layers a layer's inbound_nodes read, in Keras 2 or Keras 3 form. */
  private static List<String> inboundLayers(JsonNode nodes, Layer l) {
    List<String> names = new ArrayList<>();
    if (!nodes.isArray() || nodes.isEmpty()) {
      return names;
    }
    if (nodes.size() > 1) {
      throw new UnsupportedModelException(
          l.where(),
          "a layer called " + nodes.size() + " times",
          "the canonical model uses each layer once");
    }
    JsonNode node = nodes.get(0);
    if (node.isObject()) { // Keras 3: {"args": [...], "kwargs": {...}}
      collectHistory(node.path("args"), names);
      List<String> extra = new ArrayList<>();
      collectHistory(node.path("kwargs"), extra);
      if (!extra.isEmpty()) {
        throw new UnsupportedModelException(
            l.where(),
            "tensor arguments from " + extra + " (e.g. initial_state)",
            "the canonical model reads only the layer below");
      }
    } else { // Keras 2: [[name, node_index, tensor_index, kwargs], ...]
      for (JsonNode t : node) {
        names.add(t.get(0).asText());
      }
    }
    return names;
  }

  private static void collectHistory(JsonNode n, List<String> out) {
    if (n.isObject()) {
      JsonNode h = n.get("keras_history");
      if (h != null && h.isArray()) {
        out.add(h.get(0).asText());
        return;
      }
      n.forEach(c -> collectHistory(c, out));
    } else if (n.isArray()) {
      n.forEach(c -> collectHistory(c, out));
    }
  }

  /** input_layers / output_layers: [name, 0, 0] or [[name, 0, 0], ...]. */
  private static List<String> tensorLayers(JsonNode n) {
    List<String> names = new ArrayList<>();
    if (n.isArray() && !n.isEmpty() && n.get(0).isTextual()) {
      names.add(n.get(0).asText());
    } else if (n.isArray()) {
      n.forEach(t -> names.add(t.get(0).asText()));
    }
    return names;
  }
}
