package io.lstmirf.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.UnsupportedModelException;
import io.lstmirf.interop.keras.KerasLayers.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a Keras model against the canonical layers and converts it: stacked {@code LSTM}, {@code
 * GRU} and {@code Bidirectional} layers ({@link KerasRecurrent}) and at most one linear {@code
 * Dense} (or {@code TimeDistributed(Dense)}) on top; InputLayer, Dropout and linear Activation
 * layers are identity at inference. Everything else is refused with the layer named.
 */
final class KerasImporter {
  private KerasImporter() {}

  static ImportedModel toCanonical(KerasModelFile f) {
    if (f.kerasVersion().startsWith("1.")) {
      throw new UnsupportedModelException(
          "the model",
          "a Keras 1 file (keras_version " + f.kerasVersion() + ")",
          "Keras 1 stored an LSTM as twelve separate gate arrays;"
              + " re-save it with Keras 2 or 3");
    }
    List<LayerWeights> layers = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    HeadWeights head = null;
    boolean lastStepOnly = false;
    for (Layer l : KerasLayers.chain(f.config())) {
      switch (l.className()) {
        case "InputLayer", "Dropout" -> {}
        case "Activation" -> requireLinear(l, "activation");
        case "LSTM", "GRU", "Bidirectional" -> {
          if (head != null || lastStepOnly) {
            throw new UnsupportedModelException(
                l.where(),
                head != null
                    ? "a recurrent layer" + " after the Dense head"
                    : "a recurrent layer reading a layer with" + " return_sequences=False",
                "the canonical model feeds every step of each" + " layer to the next");
          }
          LayerWeights lw = KerasRecurrent.read(l, f.weightsOf(l.name()), notes);
          if (!layers.isEmpty() && lw.hiddenSize() != layers.get(0).hiddenSize()) {
            throw new UnsupportedModelException(
                l.where(),
                "units=" + lw.hiddenSize() + " on" + " top of units=" + layers.get(0).hiddenSize(),
                "the canonical model's stacked" + " layers all have the same number of units");
          }
          layers.add(lw);
          lastStepOnly = !KerasRecurrent.returnsSequences(l);
        }
        case "Dense" -> head = dense(l, l.config(), f.weightsOf(l.name()), layers, head);
        case "TimeDistributed" -> {
          JsonNode inner = l.config().path("layer");
          if (!inner.path("class_name").asText().equals("Dense")) {
            throw unsupported(l, "TimeDistributed(" + inner.path("class_name").asText() + ")");
          }
          head = dense(l, inner.path("config"), f.weightsOf(l.name()), layers, head);
        }
        default -> throw unsupported(l, null);
      }
    }
    if (layers.isEmpty()) {
      throw new InvalidInputException("the model has no LSTM or GRU layer");
    }
    if (lastStepOnly) {
      notes.add("the model outputs the last time step only (return_sequences=False)");
    }
    return new ImportedModel(new LstmWeights(layers, head), Optional.empty(), f.format(), notes);
  }

  private static HeadWeights dense(
      Layer l, JsonNode c, List<KerasWeight> w, List<LayerWeights> layers, HeadWeights head) {
    if (layers.isEmpty() || head != null) {
      throw new UnsupportedModelException(
          l.where(),
          head != null ? "a second Dense layer" : "a Dense layer before the first recurrent layer",
          "the canonical model is stacked"
              + " recurrent layers with at most one linear Dense head on top");
    }
    requireLinear(l, "activation", c);
    boolean bias = c.path("use_bias").asBoolean(true);
    if (w.size() != (bias ? 2 : 1)) {
      throw new InvalidInputException(
          l.where()
              + " has "
              + w.size()
              + " weight arrays; a Dense"
              + " layer has a kernel"
              + (bias ? " and a bias" : ""));
    }
    int h = layers.get(layers.size() - 1).outputSize();
    int[] k = w.get(0).shape();
    int o = k.length == 2 ? k[1] : -1;
    Matrix kernel = w.get(0).matrix(l.where(), h, o);
    return new HeadWeights(
        kernel.transpose(), bias ? w.get(1).vector(l.where(), o) : new double[o]);
  }

  private static void requireLinear(Layer l, String field) {
    requireLinear(l, field, l.config());
  }

  private static void requireLinear(Layer l, String field, JsonNode c) {
    String a = activation(c.path(field));
    if (!a.equals("linear") && !a.isEmpty()) {
      throw new UnsupportedModelException(
          l.where(), field + "='" + a + "'", "the canonical head" + " is linear, y = W h + b");
    }
  }

  /** An activation's name: a string, or a serialized object's class or config name. */
  static String activation(JsonNode a) {
    if (a.isMissingNode() || a.isNull()) {
      return "";
    }
    if (a.isTextual()) {
      return a.asText();
    }
    return a.path("config").path("name").asText(a.path("class_name").asText(a.toString()));
  }

  private static UnsupportedModelException unsupported(Layer l, String what) {
    String cls = l.className();
    String construct = what != null ? "a " + what + " layer" : "a " + cls + " layer";
    String reason =
        switch (cls) {
          case "Masking" ->
              "masked steps keep the previous state; the canonical layers have no" + " mask";
          case "SimpleRNN", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D", "CuDNNGRU", "CuDNNLSTM" ->
              "the canonical layers are LSTMs and GRUs (Bidirectional around either)";
          default ->
              "the canonical model is stacked LSTM, GRU or Bidirectional layers and at most"
                  + " one linear Dense head (InputLayer, Dropout and linear Activation layers are"
                  + " allowed)";
        };
    return new UnsupportedModelException(l.where(), construct, reason);
  }
}
