package io.lstmirf.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The architecture of a recurrent model: {@code numLayers} stacked layers of {@code hiddenSize}
 * units on {@code inputSize} inputs, each of a {@link LayerKind} (the canonical LSTM unless said
 * otherwise), and optionally a dense head of {@code headSize} outputs on the top layer's output.
 *
 * <p>A layer outputs {@code directions * H} values per step ({@link #layerOutputSize}): a
 * bidirectional layer's forward then backward hidden states. The layer above reads them, and the
 * head reads the top layer's. States have one slot per layer and direction ({@link #stateSlots()},
 * slot {@link #stateSlot(int, int)}), as PyTorch's {@code h_n}.
 *
 * @param inputSize features per time step (I), at least 1
 * @param hiddenSize units per layer and direction (H), at least 1
 * @param numLayers stacked layers (L), at least 1
 * @param headSize outputs of the dense head (O), empty when there is no head
 * @param layerKinds one kind per layer, input layer first; null means canonical LSTMs
 */
public record LstmSpec(
    int inputSize,
    int hiddenSize,
    int numLayers,
    OptionalInt headSize,
    List<LayerKind> layerKinds) {

  public LstmSpec {
    requirePositive("inputSize", inputSize);
    requirePositive("hiddenSize", hiddenSize);
    requirePositive("numLayers", numLayers);
    if (headSize == null) {
      headSize = OptionalInt.empty();
    }
    if (headSize.isPresent()) {
      requirePositive("headSize", headSize.getAsInt());
    }
    layerKinds =
        layerKinds == null
            ? Collections.nCopies(numLayers, LayerKind.LSTM)
            : List.copyOf(layerKinds);
    if (layerKinds.size() != numLayers) {
      throw new InvalidInputException(
          "layerKinds has "
              + layerKinds.size()
              + " entries; expected"
              + " one per layer ("
              + numLayers
              + ")");
    }
  }

  /** Canonical LSTM layers. */
  public LstmSpec(int inputSize, int hiddenSize, int numLayers, OptionalInt headSize) {
    this(inputSize, hiddenSize, numLayers, headSize, null);
  }

  /** A model of canonical LSTM layers without a dense head. */
  public static LstmSpec of(int inputSize, int hiddenSize, int numLayers) {
    return new LstmSpec(inputSize, hiddenSize, numLayers, OptionalInt.empty());
  }

  /** A model of canonical LSTM layers with a dense head of {@code headSize} outputs. */
  public static LstmSpec withHead(int inputSize, int hiddenSize, int numLayers, int headSize) {
    return new LstmSpec(inputSize, hiddenSize, numLayers, OptionalInt.of(headSize));
  }

  /** This architecture with every layer of {@code kind}. */
  public LstmSpec withKind(LayerKind kind) {
    return withLayerKinds(Collections.nCopies(numLayers, kind));
  }

  /** This architecture with these layer kinds, one per layer. */
  public LstmSpec withLayerKinds(List<LayerKind> kinds) {
    return new LstmSpec(inputSize, hiddenSize, numLayers, headSize, kinds);
  }

  public boolean hasHead() {
    return headSize.isPresent();
  }

  /** The kind of layer {@code layer}. */
  public LayerKind layerKind(int layer) {
    return layerKinds.get(layer);
  }

  /** Values layer {@code layer} outputs per step: {@code directions * H}. */
  public int layerOutputSize(int layer) {
    return layerKinds.get(layer).directions() * hiddenSize;
  }

  /**
   * Input size of layer {@code layer}: I for the first, the output size of the one below above it.
   */
  public int layerInputSize(int layer) {
    return layer == 0 ? inputSize : layerOutputSize(layer - 1);
  }

  /** What the top layer outputs per step, the width of {@link ForwardResult#hidden()}. */
  public int outputSize() {
    return layerOutputSize(numLayers - 1);
  }

  /**
   * Channels an impulse response is measured on: head outputs if there is a head, else the top
   * layer's outputs.
   */
  public int responseSize() {
    return headSize.orElse(outputSize());
  }

  /** State slots: one per layer and direction, the first dimension of {@link LstmState}. */
  public int stateSlots() {
    int slots = 0;
    for (LayerKind k : layerKinds) {
      slots += k.directions();
    }
    return slots;
  }

  /** The state slot of layer {@code layer}, direction {@code direction} (0 forward, 1 backward). */
  public int stateSlot(int layer, int direction) {
    int slot = 0;
    for (int l = 0; l < layer; l++) {
      slot += layerKinds.get(l).directions();
    }
    return slot + direction;
  }

  /** Whether every layer is the canonical LSTM. */
  public boolean isCanonical() {
    return layerKinds.stream().allMatch(LayerKind::isCanonical);
  }

  /** Whether the model can be stepped: no layer is bidirectional. */
  public boolean isCausal() {
    return layerKinds.stream().allMatch(LayerKind::isCausal);
  }

  /** What a backend must implement to build this model; empty for canonical LSTMs. */
  public Set<Feature> features() {
    Set<Feature> f = EnumSet.noneOf(Feature.class);
    layerKinds.forEach(k -> f.addAll(k.features()));
    return f;
  }

  /** The first layer that needs {@code feature}, or -1. */
  public int firstLayerNeeding(Feature feature) {
    for (int l = 0; l < numLayers; l++) {
      if (layerKinds.get(l).features().contains(feature)) {
        return l;
      }
    }
    return -1;
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new InvalidInputException(name + " must be at least 1, got " + value);
    }
  }
}
