package io.lstmirf.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.layout.KerasLayout;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.UnsupportedModelException;
import io.lstmirf.interop.keras.KerasLayers.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a Keras model against the canonical LSTM and converts it: stacked {@code LSTM} layers
 * (tanh and the exact sigmoid, forward, not stateful, no mask) and at most one linear
 * {@code Dense} (or {@code TimeDistributed(Dense)}) on top; InputLayer, Dropout and linear
 * Activation layers are identity at inference. Everything else is refused with the layer named.
 */
final class KerasImporter {
  private KerasImporter() {}

  static ImportedModel toCanonical(KerasModelFile f) {
    if (f.kerasVersion().startsWith("1.")) {
      throw new UnsupportedModelException("the model", "a Keras 1 file (keras_version "
          + f.kerasVersion() + ")", "Keras 1 stored an LSTM as twelve separate gate arrays;"
          + " re-save it with Keras 2 or 3");
    }
    List<LayerWeights> layers = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    HeadWeights head = null;
    boolean lastStepOnly = false;
    for (Layer l : KerasLayers.chain(f.config())) {
      switch (l.className()) {
        case "InputLayer", "Dropout" -> { }
        case "Activation" -> requireLinear(l, "activation");
        case "LSTM" -> {
          if (head != null || lastStepOnly) {
            throw new UnsupportedModelException(l.where(), head != null ? "an LSTM layer after"
                + " the Dense head" : "an LSTM layer reading a layer with return_sequences="
                + "False", "the canonical model feeds every step of each LSTM layer to the next");
          }
          LayerWeights lw = lstm(l, f.weightsOf(l.name()), notes);
          if (!layers.isEmpty() && lw.hiddenSize() != layers.get(0).hiddenSize()) {
            throw new UnsupportedModelException(l.where(), "units=" + lw.hiddenSize() + " on"
                + " top of units=" + layers.get(0).hiddenSize(), "the canonical model's stacked"
                + " layers all have the same number of units");
          }
          layers.add(lw);
          lastStepOnly = !l.config().path("return_sequences").asBoolean(false);
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
      throw new InvalidInputException("the model has no LSTM layer");
    }
    if (lastStepOnly) {
      notes.add("the model outputs the last time step only (return_sequences=False)");
    }
    return new ImportedModel(new LstmWeights(layers, head), Optional.empty(), f.format(), notes);
  }

  private static LayerWeights lstm(Layer l, List<KerasWeight> w, List<String> notes) {
    JsonNode c = l.config();
    if (c.has("output_dim") || c.has("inner_activation")) {
      throw new UnsupportedModelException(l.where(), "a Keras 1 LSTM config", "Keras 1 stored"
          + " an LSTM as twelve separate gate arrays; re-save it with Keras 2 or 3");
    }
    String act = activation(c.path("activation"));
    String rec = activation(c.path("recurrent_activation"));
    if (!act.equals("tanh")) {
      throw new UnsupportedModelException(l.where(), "activation='" + act + "'", "the canonical"
          + " LSTM uses tanh for the cell input and output");
    }
    if (rec.equals("hard_sigmoid")) {
      throw new UnsupportedModelException(l.where(), "recurrent_activation='hard_sigmoid'",
          "Keras 2's old default is a piecewise-linear stand-in for the sigmoid (clip(0.2x + 0.5,"
              + " 0, 1)); the canonical LSTM uses the exact sigmoid, which no change of weights"
              + " turns it into");
    }
    if (!rec.equals("sigmoid")) {
      throw new UnsupportedModelException(l.where(), "recurrent_activation='" + rec + "'", "the"
          + " canonical LSTM uses the exact sigmoid for its gates");
    }
    refuseIf(l, c, "go_backwards", "the canonical LSTM reads its sequence forward");
    refuseIf(l, c, "stateful", "a stateful layer carries its state from one batch to the next;"
        + " the canonical model starts each batch from a given state: save with stateful=False");
    refuseIf(l, c, "return_state", "the canonical model has one output, the sequence (its"
        + " forward pass returns the final state anyway): save without return_state");
    if (c.path("time_major").asBoolean(false)) {
      notes.add(l.where() + " is time_major: its input is [T,B,I]");
    }
    boolean bias = c.path("use_bias").asBoolean(true);
    if (w.size() != (bias ? 3 : 2)) {
      throw new InvalidInputException(l.where() + " has " + w.size() + " weight arrays; an LSTM"
          + (bias ? " has kernel, recurrent_kernel and bias" : " without bias has kernel and"
          + " recurrent_kernel"));
    }
    int[] k = w.get(0).shape();
    int h4 = k.length == 2 ? k[1] : -1;
    if (h4 < 4 || h4 % 4 != 0) {
      throw new InvalidInputException(l.where() + ": kernel has shape "
          + java.util.Arrays.toString(k) + "; expected [I, 4H]");
    }
    int h = h4 / 4;
    double[] b = bias ? w.get(2).vector(l.where(), h4) : new double[h4];
    return KerasLayout.toCanonical(new KerasLayout.Layer(w.get(0).matrix(l.where(), k[0], h4),
        w.get(1).matrix(l.where(), h, h4), b));
  }

  private static HeadWeights dense(Layer l, JsonNode c, List<KerasWeight> w,
      List<LayerWeights> layers, HeadWeights head) {
    if (layers.isEmpty() || head != null) {
      throw new UnsupportedModelException(l.where(), head != null ? "a second Dense layer"
          : "a Dense layer before the first LSTM", "the canonical model is stacked LSTM layers"
          + " with at most one linear Dense head on top");
    }
    requireLinear(l, "activation", c);
    boolean bias = c.path("use_bias").asBoolean(true);
    if (w.size() != (bias ? 2 : 1)) {
      throw new InvalidInputException(l.where() + " has " + w.size() + " weight arrays; a Dense"
          + " layer has a kernel" + (bias ? " and a bias" : ""));
    }
    int h = layers.get(layers.size() - 1).hiddenSize();
    int[] k = w.get(0).shape();
    int o = k.length == 2 ? k[1] : -1;
    Matrix kernel = w.get(0).matrix(l.where(), h, o);
    return new HeadWeights(kernel.transpose(), bias ? w.get(1).vector(l.where(), o)
        : new double[o]);
  }

  private static void requireLinear(Layer l, String field) {
    requireLinear(l, field, l.config());
  }

  private static void requireLinear(Layer l, String field, JsonNode c) {
    String a = activation(c.path(field));
    if (!a.equals("linear") && !a.isEmpty()) {
      throw new UnsupportedModelException(l.where(), field + "='" + a + "'", "the canonical head"
          + " is linear, y = W h + b");
    }
  }

  private static void refuseIf(Layer l, JsonNode c, String flag, String reason) {
    if (c.path(flag).asBoolean(false)) {
      throw new UnsupportedModelException(l.where(), flag + "=True", reason);
    }
  }

  /** An activation's name: a string, or a serialized object's class or config name. */
  private static String activation(JsonNode a) {
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
    String reason = switch (cls) {
      case "Masking" -> "masked steps keep the previous state; the canonical LSTM has no mask";
      case "Bidirectional" -> "the canonical LSTM reads its sequence forward only, in one"
          + " direction";
      case "GRU", "SimpleRNN", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D", "CuDNNGRU" ->
          "the canonical model is an LSTM";
      default -> "the canonical model is stacked LSTM layers and at most one linear Dense head"
          + " (InputLayer, Dropout and linear Activation layers are allowed)";
    };
    return new UnsupportedModelException(l.where(), construct, reason);
  }
}
