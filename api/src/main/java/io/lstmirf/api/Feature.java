package io.lstmirf.api;

/**
 * What a backend may implement beyond the canonical LSTM (one direction, no peepholes), declared in
 * its {@link Capabilities}. A model that needs a feature its backend lacks is refused when it is
 * built ({@link LstmSpec#features()}), and a trainer that needs dropout when it is opened, both
 * with an {@link UnsupportedFeatureException} that says "not implemented by backend X".
 */
public enum Feature {
  /** LSTM layers with peepholes ({@link LayerWeights#peephole()}). */
  PEEPHOLES("LSTM peepholes"),
  /** GRU layers ({@link CellKind#GRU}). */
  GRU("GRU layers"),
  /** Bidirectional layers ({@link Direction#BIDIRECTIONAL}). */
  BIDIRECTIONAL("bidirectional layers"),
  /** Input and recurrent dropout in training ({@link io.lstmirf.api.train.Dropout}). */
  DROPOUT("dropout in training");

  private final String description;

  Feature(String description) {
    this.description = description;
  }

  /** What the feature is, for messages: "GRU layers". */
  public String description() {
    return description;
  }
}
