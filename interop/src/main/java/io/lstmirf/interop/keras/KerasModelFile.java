package io.lstmirf.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.interop.ModelFormat;
import java.util.List;
import java.util.Map;

/**
 * A Keras model file as stored, before any check: the model config (what {@code model.to_json()}
 * gives) and every layer's weight arrays in the order Keras keeps them (an LSTM's kernel,
 * recurrent_kernel, bias; a Dense's kernel, bias). {@link KerasReader#read} turns it into canonical
 * weights or refuses it; this view is for callers that need the file's own content.
 *
 * @param format {@link ModelFormat#KERAS} or {@link ModelFormat#KERAS_H5}
 * @param kerasVersion the Keras version that wrote it, "" when the file does not say
 * @param config the model config
 * @param weights weight arrays by layer name; layers without weights are absent
 */
public record KerasModelFile(
    ModelFormat format,
    String kerasVersion,
    JsonNode config,
    Map<String, List<KerasWeight>> weights) {

  public KerasModelFile {
    weights = Map.copyOf(weights);
  }

  /** The weights of one layer, empty when it has none. */
  public List<KerasWeight> weightsOf(String layer) {
    return weights.getOrDefault(layer, List.of());
  }
}
