package io.lstmirf.api;

import java.util.Arrays;

/**
 * The recurrent state of every layer: hidden {@code h [S][B][H]} and cell {@code c [S][B][H]}, one
 * slot per layer and direction ({@link LstmSpec#stateSlot}: {@code S = L} unless a layer is
 * bidirectional, whose forward then backward states take two slots, as PyTorch's {@code h_n}). A
 * backward direction's final state is the one after it has read the first step. A GRU has no cell
 * state: its slots of {@code c} are zeros. Immutable: arrays are copied in and out. A state an
 * engine returns may hold non-finite values where its computation overflowed (they are results,
 * reported as such); a state passed into a model is checked there to be finite and within the
 * model's precision ({@link InputChecks#state}).
 *
 * @param h hidden state per slot, batch row and unit
 * @param c cell state per slot, batch row and unit (zeros for GRU slots)
 */
public record LstmState(double[][][] h, double[][][] c) {

  public LstmState {
    h = checkedCopy("h", h);
    c = checkedCopy("c", c);
    if (h.length != c.length || h[0].length != c[0].length || h[0][0].length != c[0][0].length) {
      throw new InvalidInputException(
          "state h has shape "
              + shape(h)
              + " but c has shape "
              + shape(c)
              + "; both must be [layers][batch][hidden]");
    }
  }

  /** The zero state. */
  public static LstmState zeros(int numLayers, int batchSize, int hiddenSize) {
    return new LstmState(
        new double[numLayers][batchSize][hiddenSize], new double[numLayers][batchSize][hiddenSize]);
  }

  /** The zero state for a model of this architecture and a batch of {@code batchSize}. */
  public static LstmState zeros(LstmSpec spec, int batchSize) {
    return zeros(spec.stateSlots(), batchSize, spec.hiddenSize());
  }

  /**
   * Builds a state from flat row-major {@code [L*B*H]} buffers of floats, as engines hand them out.
   * Values are widened exactly.
   */
  public static LstmState ofFlat(
      int numLayers, int batchSize, int hiddenSize, float[] h, float[] c) {
    return new LstmState(
        FlatArrays.unflatten(h, numLayers, batchSize, hiddenSize),
        FlatArrays.unflatten(c, numLayers, batchSize, hiddenSize));
  }

  /** As {@link #ofFlat(int, int, int, float[], float[])} for doubles. */
  public static LstmState ofFlat(
      int numLayers, int batchSize, int hiddenSize, double[] h, double[] c) {
    return new LstmState(
        FlatArrays.unflatten(h, numLayers, batchSize, hiddenSize),
        FlatArrays.unflatten(c, numLayers, batchSize, hiddenSize));
  }

  @Override
  public double[][][] h() {
    return FlatArrays.copy(h);
  }

  @Override
  public double[][][] c() {
    return FlatArrays.copy(c);
  }

  /** The state of batch rows {@code [from, to)} in every layer. */
  public LstmState rows(int from, int to) {
    if (from < 0 || to > batchSize() || from >= to) {
      throw new InvalidInputException(
          "rows [" + from + ", " + to + ") are not within the batch" + " of " + batchSize());
    }
    double[][][] hr = new double[h.length][][];
    double[][][] cr = new double[c.length][][];
    for (int l = 0; l < h.length; l++) {
      hr[l] = Arrays.copyOfRange(h[l], from, to);
      cr[l] = Arrays.copyOfRange(c[l], from, to);
    }
    return new LstmState(hr, cr);
  }

  /** Hidden state as a flat row-major {@code [L*B*H]} array. */
  public double[] hFlat() {
    return FlatArrays.flatten(h);
  }

  /** Cell state as a flat row-major {@code [L*B*H]} array. */
  public double[] cFlat() {
    return FlatArrays.flatten(c);
  }

  /** State slots {@code S}: the layers, bidirectional ones counted twice. */
  public int numLayers() {
    return h.length;
  }

  public int batchSize() {
    return h[0].length;
  }

  public int hiddenSize() {
    return h[0][0].length;
  }

  /**
   * Throws unless this state fits a model of {@code spec} and a batch of {@code batchSize}: {@code
   * [S][B][H]}, and zero cell states in the slots of GRU layers, which have none.
   */
  public LstmState requireShape(LstmSpec spec, int batchSize) {
    if (numLayers() != spec.stateSlots()
        || batchSize() != batchSize
        || hiddenSize() != spec.hiddenSize()) {
      throw new InvalidInputException(
          "state has shape "
              + shape(h)
              + "; expected ["
              + spec.stateSlots()
              + "]["
              + batchSize
              + "]["
              + spec.hiddenSize()
              + "] ("
              + (spec.stateSlots() == spec.numLayers() ? "[layers]" : "[layers x directions]")
              + "[batch][hidden])");
    }
    for (int l = 0; l < spec.numLayers(); l++) {
      if (spec.layerKind(l).cell().hasCellState()) {
        continue;
      }
      for (int d = 0; d < spec.layerKind(l).directions(); d++) {
        int slot = spec.stateSlot(l, d);
        for (double[] row : c[slot]) {
          for (double v : row) {
            if (v != 0) {
              throw new InvalidInputException(
                  "state c["
                      + slot
                      + "] is not zero, but layer "
                      + l
                      + " is a GRU, which has no cell state; give zeros there");
            }
          }
        }
      }
    }
    return this;
  }

  /** Largest absolute difference to a state of the same shape. */
  public double maxAbsDifference(LstmState other) {
    return Math.max(
        FlatArrays.maxAbsDifference(h, other.h), FlatArrays.maxAbsDifference(c, other.c));
  }

  private static double[][][] checkedCopy(String name, double[][][] a) {
    if (a == null
        || a.length == 0
        || a[0] == null
        || a[0].length == 0
        || a[0][0] == null
        || a[0][0].length == 0) {
      throw new InvalidInputException(
          "state " + name + " is missing or empty; expected " + "[layers][batch][hidden]");
    }
    FlatArrays.requireBox("state " + name, a, a.length, a[0].length, a[0][0].length);
    return FlatArrays.copy(a);
  }

  private static String shape(double[][][] a) {
    return "[" + a.length + "][" + a[0].length + "][" + a[0][0].length + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LstmState s && Arrays.deepEquals(s.h, h) && Arrays.deepEquals(s.c, c);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.deepHashCode(h) + Arrays.deepHashCode(c);
  }

  @Override
  public String toString() {
    return "LstmState" + shape(h);
  }
}
