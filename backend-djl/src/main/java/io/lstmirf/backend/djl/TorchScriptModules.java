package io.lstmirf.backend.djl;

import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.ReadOptions;
import io.lstmirf.interop.UnsupportedModelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the model among a TorchScript module's named parameters (what {@code named_parameters()}
 * lists): one nn.LSTM or nn.GRU ({@code PREFIX.weight_ih_l{k}}, {@code weight_hh_l{k}}, {@code
 * bias_ih_l{k}}, {@code bias_hh_l{k}}, and {@code *_reverse} for {@code bidirectional=True}) and at
 * most one nn.Linear head on its outputs ({@code PREFIX.weight [O,H or 2H]}, {@code PREFIX.bias
 * [O]}). Shapes tell the recurrent kind ({@code weight_hh} of 4H rows is an LSTM, 3H a GRU, H a
 * plain RNN, refused); projected LSTMs ({@code weight_hr}) are refused. Pure Java: {@link
 * DjlTorchScript} reads the parameters through DJL.
 */
final class TorchScriptModules {
  private static final Pattern RECURRENT =
      Pattern.compile(
          "^(?:(.*)\\.)?(weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)_l(\\d+)(_reverse)?$");
  private static final Pattern LINEAR = Pattern.compile("^(?:(.*)\\.)?(weight|bias)$");

  /** One parameter as stored: its shape and values (widened exactly to double). */
  record Tensor(long[] shape, double[] values) {
    Matrix matrix() {
      return Matrix.ofRowMajor((int) shape[0], (int) shape[1], values);
    }
  }

  private TorchScriptModules() {}

