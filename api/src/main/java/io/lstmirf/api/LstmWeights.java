package io.lstmirf.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.DoubleUnaryOperator;

/**
 * Every weight of a recurrent model: stacked {@link LayerWeights} (layer 0 reads the inputs, layer
 * l+1 reads layer l's output: its hidden state, or both directions' for a bidirectional layer) and
 * an optional {@link HeadWeights} on the top layer's output. Layers may be canonical LSTMs, LSTMs
 * with peepholes or GRUs, forward or bidirectional ({@link LayerKind}); all have the same H. This
 * is the one layout every backend converts from and back to. Immutable; shapes are checked on
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
        throw new InvalidInputException(
            "layers["
                + l
                + "] has hidden size "
                + lw.hiddenSize()
                + "; every layer must have the hidden size of layers[0], "
                + h);
      }
      int below = this.layers.get(l - 1).outputSize();
      if (lw.inputSize() != below) {
        throw new InvalidInputException(
            "layers["
                + l
                + "].weightIh has shape "
                + lw.weightIh().shape()
                + "; expected "
                + lw.weightIh().rows()
                + "x"
                + below
                + " ("
                + lw.cell().gates()
                + "H x "
                + (below == h ? "H" : "2H")
                + ": a stacked layer reads the output of the layer below)");
      }
    }
    int top = this.layers.get(this.layers.size() - 1).outputSize();
    if (head != null && head.hiddenSize() != top) {
      throw new InvalidInputException(
          "head.weight has shape "
              + head.weight().shape()
              + "; expected "
              + head.outputSize()
              + "x"
              + top
              + " (O x "
              + (top == h ? "H" : "2H")
              + ", H = "
              + h
              + ")");
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
    return new LstmSpec(
        first.inputSize(),
        first.hiddenSize(),
        layers.size(),
        head == null ? OptionalInt.empty() : OptionalInt.of(head.outputSize()),
        layers.stream().map(LayerWeights::kind).toList());
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

  /**
   * A copy of the forget-gate bias of LSTM layer {@code layer}: {@code [H]}, or {@code [2H]}
   * (forward then backward) for a bidirectional layer. A GRU layer has none: see {@link
   * #memoryGateBias(int)}.
   */
  public double[] forgetBias(int layer) {
    return layer(layer).forgetBias();
  }

  /** These weights with the forget-gate bias of one LSTM layer replaced. */
  public LstmWeights withForgetBias(int layer, double[] forgetBias) {
    return withLayer(layer, layer(layer).withForgetBias(forgetBias));
  }

  /**
   * These weights with every unit's forget-gate bias, in every layer, set to {@code value}.
   *
   * @throws InvalidInputException if a layer is a GRU, which has no forget gate
   */
  public LstmWeights withForgetBias(double value) {
    for (LayerWeights lw : layers) {
      lw.forgetBias(); // refuses a GRU layer by name
    }
    return withMemoryGateBias(value);
  }

  /**
   * A copy of the memory gate's bias of {@code layer} ({@link CellKind}: b_f of an LSTM, b_z of a
   * GRU), {@code [directions * H]}.
   */
  public double[] memoryGateBias(int layer) {
    return layer(layer).memoryGateBias();
  }

  /** These weights with the memory gate's bias of one layer replaced. */
  public LstmWeights withMemoryGateBias(int layer, double[] memoryBias) {
    return withLayer(layer, layer(layer).withMemoryGateBias(memoryBias));
  }

  /** These weights with every unit's memory-gate bias, in every layer, set to {@code value}. */
  public LstmWeights withMemoryGateBias(double value) {
    List<LayerWeights> out = new ArrayList<>(layers.size());
    for (LayerWeights lw : layers) {
      double[] b = new double[lw.outputSize()];
      Arrays.fill(b, value);
      out.add(lw.withMemoryGateBias(b));
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
        throw new InvalidInputException(
            "layers[" + l + "]." + at + " is not a finite number; weights must be finite");
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
        throw new InvalidInputException(
            precision.rangeError("layers[" + l + "]." + at, layers.get(l).valueAt(at)));
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
      mapped.add(l.map(f));
    }
    return new LstmWeights(
        mapped,
        head == null
            ? null
            : new HeadWeights(head.weight().map(f), Arrays.stream(head.bias()).map(f).toArray()));
  }

  /**
   * The weights an engine computing in {@code precision} holds: every entry rounded to the nearest
   * float in float32, unchanged in float64.
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
      throw new InvalidInputException(
          "layer "
              + index
              + " does not exist: the model has "
              + layers.size()
              + " layer(s), 0.."
              + (layers.size() - 1));
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
