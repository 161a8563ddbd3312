package io.lstmirf.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.layout.KerasLayout;
import io.lstmirf.interop.UnsupportedModelException;
import io.lstmirf.interop.keras.KerasLayers.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keras' recurrent layers as canonical layers: {@code LSTM}, {@code GRU} with {@code
 * reset_after=True} (Keras' default, PyTorch's GRU), and {@code Bidirectional} around either,
 * concatenating both directions ({@code merge_mode='concat'}) at every step. Each checked against
 * the canonical cells: tanh and the exact sigmoid, forward, not stateful, no state outputs;
 * anything else is refused with the layer named.
 */
final class KerasRecurrent {
  private static final Set<String> CELLS = Set.of("LSTM", "GRU");

  private KerasRecurrent() {}

  /** Whether a layer of this class is read here. */
  static boolean reads(String className) {
    return CELLS.contains(className) || className.equals("Bidirectional");
  }

  /** Whether the layer outputs every step (else the last step only). */
  static boolean returnsSequences(Layer l) {
    JsonNode c = l.className().equals("Bidirectional") ? inner(l).path("config") : l.config();
    return c.path("return_sequences").asBoolean(false);
  }

  /** The canonical layer of {@code l}, with weights {@code w} in Keras' order. */
  static LayerWeights read(Layer l, List<KerasWeight> w, List<String> notes) {
    if (!l.className().equals("Bidirectional")) {
      checkCell(l, l.className(), l.config(), false, notes);
      return cell(l, l.className(), l.config(), w);
    }
    JsonNode c = l.config();
    String merge = c.path("merge_mode").asText("concat");
    if (!merge.equals("concat")) {
      throw new UnsupportedModelException(
          l.where(),
          "merge_mode='" + merge + "'",
          "the"
              + " canonical bidirectional layer puts both directions' outputs side by side"
              + " (merge_mode='concat')");
    }
    JsonNode forward = inner(l);
    String cls = forward.path("class_name").asText();
    if (!CELLS.contains(cls)) {
      throw new UnsupportedModelException(
          l.where(),
          "Bidirectional(" + cls + ")",
          "the" + " canonical bidirectional layers are LSTMs and GRUs");
    }
    checkCell(l, cls, forward.path("config"), false, notes);
    if (!forward.path("config").path("return_sequences").asBoolean(false)) {
      throw new UnsupportedModelException(
          l.where(),
          "return_sequences=False",
          "a"
              + " bidirectional layer's last output joins the forward direction's last step with the"
              + " backward direction's state after the whole sequence, which is no single step of"
              + " the canonical layer's outputs; save with return_sequences=True");
    }
    JsonNode backward = c.path("backward_layer");
    if (!backward.isMissingNode() && !backward.isNull()) {
      if (!backward.path("class_name").asText().equals(cls)) {
        throw new UnsupportedModelException(
            l.where(),
            "a backward_layer of class " + backward.path("class_name").asText(),
            "both directions of a canonical" + " bidirectional layer are the same kind of cell");
      }
      checkCell(l, cls, backward.path("config"), true, notes);
    }
    List<KerasWeight> fw = new ArrayList<>();
    List<KerasWeight> bw = new ArrayList<>();
    for (KerasWeight k : w) {
      (k.name().contains("backward") ? bw : fw).add(k);
    }
    if (fw.size() != bw.size()) {
      throw new InvalidInputException(
          l.where()
              + " has "
              + fw.size()
              + " forward and "
              + bw.size()
              + " backward weight arrays; expected as many of each");
    }
    return cell(l, cls, forward.path("config"), fw)
        .bidirectional(cell(l, cls, forward.path("config"), bw));
  }

  private static JsonNode inner(Layer l) {
    return l.config().path("layer");
  }

