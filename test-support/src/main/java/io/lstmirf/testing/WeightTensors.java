package io.lstmirf.testing;

import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Weights as plain numbers, for expected values computed outside any engine: one flat vector, named
 * tensors, entrywise arithmetic and norms. The order is always the canonical one: per layer its
 * {@link LayerWeights#tensors()} ({@code W_ih}, {@code W_hh}, the bias, a GRU's recurrent bias or
 * an LSTM's peepholes, then the backward direction's), then the head's weight and bias.
 */
public final class WeightTensors {
  private WeightTensors() {}

  /**
   * Every tensor, row-major, by name: {@code layers[l].weightIh}, {@code layers[l].weightHh},
   * {@code layers[l].bias} (and {@code layers[l].recurrentBias}, {@code layers[l].peephole}, {@code
   * layers[l].backward.weightIh}, ... where the layer has them), then {@code head.weight} and
   * {@code head.bias}.
   */
  public static Map<String, double[]> byName(LstmWeights w) {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int l = 0; l < w.numLayers(); l++) {
      String prefix = "layers[" + l + "].";
      w.layer(l).tensors().forEach((name, t) -> out.put(prefix + name, t));
    }
    w.head()
        .ifPresent(
            h -> {
              out.put("head.weight", h.weight().toRowMajor());
              out.put("head.bias", h.bias());
            });
    return out;
  }

  /** Every weight in one vector, in the canonical order. */
  public static double[] flatten(LstmWeights w) {
    List<double[]> parts = new ArrayList<>(byName(w).values());
    double[] out = new double[parts.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** The weights of {@code spec} whose entries, in the canonical order, are {@code values}. */
  public static LstmWeights unflatten(LstmSpec spec, double[] values) {
    int[] at = {0};
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      layers.add(
          LayerWeights.fromTensors(
              spec.layerKind(l),
              spec.layerInputSize(l),
              spec.hiddenSize(),
              n -> take(values, at, n)));
    }
    HeadWeights head = null;
    if (spec.hasHead()) {
      int o = spec.headSize().getAsInt();
      int width = spec.outputSize();
      head =
          new HeadWeights(
              Matrix.ofRowMajor(o, width, take(values, at, o * width)), take(values, at, o));
    }
    if (at[0] != values.length) {
      throw new IllegalArgumentException(
          values.length + " values for " + spec + ", which has " + at[0]);
    }
    return new LstmWeights(layers, head);
  }

  /** Weights shaped like {@code w} whose every entry is {@code f(entry)}. */
  public static LstmWeights map(LstmWeights w, DoubleUnaryOperator f) {
    return unflatten(w.spec(), Arrays.stream(flatten(w)).map(f).toArray());
  }

  /** Weights shaped like {@code a} whose every entry is {@code f(a's entry, b's entry)}. */
  public static LstmWeights combine(LstmWeights a, LstmWeights b, DoubleBinaryOperator f) {
    if (!a.spec().equals(b.spec())) {
      throw new IllegalArgumentException("architectures differ: " + a.spec() + " vs " + b.spec());
    }
    double[] x = flatten(a);
    double[] y = flatten(b);
    double[] z = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      z[i] = f.applyAsDouble(x[i], y[i]);
    }
    return unflatten(a.spec(), z);
  }

  /** Every weight rounded to the nearest float and widened back: what a float32 engine holds. */
  public static LstmWeights roundedToFloat(LstmWeights w) {
    return map(w, v -> (float) v);
  }

  /**
   * The weights an engine computing in {@code precision} holds: rounded to float in float32,
   * unchanged in float64.
   */
  public static LstmWeights heldIn(Precision precision, LstmWeights w) {
    return precision == Precision.FLOAT32 ? roundedToFloat(w) : w;
  }

  /** The global L2 norm over every weight, the quantity gradient clipping bounds. */
  public static double norm(LstmWeights w) {
    double s = 0;
    for (double v : flatten(w)) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /** The largest absolute entry over every weight. */
  public static double maxAbs(LstmWeights w) {
    return maxAbs(flatten(w));
  }

  /** The largest absolute entry of one tensor. */
  public static double maxAbs(double[] tensor) {
    double m = 0;
    for (double v : tensor) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  private static double[] take(double[] values, int[] at, int n) {
    double[] out = Arrays.copyOfRange(values, at[0], at[0] + n);
    at[0] += n;
    return out;
  }
}
