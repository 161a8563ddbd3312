package io.lstmirf.api;

/**
 * A backend was asked for a {@link Feature} it does not implement (a GRU, a bidirectional layer,
 * peepholes, dropout). Thrown by the api's base classes, so that every backend says it the same
 * way: {@code "GRU layers (layer 0): not implemented by backend 'djl'; ..."}.
 */
public class UnsupportedFeatureException extends LstmIrfException {
  private static final long serialVersionUID = 1L;

  /** The feature that was asked for. */
  private final transient Feature feature;

  /**
   * @param backend the backend's name
   * @param feature what it lacks
   * @param where what asked for it, e.g. "layer 0", or empty
   */
  public UnsupportedFeatureException(String backend, Feature feature, String where) {
    super(feature.description() + (where.isEmpty() ? "" : " (" + where + ")")
        + ": not implemented by backend '" + backend + "'; the reference backend implements"
        + " every variant");
    this.feature = feature;
  }

  /** The feature that was asked for. */
  public Feature feature() {
    return feature;
  }
}
