package io.lstmirf.api.memory;

/**
 * What one whole-sequence call costs an engine in memory, per element it processes, beyond the
 * caller's inputs and the results it hands back. An element is one unit of one layer and direction
 * at one time step of one sequence: a call on {@code B} sequences of {@code T} steps through {@code
 * S} state slots ({@link io.lstmirf.api.LstmSpec#stateSlots()}: layers, a bidirectional one counted
 * twice) of {@code H} units processes {@code B*T*H*S} elements. Each backend measures its own (peak
 * resident memory over a few shapes, fitted per element; see the backend's README) and returns it
 * from {@link io.lstmirf.api.LstmModel#footprint()}.
 *
 * @param nativeBytesPerElement native (off-heap) memory the engine holds during the call: its gate
 *     and state buffers and its copies of inputs and outputs
 * @param heapBytesPerElement Java heap the call needs on top of the result arrays: flat copies
 *     between the engine and the nested arrays, or the whole working memory of a pure-Java engine
 * @param maxTensorBytes the largest single tensor the engine can hand to Java (its hidden sequence
 *     {@code [B][T][H]} is one), or {@link Long#MAX_VALUE} for no limit
 */
public record EngineFootprint(
    double nativeBytesPerElement, double heapBytesPerElement, long maxTensorBytes) {

  /**
   * For a backend that measured nothing: 64 native bytes and 24 heap bytes per element, about twice
   * what the engines here were measured to need in float32 (eight float32 buffers of {@code
   * [B][T][H]}, the four gates, cell, hidden and two copies; a float and a double flat copy on the
   * heap), with no tensor limit.
   */
  public static final EngineFootprint DEFAULT = new EngineFootprint(64, 24, Long.MAX_VALUE);

  public EngineFootprint {
    if (!(nativeBytesPerElement >= 0) || !(heapBytesPerElement >= 0) || maxTensorBytes < 1) {
      throw new IllegalArgumentException(
          "a footprint needs non-negative bytes per element and a" + " positive tensor limit");
    }
  }
}
