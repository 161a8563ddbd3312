package io.lstmirf.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.DoubleUnaryOperator;

/**
 * Every weight of a canonical LSTM: stacked {@link LayerWeights} (layer 0 reads the inputs, layer
 * l+1 reads layer l's hidden state) and an optional {@link HeadWeights} on the top layer. This is
 * the one layout every backend converts from and back to. Immutable; shapes are checked on
 * construction, with messages that name the field and the expected shape.
 */
public final class LstmWeights {
  private final List<LayerWeights> layers;
  private final HeadWeights head;

  /**
   * @param layers at least one layer, all with the same hidden size
   * @param head the dense head, or null for none
   */
  public LstmWeights(List<LayerWeights> layers, HeadWeights head) {
    if (layers == null || layers.isEmpty()) {
      throw new InvalidInputException("layers is empty: a model needs at least one layer");
    }
    this.layers = List.copyOf(layers);
    int h = this.layers.get(0).hiddenSize();
    for (int l = 1; l < this.layers.size(); l++) {
      LayerWeights lw = this.layers.get(l);
      if (lw.hiddenSize() != h) {
        throw new InvalidInputException("layers[" + l + "] has hidden size " + lw.hiddenSize()
            + "; every layer must have the hidden size of layers[0], " + h);
      }
      if (lw.inputSize() != h) {
        throw new InvalidInputException("layers[" + l + "].weightIh has shape "
            + lw.weightIh().shape() + "; expected " + 4 * h + "x" + h
            + " (4H x H: a stacked layer reads the hidden state of the layer below)");
      }
    }
    if (head != null && head.hiddenSize() != h) {
      throw new InvalidInputException("head.weight has shape " + head.weight().shape()
          + "; expected " + head.outputSize() + "x" + h + " (O x H, H = " + h + ")");
    }
    this.head = head;
  }

  /** Weights without a head. */
  public LstmWeights(List<LayerWeights> layers) {
    this(layers, null);
  }

  /** The architecture these weights describe. */
  public LstmSpec spec() {
    LayerWeights first = layers.get(0);
    return new LstmSpec(first.inputSize(), first.hiddenSize(), layers.size(),
        head == null ? OptionalInt.empty() : OptionalInt.of(head.outputSize()));
  }

  public List<LayerWeights> layers() {
    return layers;
  }

  public LayerWeights layer(int index) {
    checkLayer(index);
    return layers.get(index);
  }

  public int numLayers() {
    return layers.size();
  }

  public Optional<HeadWeights> head() {
    return Optional.ofNullable(head);
  }

  /** A copy of the forget-gate bias of {@code layer}, {@code [H]}. */
  public double[] forgetBias(int layer) {
    return layer(layer).forgetBias();
  }

  /** These weights with the forget-gate bias of one layer replaced. */
  public LstmWeights withForgetBias(int layer, double[] forgetBias) {
    return withLayer(layer, layer(layer).withForgetBias(forgetBias));
  }

  /** These weights with every unit's forget-gate bias, in every layer, set to {@code value}. */
  public LstmWeights withForgetBias(double value) {
    double[] fb = new double[layers.get(0).hiddenSize()];
    Arrays.fill(fb, value);
    List<LayerWeights> out = new ArrayList<>(layers.size());
    for (LayerWeights lw : layers) {
      out.add(lw.withForgetBias(fb));
    }
    return new LstmWeights(out, head);
  }

  /** These weights with one layer replaced. */
  public LstmWeights withLayer(int index, LayerWeights layer) {
    checkLayer(index);
    List<LayerWeights> out = new ArrayList<>(layers);
    out.set(index, layer);
    return new LstmWeights(out, head);
  }

  /** These weights with the head replaced (null removes it). */
  public LstmWeights withHead(HeadWeights newHead) {
    return new LstmWeights(layers, newHead);
  }

  /**
   * Checks that every value is finite.
   *
   * @return this
   * @throws InvalidInputException naming the first NaN or infinite value
   */
  public LstmWeights requireFinite() {
    for (int l = 0; l < layers.size(); l++) {
      String at = layers.get(l).firstNonFinite();
      if (at != null) {
        throw new InvalidInputException("layers[" + l + "]." + at
            + " is not a finite number; weights must be finite");
      }
    }
    if (head != null) {
      String at = head.firstNonFinite();
      if (at != null) {
        throw new InvalidInputException(at + " is not a finite number; weights must be finite");
      }
    }
    return this;
  }

  /**
   * Checks that every value is finite and that {@code precision} can hold it: a float32 engine
   * turns a weight beyond float32's range (about 3.4e38) into Infinity and computes NaN or null
   * outputs from it without a word.
   *
   * @return this
   * @throws InvalidInputException naming the first such value by its path in the model file
   */
  public LstmWeights requireRepresentable(Precision precision) {
    requireFinite();
    for (int l = 0; l < layers.size(); l++) {
      String at = layers.get(l).firstNotHeldIn(precision);
      if (at != null) {
        throw new InvalidInputException(precision.rangeError("layers[" + l + "]." + at,
            layers.get(l).valueAt(at)));
      }
    }
    if (head != null) {
      String at = head.firstNotHeldIn(precision);
      if (at != null) {
        throw new InvalidInputException(precision.rangeError(at, head.valueAt(at)));
      }
    }
    return this;
  }

  /** Weights of the same architecture whose every entry is {@code f(entry)}. */
  public LstmWeights map(DoubleUnaryOperator f) {
    List<LayerWeights> mapped = new ArrayList<>(layers.size());
    for (LayerWeights l : layers) {
      mapped.add(new LayerWeights(l.weightIh().map(f), l.weightHh().map(f),
          Arrays.stream(l.bias()).map(f).toArray()));
    }
    return new LstmWeights(mapped, head == null ? null
        : new HeadWeights(head.weight().map(f), Arrays.stream(head.bias()).map(f).toArray()));
  }

  /**
   * The weights an engine computing in {@code precision} holds: every entry rounded to the
   * nearest float in float32, unchanged in float64.
   */
  public LstmWeights heldIn(Precision precision) {
    return precision == Precision.FLOAT64 ? this : map(precision::round);
  }

  /** Largest absolute difference to weights of the same architecture. */
  public double maxAbsDifference(LstmWeights other) {
    if (!spec().equals(other.spec())) {
      throw new InvalidInputException("architectures differ: " + spec() + " vs " + other.spec());
    }
    double m = 0;
    for (int l = 0; l < layers.size(); l++) {
      m = Math.max(m, layers.get(l).maxAbsDifference(other.layers.get(l)));
    }
    if (head != null) {
      m = Math.max(m, head.maxAbsDifference(other.head));
    }
    return m;
  }

  private void checkLayer(int index) {
    if (index < 0 || index >= layers.size()) {
      throw new InvalidInputException("layer " + index + " does not exist: the model has "
          + layers.size() + " layer(s), 0.." + (layers.size() - 1));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LstmWeights w && w.layers.equals(layers) && Objects.equals(w.head, head);
  }

  @Override
  public int hashCode() {
    return Objects.hash(layers, head);
  }

  @Override
  public String toString() {
    return "LstmWeights" + spec();
  }
}
