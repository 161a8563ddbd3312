package io.lstmirf.backend.reference;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Every weight of a model as one flat row-major array per tensor: per state slot (layer and
 * direction, {@link LstmSpec#stateSlot}) a {@link Slot}, then the head's {@code W [O x out]} and
 * {@code b [O]}. A model's live weights, their gradients and Adam's moments all take this shape, so
 * updates and clipping walk them alike through {@link #tensors()}, in the canonical order of {@link
 * LayerWeights#tensors()}. Mutable: the arrays are shared on purpose.
 */
final class ReferenceParameters {
  final LstmSpec spec;
  final Slot[] slots;

  /** {@code [O x out]}, or null without a head. */
  final double[] headWeight;

  /** {@code [O]}, or null without a head. */
  final double[] headBias;

  private final double[][] tensors;

  /**
   * One direction of one layer: {@code W_ih [G*H x in]}, {@code W_hh [G*H x H]}, {@code b [G*H]}, a
   * GRU's {@code b_hn [H]} and an LSTM's peepholes {@code [3H]} (null when the layer has none).
   */
  static final class Slot {
    final LayerKind kind;
    final int layer;
    final int direction;
    final int inputSize;
    final double[] weightIh;
    final double[] weightHh;
    final double[] bias;
    final double[] recurrentBias;
    final double[] peephole;

    private Slot(
        LayerKind kind, int layer, int direction, int inputSize, Iterator<double[]> tensors) {
      this.kind = kind;
      this.layer = layer;
      this.direction = direction;
      this.inputSize = inputSize;
      weightIh = tensors.next();
      weightHh = tensors.next();
      bias = tensors.next();
      recurrentBias = kind.cell() == CellKind.GRU ? tensors.next() : null;
      peephole = kind.peepholes() ? tensors.next() : null;
    }

    /** The rows of the gate blocks, {@code G*H}. */
    int gateRows() {
      return weightHh.length / hidden();
    }

    int hidden() {
      return bias.length / kind.cell().gates();
    }

    private void addTo(List<double[]> all) {
      all.add(weightIh);
      all.add(weightHh);
      all.add(bias);
      if (recurrentBias != null) {
        all.add(recurrentBias);
      }
      if (peephole != null) {
        all.add(peephole);
      }
    }
  }

  private ReferenceParameters(LstmSpec spec, Iterator<double[]> tensorsInOrder) {
    this.spec = spec;
    slots = new Slot[spec.stateSlots()];
    for (int l = 0; l < spec.numLayers(); l++) {
      for (int d = 0; d < spec.layerKind(l).directions(); d++) {
        slots[spec.stateSlot(l, d)] =
            new Slot(spec.layerKind(l), l, d, spec.layerInputSize(l), tensorsInOrder);
      }
    }
    headWeight = spec.hasHead() ? tensorsInOrder.next() : null;
    headBias = spec.hasHead() ? tensorsInOrder.next() : null;
    List<double[]> all = new ArrayList<>();
    for (Slot s : slots) {
      s.addTo(all);
    }
    if (headWeight != null) {
      all.add(headWeight);
      all.add(headBias);
    }
    tensors = all.toArray(new double[0][]);
  }

  /** A copy of {@code weights}. */
  static ReferenceParameters of(LstmWeights weights) {
    List<double[]> all = new ArrayList<>();
    for (LayerWeights lw : weights.layers()) {
      all.addAll(lw.tensors().values());
    }
    weights
        .head()
        .ifPresent(
            h -> {
              all.add(h.weight().toRowMajor());
              all.add(h.bias());
            });
    return new ReferenceParameters(weights.spec(), all.iterator());
  }

  /**
   * Zeros shaped like a model of {@code spec}: the tensors {@link LayerWeights#fromTensors} asks
   * for, in its order, so the shapes are the api's.
   */
  static ReferenceParameters zeros(LstmSpec spec) {
    List<double[]> all = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      LayerWeights.fromTensors(
          spec.layerKind(l),
          spec.layerInputSize(l),
          spec.hiddenSize(),
          n -> {
            double[] zero = new double[n];
            all.add(zero);
            return zero;
          });
    }
    if (spec.hasHead()) {
      all.add(new double[spec.headSize().getAsInt() * spec.outputSize()]);
      all.add(new double[spec.headSize().getAsInt()]);
    }
    return new ReferenceParameters(spec, all.iterator());
  }

  /** The slot of layer {@code layer}, direction {@code direction}. */
  Slot slot(int layer, int direction) {
    return slots[spec.stateSlot(layer, direction)];
  }

  /** Every tensor, in the order of the class comment; the arrays themselves, not copies. */
  double[][] tensors() {
    return tensors;
  }

  /** A copy in the API's canonical form. */
  LstmWeights toWeights() {
    Iterator<double[]> copies = Arrays.stream(tensors).map(double[]::clone).iterator();
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      layers.add(
          LayerWeights.fromTensors(
              spec.layerKind(l), spec.layerInputSize(l), spec.hiddenSize(), n -> copies.next()));
    }
    HeadWeights head =
        headWeight == null
            ? null
            : new HeadWeights(
                Matrix.ofRowMajor(headBias.length, spec.outputSize(), copies.next()),
                copies.next());
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
