package io.lstmirf.irf;

import io.lstmirf.api.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link GeneralizedImpulseResponses generalized IRF} measures.
 *
 * @param shock the impulse; its {@code time} is {@code t0}, the number of data steps each history
 *     runs before the shock (its warm-up from the zero state)
 * @param horizon lags {@code N} after the shock
 * @param histories how many histories to draw; if the data hold fewer, all of them are used
 * @param seed seeds the draw, so the same data, spec and seed give the same histories everywhere
 * @param quantiles the quantile levels to report across histories, each in {@code [0, 1]}
 */
public record GirfSpec(Shock shock, int horizon, int histories, long seed, List<Double> quantiles) {

  /** The bands reported unless asked otherwise: a 90% band and the median. */
  public static final List<Double> DEFAULT_QUANTILES = List.of(0.05, 0.5, 0.95);

  public GirfSpec {
    Objects.requireNonNull(shock, "shock");
    if (horizon < 1) {
      throw new InvalidInputException("horizon must be at least 1 lag, got " + horizon);
    }
    if (histories < 1) {
      throw new InvalidInputException("histories must be at least 1, got " + histories);
    }
    quantiles = Quantiles.requireLevels(List.copyOf(quantiles));
  }

  /** A spec with the {@link #DEFAULT_QUANTILES default bands}. */
  public static GirfSpec of(Shock shock, int horizon, int histories, long seed) {
    return new GirfSpec(shock, horizon, histories, seed, DEFAULT_QUANTILES);
  }

  /** The length of each history: {@code t0 + N} steps. */
  public int historyLength() {
    return shock.time() + horizon;
  }
}
