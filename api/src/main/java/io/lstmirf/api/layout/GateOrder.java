package io.lstmirf.api.layout;

import io.lstmirf.api.Gate;
import io.lstmirf.api.Matrix;
import java.util.EnumSet;
import java.util.List;

/**
 * An order of the four gate blocks, as an engine lays them out. Converts row blocks (or, for
 * transposed layouts, column blocks) between the canonical order i, f, g, o and this one.
 *
 * @param gates the gate held by block 0, 1, 2, 3
 */
public record GateOrder(List<Gate> gates) {

  /** i, f, g, o: canonical; PyTorch, DJL, Keras, TF BlockLSTMV2. */
  public static final GateOrder CANONICAL = of(Gate.INPUT, Gate.FORGET, Gate.CELL, Gate.OUTPUT);

  /** i, o, f, c: ONNX. */
  public static final GateOrder ONNX = of(Gate.INPUT, Gate.OUTPUT, Gate.FORGET, Gate.CELL);

  /** g, f, o, i: DL4J (its comments say IFOG, but block 0 is the tanh block). */
  public static final GateOrder DL4J = of(Gate.CELL, Gate.FORGET, Gate.OUTPUT, Gate.INPUT);

  /** i, g, f, o: TF LSTMBlockCell and BlockLSTM v1. */
  public static final GateOrder TF_BLOCK_V1 = of(Gate.INPUT, Gate.CELL, Gate.FORGET, Gate.OUTPUT);

  public GateOrder {
    gates = List.copyOf(gates);
    if (gates.size() != 4 || !EnumSet.copyOf(gates).equals(EnumSet.allOf(Gate.class))) {
      throw new IllegalArgumentException("a gate order names each of the 4 gates once: " + gates);
    }
  }

  public static GateOrder of(Gate... gates) {
    return new GateOrder(List.of(gates));
  }

  /** Canonical row blocks {@code [4H x n]} to this order's row blocks. */
  public Matrix fromCanonicalRows(Matrix canonical) {
    requireFour(canonical.rows());
    return Blocks.rows(canonical, fromCanonical());
  }

  /** This order's row blocks {@code [4H x n]} to canonical row blocks. */
  public Matrix toCanonicalRows(Matrix ordered) {
    requireFour(ordered.rows());
    return Blocks.rows(ordered, Blocks.inverse(fromCanonical()));
  }

  /** A canonical {@code [4H]} vector to this order. */
  public double[] fromCanonical(double[] canonical) {
    requireFour(canonical.length);
    return Blocks.entries(canonical, fromCanonical());
  }

  /** A {@code [4H]} vector in this order to canonical. */
  public double[] toCanonical(double[] ordered) {
    requireFour(ordered.length);
    return Blocks.entries(ordered, Blocks.inverse(fromCanonical()));
  }

  /** Block k of this order is canonical block {@code from[k]}. */
  private int[] fromCanonical() {
    return gates.stream().mapToInt(Gate::ordinal).toArray();
  }

  private static void requireFour(int fourH) {
    if (fourH % 4 != 0 || fourH == 0) {
      throw new IllegalArgumentException(fourH + " is not 4H for any H >= 1");
    }
  }
}