  /**
   * The canonical model in {@code parameters} (name to tensor, in the module's order).
   *
   * @param file names the file in messages
   * @throws UnsupportedModelException when the picked (or only) recurrent module is neither an LSTM
   *     nor a GRU, or other modules hold parameters that the model has no place for
   */
  static ImportedModel interpret(String file, Map<String, Tensor> parameters, ReadOptions options) {
    Map<String, Map<String, Tensor>> recurrent = new TreeMap<>();
    Map<String, Map<String, Tensor>> linear = new LinkedHashMap<>();
    Set<String> unclaimed = new LinkedHashSet<>();
    for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
      Matcher r = RECURRENT.matcher(e.getKey());
      Matcher l = LINEAR.matcher(e.getKey());
      if (r.matches()) {
        recurrent
            .computeIfAbsent(prefix(r.group(1)), k -> new TreeMap<>())
            .put(
                r.group(2) + "_l" + r.group(3) + (r.group(4) == null ? "" : r.group(4)),
                e.getValue());
      } else if (l.matches()) {
        linear
            .computeIfAbsent(prefix(l.group(1)), k -> new TreeMap<>())
            .put(l.group(2), e.getValue());
      } else {
        unclaimed.add(e.getKey());
      }
    }
    String rnn = pick(file, "recurrent module", "--rnn", recurrent.keySet(), options.rnn());
    List<LayerWeights> layers = recurrentLayers(file, rnn, recurrent.get(rnn));
    // a head reads the top layer's outputs: H units, 2H for a bidirectional layer
    int hidden = layers.get(layers.size() - 1).outputSize();
    List<String> heads =
        linear.entrySet().stream()
            .filter(e -> isHead(e.getValue(), hidden))
            .map(Map.Entry::getKey)
            .toList();
    if (options.head().isPresent() && !linear.containsKey(options.head().get())) {
      throw new InvalidInputException(
          file
              + ": there is no linear module '"
              + options.head().get()
              + "'; modules with a weight: "
              + names(linear.keySet()));
    }
    Optional<String> head =
        options.head().isPresent() || !heads.isEmpty()
            ? Optional.of(
                pick(
                    file,
                    "linear head on " + hidden + " hidden units",
                    "--head",
                    new LinkedHashSet<>(heads),
                    options.head()))
            : Optional.empty();
    recurrent.keySet().stream()
        .filter(k -> !k.equals(rnn))
        .forEach(k -> recurrent.get(k).keySet().forEach(p -> unclaimed.add(qualified(k, p))));
    linear.keySet().stream()
        .filter(k -> head.map(h -> !h.equals(k)).orElse(true))
        .forEach(k -> linear.get(k).keySet().forEach(p -> unclaimed.add(qualified(k, p))));
    List<String> notes = new ArrayList<>();
    notes.add(
        "parameters read through DJL; the TorchScript code is not run: the model is taken"
            + " to be "
            + describe(layers.get(0))
            + " '"
            + display(rnn)
            + "'"
            + head.map(h -> " followed on every step by" + " linear head '" + display(h) + "'")
                .orElse(" alone, its hidden states the outputs")
            + " (dropout, a training-time setting, does not act at inference)");
    if (!unclaimed.isEmpty()) {
      if (options.isEmpty()) {
        throw new UnsupportedModelException(
            file + ": parameters " + unclaimed,
            "modules" + " other than one LSTM or GRU and one linear head",
            "the canonical model has no place for"
                + " them; pick the LSTM and head to import alone with --rnn NAME and --head NAME");
      }
      notes.add("not imported (other modules): " + String.join(", ", unclaimed));
    }
    HeadWeights headWeights = head.map(h -> headWeights(file, h, linear.get(h))).orElse(null);
    return new ImportedModel(
        new LstmWeights(layers, headWeights), Optional.empty(), ModelFormat.TORCHSCRIPT, notes);
  }

  private static String pick(
      String file, String what, String option, Set<String> found, Optional<String> chosen) {
    if (chosen.isPresent()) {
      String c = chosen.get();
      if (!found.contains(c)) {
        throw new InvalidInputException(
            file
                + ": there is no "
                + what
                + " '"
                + c
                + "'; "
                + (found.isEmpty() ? "it has none" : "found: " + names(found)));
      }
      return c;
    }
    if (found.size() == 1) {
      return found.iterator().next();
    }
    if (found.isEmpty()) {
      throw new InvalidInputException(
          file
              + ": no "
              + what
              + " (parameters named like"
              + " nn.LSTM's weight_ih_l0) was found; is it a TorchScript file of an LSTM model?");
    }
    throw new InvalidInputException(
        file
            + " holds "
            + found.size()
            + " "
            + what
            + "s ("
            + names(found)
            + "); pick one with "
            + option
            + " NAME");
  }

  /**
   * The layers of one nn.LSTM or nn.GRU: per layer {@code k} the forward direction's {@code *_l{k}}
   * parameters and, for {@code bidirectional=True}, the backward direction's {@code
   * *_l{k}_reverse}.
   */
  private static List<LayerWeights> recurrentLayers(
      String file, String prefix, Map<String, Tensor> p) {
    String where = file + ": module '" + display(prefix) + "'";
    if (p.keySet().stream().anyMatch(k -> k.startsWith("weight_hr"))) {
      throw new UnsupportedModelException(
          where, "proj_size > 0 (weight_hr)", "lstm-irf's LSTM has no projection of h");
    }
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; p.containsKey("weight_ih_l" + l); l++) {
      LayerWeights forward = direction(where, p, "_l" + l);
      layers.add(
          p.containsKey("weight_ih_l" + l + "_reverse")
              ? forward.bidirectional(direction(where, p, "_l" + l + "_reverse"))
              : forward);
    }
    if (layers.isEmpty()) {
      throw new InvalidInputException(where + " has no weight_ih_l0");
    }
    return layers;
  }

  private static LayerWeights direction(String where, Map<String, Tensor> p, String suffix) {
    Tensor wi = require(where, p, "weight_ih" + suffix);
    Tensor wh = require(where, p, "weight_hh" + suffix);
    int rows = (int) wh.shape()[0];
    int hidden = (int) wh.shape()[1];
    if (rows != 4 * hidden && rows != 3 * hidden) {
      String kind =
          rows == hidden
              ? "a plain RNN"
              : "a recurrent module of " + rows + " gate rows for " + hidden + " units";
      throw new UnsupportedModelException(
          where,
          kind + " (weight_hh" + suffix + " " + Arrays.toString(wh.shape()) + ")",
          "only LSTMs (4H gate rows) and GRUs (3H) can be imported");
    }
    boolean biased = p.containsKey("bias_ih" + suffix);
    double[] bih = biased ? p.get("bias_ih" + suffix).values() : new double[rows];
    double[] bhh = biased ? require(where, p, "bias_hh" + suffix).values() : new double[rows];
    return PyTorchLayout.toCanonical(new PyTorchLayout.Layer(wi.matrix(), wh.matrix(), bih, bhh));
  }

  /** How a note names the recurrent module: "LSTM", "bidirectional GRU", ... */
  private static String describe(LayerWeights layer) {
    return (layer.backward().isPresent() ? "bidirectional " : "")
        + layer.cell().id().toUpperCase(java.util.Locale.ROOT);
  }

  private static boolean isHead(Map<String, Tensor> p, int hidden) {
    Tensor w = p.get("weight");
    Tensor b = p.get("bias");
    return w != null
        && w.shape().length == 2
        && w.shape()[1] == hidden
        && (b == null || (b.shape().length == 1 && b.shape()[0] == w.shape()[0]));
  }

  private static HeadWeights headWeights(String file, String prefix, Map<String, Tensor> p) {
    Tensor w = p.get("weight");
    if (w == null || w.shape().length != 2) {
      throw new InvalidInputException(
          file + ": module '" + display(prefix) + "' is not a" + " linear layer (no 2-D weight)");
    }
    Tensor b = p.get("bias");
    return new HeadWeights(w.matrix(), b == null ? new double[(int) w.shape()[0]] : b.values());
  }

  private static Tensor require(String where, Map<String, Tensor> p, String name) {
    Tensor t = p.get(name);
    if (t == null) {
      throw new InvalidInputException(where + " has no " + name);
    }
    return t;
  }

  private static String prefix(String group) {
    return group == null ? "" : group;
  }

  private static String qualified(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  private static String display(String prefix) {
    return prefix.isEmpty() ? "(top level)" : prefix;
  }

  private static String names(Set<String> prefixes) {
    return prefixes.stream().map(TorchScriptModules::display).collect(Collectors.joining(", "));
  }
}
