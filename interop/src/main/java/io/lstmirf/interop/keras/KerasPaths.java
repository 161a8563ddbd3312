package io.lstmirf.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where Keras 3 keeps a layer's variables in model.weights.h5: not under the layer's name but under
 * {@code layers/<snake_case(class name)>}, with {@code _1}, {@code _2}, ... for later layers of the
 * same class, counted over {@code model.layers} in order (keras/src/saving/saving_lib.py, {@code
 * _save_container_state}). A Sequential model's {@code layers} leaves out its InputLayer; a
 * Functional model's keeps it.
 */
final class KerasPaths {
  private KerasPaths() {}

  /** The path of each layer of {@code chain}, in the same order. */
  static List<String> containerPaths(JsonNode model, List<KerasLayers.Layer> chain) {
    boolean sequential = model.path("class_name").asText().equals("Sequential");
    JsonNode cfg = model.path("config");
    JsonNode list = cfg.isArray() ? cfg : cfg.path("layers");
    Map<String, String> byName = new HashMap<>();
    Map<String, Integer> used = new HashMap<>();
    for (JsonNode l : list) {
      String cls = l.path("class_name").asText();
      if (sequential && cls.equals("InputLayer")) {
        continue;
      }
      String name = l.path("config").path("name").asText(l.path("name").asText());
      byName.put(name, "layers/" + next(snakeCase(cls), used));
    }
    List<String> paths = new ArrayList<>();
    for (KerasLayers.Layer l : chain) {
      paths.add(byName.getOrDefault(l.name(), ""));
    }
    return paths;
  }

  /** The paths a writer uses for these class names, in order (no InputLayer). */
  static List<String> sequentialPaths(List<String> classNames) {
    Map<String, Integer> used = new HashMap<>();
    List<String> paths = new ArrayList<>();
    for (String cls : classNames) {
      paths.add("layers/" + next(snakeCase(cls), used));
    }
    return paths;
  }

  private static String next(String base, Map<String, Integer> used) {
    Integer k = used.merge(base, 0, (old, zero) -> old + 1);
    return k == 0 ? base : base + "_" + k;
  }

  /** Keras' naming.to_snake_case: "TimeDistributed" to "time_distributed", "LSTM" to "lstm". */
  static String snakeCase(String name) {
    String s = name.replaceAll("\\W+", "");
    s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
    return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
