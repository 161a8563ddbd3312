package io.lstmirf.backend.reference;

import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every weight of a model as one flat row-major array per tensor: per layer {@code W_ih [4H x in]},
 * {@code W_hh [4H x H]}, {@code b [4H]}, then the head's {@code W [O x H]} and {@code b [O]}. A
 * model's live weights, their gradients and Adam's moments all take this shape, so updates and
 * clipping walk them alike through {@link #tensors()}. Mutable: the arrays are shared on purpose.
 */
final class ReferenceParameters {
  final LstmSpec spec;
  final double[][] weightIh;
  final double[][] weightHh;
  final double[][] bias;
  /** {@code [O x H]}, or null without a head. */
  final double[] headWeight;
  /** {@code [O]}, or null without a head. */
  final double[] headBias;
  private final double[][] tensors;

  private ReferenceParameters(LstmSpec spec, double[][] weightIh, double[][] weightHh, double[][] bias,
      double[] headWeight, double[] headBias) {
    this.spec = spec;
    this.weightIh = weightIh;
    this.weightHh = weightHh;
    this.bias = bias;
    this.headWeight = headWeight;
    this.headBias = headBias;
    List<double[]> all = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      all.add(weightIh[l]);
      all.add(weightHh[l]);
      all.add(bias[l]);
    }
    if (headWeight != null) {
      all.add(headWeight);
      all.add(headBias);
    }
    tensors = all.toArray(new double[0][]);
  }

  /** A copy of {@code weights}. */
  static ReferenceParameters of(LstmWeights weights) {
    LstmSpec spec = weights.spec();
    int layers = spec.numLayers();
    double[][] wIh = new double[layers][];
    double[][] wHh = new double[layers][];
    double[][] b = new double[layers][];
    for (int l = 0; l < layers; l++) {
      LayerWeights lw = weights.layer(l);
      wIh[l] = lw.weightIh().toRowMajor();
      wHh[l] = lw.weightHh().toRowMajor();
      b[l] = lw.bias();
    }
    HeadWeights head = weights.head().orElse(null);
    return new ReferenceParameters(spec, wIh, wHh, b, head == null ? null : head.weight().toRowMajor(),
        head == null ? null : head.bias());
  }

  /** Zeros shaped like a model of {@code spec}. */
  static ReferenceParameters zeros(LstmSpec spec) {
    int layers = spec.numLayers();
    int fourH = 4 * spec.hiddenSize();
    double[][] wIh = new double[layers][];
    double[][] wHh = new double[layers][];
    double[][] b = new double[layers][fourH];
    for (int l = 0; l < layers; l++) {
      wIh[l] = new double[fourH * spec.layerInputSize(l)];
      wHh[l] = new double[fourH * spec.hiddenSize()];
    }
    int o = spec.hasHead() ? spec.headSize().getAsInt() : 0;
    return new ReferenceParameters(spec, wIh, wHh, b,
        o == 0 ? null : new double[o * spec.hiddenSize()], o == 0 ? null : new double[o]);
  }

  /** Every tensor, in the order of the class comment; the arrays themselves, not copies. */
  double[][] tensors() {
    return tensors;
  }

  /** A copy in the API's canonical form. */
  LstmWeights toWeights() {
    int h = spec.hiddenSize();
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      layers.add(new LayerWeights(Matrix.ofRowMajor(4 * h, spec.layerInputSize(l), weightIh[l]),
          Matrix.ofRowMajor(4 * h, h, weightHh[l]), bias[l]));
    }
    HeadWeights head = headWeight == null ? null
        : new HeadWeights(Matrix.ofRowMajor(headBias.length, h, headWeight), headBias);
    return new LstmWeights(layers, head);
  }

  void clear() {
    for (double[] t : tensors) {
      Arrays.fill(t, 0);
    }
  }

  /** The Euclidean norm of all entries together. */
  double globalNorm() {
    double sum = 0;
    for (double[] t : tensors) {
      for (double v : t) {
        sum += v * v;
      }
    }
    return Math.sqrt(sum);
  }

  void scale(double factor) {
    for (double[] t : tensors) {
      for (int k = 0; k < t.length; k++) {
        t[k] *= factor;
      }
    }
  }
}
