package io.lstmirf.api;

import java.util.OptionalInt;

/**
 * The architecture of a canonical LSTM: {@code numLayers} stacked layers of {@code hiddenSize}
 * units on {@code inputSize} inputs, and optionally a dense head of {@code headSize} outputs on
 * the top layer's hidden state.
 *
 * @param inputSize features per time step (I), at least 1
 * @param hiddenSize units per layer (H), at least 1
 * @param numLayers stacked layers (L), at least 1
 * @param headSize outputs of the dense head (O), empty when there is no head
 */
public record LstmSpec(int inputSize, int hiddenSize, int numLayers, OptionalInt headSize) {

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
  }

  /** A model without a dense head. */
  public static LstmSpec of(int inputSize, int hiddenSize, int numLayers) {
    return new LstmSpec(inputSize, hiddenSize, numLayers, OptionalInt.empty());
  }

  /** A model with a dense head of {@code headSize} outputs. */
  public static LstmSpec withHead(int inputSize, int hiddenSize, int numLayers, int headSize) {
    return new LstmSpec(inputSize, hiddenSize, numLayers, OptionalInt.of(headSize));
  }

  public boolean hasHead() {
    return headSize.isPresent();
  }

  /** Channels an impulse response is measured on: head outputs if there is a head, else H. */
  public int responseSize() {
    return headSize.orElse(hiddenSize);
  }

  /** Input size of layer {@code layer}: I for the first, H above it. */
  public int layerInputSize(int layer) {
    return layer == 0 ? inputSize : hiddenSize;
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new InvalidInputException(name + " must be at least 1, got " + value);
    }
  }
}
