package io.lstmirf.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one layer of a model is: its cell, whether an LSTM has peepholes, and its direction. {@link
 * #LSTM} (one direction, no peepholes) is the canonical LSTM every model had before variants, and
 * the default.
 *
 * @param cell LSTM or GRU
 * @param peepholes whether an LSTM's gates see the cell state (never for a GRU)
 * @param direction forward, or bidirectional
 */
public record LayerKind(CellKind cell, boolean peepholes, Direction direction) {
  /** The canonical LSTM: one direction, no peepholes. */
  public static final LayerKind LSTM = new LayerKind(CellKind.LSTM, false, Direction.FORWARD);

  /** A GRU read forward. */
  public static final LayerKind GRU = new LayerKind(CellKind.GRU, false, Direction.FORWARD);

  public LayerKind {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(direction, "direction");
    if (peepholes && cell != CellKind.LSTM) {
      throw new InvalidInputException(
          "peepholes are an LSTM option; a " + cell.id() + " layer has none");
    }
  }

  /** The same layer read both ways. */
  public LayerKind bidirectional() {
    return new LayerKind(cell, peepholes, Direction.BIDIRECTIONAL);
  }

  /** The same layer read forward only. */
  public LayerKind forwardOnly() {
    return new LayerKind(cell, peepholes, Direction.FORWARD);
  }

  /** The same LSTM layer with peepholes. */
  public LayerKind withPeepholes() {
    return new LayerKind(cell, true, direction);
  }

  /** Cells in the layer, each with its own weights and state slot: 1 or 2. */
  public int directions() {
    return direction.count();
  }

  /** Whether this is the canonical LSTM. */
  public boolean isCanonical() {
    return equals(LSTM);
  }

  /** Whether the layer can be stepped: it reads forward only. */
  public boolean isCausal() {
    return direction == Direction.FORWARD;
  }

  /** What a backend must implement to run this layer; empty for the canonical LSTM. */
  public Set<Feature> features() {
    Set<Feature> f = EnumSet.noneOf(Feature.class);
    if (cell == CellKind.GRU) {
      f.add(Feature.GRU);
    }
    if (peepholes) {
      f.add(Feature.PEEPHOLES);
    }
    if (direction == Direction.BIDIRECTIONAL) {
      f.add(Feature.BIDIRECTIONAL);
    }
    return f;
  }

  /** {@code lstm}, {@code gru}, {@code lstm+peepholes}, {@code gru/bidirectional}, ... */
  @Override
  public String toString() {
    return cell.id()
        + (peepholes ? "+peepholes" : "")
        + (direction == Direction.FORWARD ? "" : "/" + direction.id());
  }
}
