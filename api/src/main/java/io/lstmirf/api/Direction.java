package io.lstmirf.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which way a layer reads its input sequence. A bidirectional layer runs two cells with their own
 * weights, one from the first step on and one from the last step back, and outputs their hidden
 * states concatenated, forward then backward ({@code [2H]} per step), as PyTorch and ONNX do. It
 * needs the whole sequence, so it cannot be stepped.
 */
public enum Direction {
  /** From the first step to the last: causal, can be stepped. */
  FORWARD("forward", 1),
  /** Both ways: outputs {@code [h_forward, h_backward]}, states per direction. */
  BIDIRECTIONAL("bidirectional", 2);

  private final String id;
  private final int count;

  Direction(String id, int count) {
    this.id = id;
    this.count = count;
  }

  /** {@code forward} or {@code bidirectional}, as in the JSON model format. */
  public String id() {
    return id;
  }

  /** Cells per layer, each with its own weights and state: 1 or 2. */
  public int count() {
    return count;
  }

  /** The direction named {@code id} (any case). */
  public static Direction parse(String id) {
    for (Direction d : values()) {
      if (d.id.equals(id.toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    throw new InvalidInputException(
        "unknown direction '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(Direction::id).collect(Collectors.joining(", ")));
  }
}
