package io.lstmirf.api.init;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.Gate;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded weight initialisation: the same spec, scheme, bias rule and seed give the same weights on
 * every machine and JVM. Per layer and direction (forward first), {@code W_ih} then {@code W_hh}
 * are drawn; the bias rule sets the memory gate's bias ({@link CellKind}: b_f of an LSTM, b_z of a
 * GRU); a GRU's recurrent bias {@code b_hn} and an LSTM's peepholes start at 0. Head biases start
 * at 0. Canonical LSTMs draw exactly as before variants existed.
 */
public final class Initializer {
  private Initializer() {}

  /** Draws weights for {@code spec}. */
  public static LstmWeights initialize(
      LstmSpec spec, WeightScheme scheme, BiasInit biasInit, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int h = spec.hiddenSize();
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      LayerKind kind = spec.layerKind(l);
      LayerWeights layer = direction(kind, spec.layerInputSize(l), h, scheme, biasInit, random);
      if (kind.directions() == 2) {
        layer =
            layer.bidirectional(
                direction(kind, spec.layerInputSize(l), h, scheme, biasInit, random));
      }
      layers.add(layer);
    }
    HeadWeights head = null;
    if (spec.hasHead()) {
      int o = spec.headSize().getAsInt();
      int top = spec.outputSize();
      head = new HeadWeights(draw(random, o, top, limit(scheme, h, top, o)), new double[o]);
    }
    return new LstmWeights(layers, head);
  }

  private static LayerWeights direction(
      LayerKind kind,
      int in,
      int h,
      WeightScheme scheme,
      BiasInit biasInit,
      SplittableRandom random) {
    int rows = kind.cell().gates() * h;
    Matrix wIh = draw(random, rows, in, limit(scheme, h, in, rows));
    Matrix wHh = draw(random, rows, h, limit(scheme, h, h, rows));
    double[] bias = biases(biasInit, kind.cell(), h, random);
    return kind.cell() == CellKind.GRU
        ? LayerWeights.gru(wIh, wHh, bias, new double[h])
        : LayerWeights.lstm(wIh, wHh, bias, kind.peepholes() ? new double[3 * h] : null);
  }

  /**
   * Xavier weights with every memory-gate bias (b_f of an LSTM, b_z of a GRU) {@code forgetBias}
   * and other biases 0.
   */
  public static LstmWeights xavier(LstmSpec spec, double forgetBias, long seed) {
    return initialize(spec, WeightScheme.XAVIER, new BiasInit.ForgetBias(forgetBias), seed);
  }

  private static double limit(WeightScheme scheme, int hidden, int fanIn, int fanOut) {
    return scheme == WeightScheme.UNIFORM
        ? 1.0 / Math.sqrt(hidden)
        : Math.sqrt(6.0 / (fanIn + fanOut));
  }

  private static Matrix draw(SplittableRandom random, int rows, int cols, double limit) {
    double[] d = new double[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (2 * random.nextDouble() - 1) * limit;
    }
    return Matrix.ofRowMajor(rows, cols, d);
  }

  /**
   * The bias of one direction: the rule's value in the memory-gate block (block 1 for both cells);
   * chrono also sets an LSTM's input-gate bias to {@code -b_f}, which a GRU, whose update gate also
   * admits the candidate, has no counterpart of.
   */
  private static double[] biases(BiasInit init, CellKind cell, int h, SplittableRandom random) {
    double[] b = new double[cell.gates() * h];
    int f = cell.memoryGateBlock() * h;
    int i = Gate.INPUT.offset(h);
    if (init instanceof BiasInit.ForgetBias fb) {
      java.util.Arrays.fill(b, f, f + h, fb.value());
    } else if (init instanceof BiasInit.Chrono chrono) {
      for (int k = 0; k < h; k++) {
        double bf = Math.log(1 + random.nextDouble() * (chrono.maxTimeScale() - 2));
        b[f + k] = bf;
        if (cell == CellKind.LSTM) {
          b[i + k] = -bf;
        }
      }
    }
    return b;
  }
}
