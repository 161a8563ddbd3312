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
 * Finds the canonical model among a TorchScript module's named parameters (what {@code
 * named_parameters()} lists): one nn.LSTM ({@code PREFIX.weight_ih_l{k}}, {@code weight_hh_l{k}},
 * {@code bias_ih_l{k}}, {@code bias_hh_l{k}}) and at most one nn.Linear head on its hidden units
 * ({@code PREFIX.weight [O,H]}, {@code PREFIX.bias [O]}). Shapes tell the recurrent kind ({@code
 * weight_hh} of 4H rows is an LSTM, 3H a GRU, H a plain RNN), the parameter names tell
 * bidirectional ({@code _reverse}) and projected ({@code weight_hr}) LSTMs; those are refused. Pure
 * Java: {@link DjlTorchScript} reads the parameters through DJL.
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
   * @throws UnsupportedModelException when the picked (or only) recurrent module is not a plain
   *     LSTM, or other modules hold parameters that the canonical model has no place for
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
    List<LayerWeights> layers = lstmLayers(file, rnn, recurrent.get(rnn));
    int hidden = layers.get(0).hiddenSize();
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
            + " to be LSTM '"
            + display(rnn)
            + "'"
            + head.map(h -> " followed on every step by" + " linear head '" + display(h) + "'")
                .orElse(" alone, its hidden states the outputs")
            + " (dropout, a training-time setting, does not act at inference)");
    if (!unclaimed.isEmpty()) {
      if (options.isEmpty()) {
        throw new UnsupportedModelException(
            file + ": parameters " + unclaimed,
            "modules" + " other than one LSTM and one linear head",
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

  private static List<LayerWeights> lstmLayers(String file, String prefix, Map<String, Tensor> p) {
    String where = file + ": module '" + display(prefix) + "'";
    if (p.keySet().stream().anyMatch(k -> k.endsWith("_reverse"))) {
      throw new UnsupportedModelException(
          where, "bidirectional=True", "the canonical LSTM" + " runs forward only");
    }
    if (p.keySet().stream().anyMatch(k -> k.startsWith("weight_hr"))) {
      throw new UnsupportedModelException(
          where, "proj_size > 0 (weight_hr)", "the canonical" + " LSTM has no projection of h");
    }
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; p.containsKey("weight_ih_l" + l); l++) {
      Tensor wi = p.get("weight_ih_l" + l);
      Tensor wh = require(where, p, "weight_hh_l" + l);
      int rows = (int) wh.shape()[0];
      int hidden = (int) wh.shape()[1];
      if (rows != 4 * hidden) {
        String kind =
            rows == 3 * hidden
                ? "a GRU"
                : rows == hidden
                    ? "a plain RNN"
                    : "a recurrent module of " + rows + " gate rows for " + hidden + " units";
        throw new UnsupportedModelException(
            where,
            kind + " (weight_hh_l" + l + " " + Arrays.toString(wh.shape()) + ")",
            "only LSTMs (4H gate rows) can be imported");
      }
      boolean biased = p.containsKey("bias_ih_l" + l);
      double[] bih = biased ? p.get("bias_ih_l" + l).values() : new double[rows];
      double[] bhh = biased ? require(where, p, "bias_hh_l" + l).values() : new double[rows];
      layers.add(
          PyTorchLayout.toCanonical(new PyTorchLayout.Layer(wi.matrix(), wh.matrix(), bih, bhh)));
    }
    if (layers.isEmpty()) {
      throw new InvalidInputException(where + " has no weight_ih_l0");
    }
    return layers;
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