  /** Checks one cell's config; {@code backwards} for the backward layer of a Bidirectional. */
  private static void checkCell(
      Layer l, String cls, JsonNode c, boolean backwards, List<String> notes) {
    if (c.has("output_dim") || c.has("inner_activation")) {
      throw new UnsupportedModelException(
          l.where(),
          "a Keras 1 " + cls + " config",
          "Keras 1"
              + " stored a recurrent layer as separate gate arrays; re-save it with Keras 2 or 3");
    }
    String act = KerasImporter.activation(c.path("activation"));
    String rec = KerasImporter.activation(c.path("recurrent_activation"));
    if (!act.equals("tanh")) {
      throw new UnsupportedModelException(
          l.where(),
          "activation='" + act + "'",
          "the canonical" + " cells use tanh for the candidate and the output");
    }
    if (rec.equals("hard_sigmoid")) {
      throw new UnsupportedModelException(
          l.where(),
          "recurrent_activation='hard_sigmoid'",
          "Keras 2's old default is a piecewise-linear stand-in for the sigmoid (clip(0.2x + 0.5,"
              + " 0, 1)); the canonical cells use the exact sigmoid, which no change of weights"
              + " turns it into");
    }
    if (!rec.equals("sigmoid")) {
      throw new UnsupportedModelException(
          l.where(),
          "recurrent_activation='" + rec + "'",
          "the" + " canonical cells use the exact sigmoid for their gates");
    }
    if (cls.equals("GRU") && !c.path("reset_after").asBoolean(false)) {
      throw new UnsupportedModelException(
          l.where(),
          "reset_after=False",
          "the canonical GRU is"
              + " PyTorch's (Keras' reset_after=True), whose reset gate scales the recurrent"
              + " candidate after its weights; reset_after=False applies it before them");
    }
    if (c.path("go_backwards").asBoolean(false) != backwards) {
      throw new UnsupportedModelException(
          l.where(),
          "go_backwards=" + (backwards ? "False" : "True"),
          "a canonical layer reads its sequence forward, and a bidirectional one's"
              + " backward layer from the end");
    }
    refuseIf(
        l,
        c,
        "stateful",
        "a stateful layer carries its state from one batch to the next;"
            + " the canonical model starts each batch from a given state: save with stateful=False");
    refuseIf(
        l,
        c,
        "return_state",
        "the canonical model has one output, the sequence (its"
            + " forward pass returns the final state anyway): save without return_state");
    if (c.path("time_major").asBoolean(false) && !backwards) {
      notes.add(l.where() + " is time_major: its input is [T,B,I]");
    }
  }

  /** One direction's weights: kernel, recurrent_kernel and (unless use_bias=False) bias. */
  private static LayerWeights cell(Layer l, String cls, JsonNode c, List<KerasWeight> w) {
    boolean bias = c.path("use_bias").asBoolean(true);
    if (w.size() != (bias ? 3 : 2)) {
      throw new InvalidInputException(
          l.where()
              + " has "
              + w.size()
              + " weight arrays; a "
              + cls
              + (bias
                  ? " has kernel, recurrent_kernel and bias"
                  : " without bias has kernel" + " and recurrent_kernel"));
    }
    int g = cls.equals("GRU") ? 3 : 4;
    int[] k = w.get(0).shape();
    int cols = k.length == 2 ? k[1] : -1;
    if (cols < g || cols % g != 0) {
      throw new InvalidInputException(
          l.where()
              + ": kernel has shape "
              + java.util.Arrays.toString(k)
              + "; expected [I, "
              + g
              + "H]");
    }
    int h = cols / g;
    int biasLength = g == 3 ? 2 * cols : cols;
    double[] b =
        !bias
            ? new double[biasLength]
            : g == 4
                ? w.get(2).vector(l.where(), cols)
                : w.get(2).matrix(l.where(), 2, cols).toRowMajor();
    return KerasLayout.toCanonical(
        new KerasLayout.Layer(
            w.get(0).matrix(l.where(), k[0], cols), w.get(1).matrix(l.where(), h, cols), b));
  }

  private static void refuseIf(Layer l, JsonNode c, String flag, String reason) {
    if (c.path(flag).asBoolean(false)) {
      throw new UnsupportedModelException(l.where(), flag + "=True", reason);
    }
  }
}
