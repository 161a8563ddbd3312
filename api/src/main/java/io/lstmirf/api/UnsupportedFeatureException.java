package io.lstmirf.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A backend was asked for a {@link Feature} it does not implement (a GRU, a bidirectional layer,
 * peepholes, dropout). Thrown by the api's base classes, so that every backend says it the same
 * way: {@code "GRU layers (layer 0 is gru): not implemented by backend 'dl4j'; implemented by
 * backends reference, djl (--backend)"}.
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
    super(
        feature.description()
            + (where.isEmpty() ? "" : " (" + where + ")")
            + ": not implemented by backend '"
            + backend
            + "'; "
            + implementers(feature));
    this.feature = feature;
  }

  /**
   * Which backends on the class path implement {@code feature}, by what they declare (no engine is
   * loaded to find out), so that the message says where to go.
   */
  private static String implementers(Feature feature) {
    List<String> names = new ArrayList<>();
    try {
      for (LstmBackend b : Backends.discover().all()) {
        if (b.implementedFeatures().contains(feature)) {
          names.add(b.name());
        }
      }
    } catch (LstmIrfException e) {
      // A broken backend jar must not hide the refusal itself.
    }
    return names.isEmpty()
        ? "the reference backend implements every variant"
        : "implemented by backend"
            + (names.size() == 1 ? " " : "s ")
            + String.join(", ", names)
            + " (--backend)";
  }

  /** The feature that was asked for. */
  public Feature feature() {
    return feature;
  }
}
