package io.lstmirf.interop.keras;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.CellKind;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The model configs {@link KerasWriter} writes for a canonical model: a Sequential of an InputLayer
 * ({@code [None, None, I]}: any batch and sequence length), LSTM and GRU layers (tanh, sigmoid, a
 * GRU with reset_after=True, return_sequences=True, so the head sees every step as in the canonical
 * model), Bidirectional layers around them (merge_mode='concat') and a linear Dense head. Keras 3
 * form for .keras (module, registered_name, build_config); Keras 2 form for the legacy .h5
 * (batch_input_shape), which Keras 3 also loads.
 */
final class KerasConfigs {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private KerasConfigs() {}

  /** Layer names, also the keys of their weights: lstm, gru, bidirectional, lstm_1, ..., dense. */
  static List<String> layerNames(LstmSpec spec) {
    List<String> classes = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      classes.add(className(spec.layerKind(l)));
    }
    if (spec.hasHead()) {
      classes.add("Dense");
    }
    return KerasPaths.sequentialPaths(classes).stream()
        .map(p -> p.substring("layers/".length()))
        .toList();
  }

  static ObjectNode model(LstmSpec spec, boolean keras3) {
    List<String> names = layerNames(spec);
    ArrayNode layers = JSON.arrayNode();
    ObjectNode input =
        JSON.objectNode().put("name", "input_layer").put("dtype", "float32").put("sparse", false);
    input.set(keras3 ? "batch_shape" : "batch_input_shape", shape(spec.inputSize()));
    layers.add(layer("InputLayer", input, -1, keras3));
    for (int l = 0; l < spec.numLayers(); l++) {
      LayerKind kind = spec.layerKind(l);
      String cell = kind.cell() == CellKind.GRU ? "GRU" : "LSTM";
      int in = spec.layerInputSize(l);
      if (kind.directions() == 1) {
        layers.add(layer(cell, cell(cell, names.get(l), spec.hiddenSize(), false), in, keras3));
        continue;
      }
      ObjectNode c =
          JSON.objectNode()
              .put("name", names.get(l))
              .put("trainable", true)
              .put("dtype", "float32")
              .put("merge_mode", "concat");
      String inner = cell.toLowerCase(java.util.Locale.ROOT) + "_" + l;
      c.set(
          "layer",
          layer(cell, cell(cell, "forward_" + inner, spec.hiddenSize(), false), in, keras3));
      c.set(
          "backward_layer",
          layer(cell, cell(cell, "backward_" + inner, spec.hiddenSize(), true), in, keras3));
      layers.add(layer("Bidirectional", c, in, keras3));
    }
    if (spec.hasHead()) {
      ObjectNode c =
          JSON.objectNode()
              .put("name", names.get(names.size() - 1))
              .put("trainable", true)
              .put("dtype", "float32")
              .put("units", spec.responseSize())
              .put("activation", "linear")
              .put("use_bias", true);
      layers.add(layer("Dense", c, spec.outputSize(), keras3));
    }
    ObjectNode cfg = JSON.objectNode().put("name", "sequential").put("trainable", true);
    cfg.set("layers", layers);
    ObjectNode model = JSON.objectNode();
    if (keras3) {
      model.put("module", "keras");
    }
    model.put("class_name", "Sequential").set("config", cfg);
    if (keras3) {
      model.putNull("registered_name");
      model.set("build_config", JSON.objectNode().set("input_shape", shape(spec.inputSize())));
    }
    return model;
  }

  /** The Keras class of a canonical layer: LSTM, GRU, or Bidirectional around either. */
  static String className(LayerKind kind) {
    return kind.directions() == 2 ? "Bidirectional" : kind.cell() == CellKind.GRU ? "GRU" : "LSTM";
  }

  /** An LSTM's or GRU's config: the canonical cell, every step returned. */
  private static ObjectNode cell(String cls, String name, int units, boolean backwards) {
    ObjectNode c =
        JSON.objectNode()
            .put("name", name)
            .put("trainable", true)
            .put("dtype", "float32")
            .put("return_sequences", true)
            .put("return_state", false)
            .put("go_backwards", backwards)
            .put("stateful", false)
            .put("unroll", false)
            .put("units", units)
            .put("activation", "tanh")
            .put("recurrent_activation", "sigmoid")
            .put("use_bias", true)
            .put("dropout", 0.0)
            .put("recurrent_dropout", 0.0);
    return cls.equals("GRU") ? c.put("reset_after", true) : c.put("unit_forget_bias", true);
  }

  private static ObjectNode layer(String cls, ObjectNode config, int inputs, boolean keras3) {
    ObjectNode l = JSON.objectNode();
    if (keras3) {
      l.put("module", "keras.layers");
    }
    l.put("class_name", cls).set("config", config);
    if (keras3) {
      l.putNull("registered_name");
      if (inputs > 0) {
        l.set("build_config", JSON.objectNode().set("input_shape", shape(inputs)));
      }
    }
    return l;
  }

  /** [None, None, n]: any batch, any length. */
  private static ArrayNode shape(int n) {
    return JSON.arrayNode().addNull().addNull().add(n);
  }
}
