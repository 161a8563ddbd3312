package io.lstmirf.irf.multi;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.irf.GirfSpec;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.Quantiles;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link MultivariateGirfs multivariate generalized IRF} measures.
 *
 * @param horizon steps {@code N} after the shock: responses at steps {@code 0 .. N}
 * @param histories how many histories to draw from the data; all if the data hold fewer
 * @param seed seeds the draw of the histories (the same for every model of an ensemble)
 * @param quantiles levels of the bands across models and histories, each in {@code [0, 1]}
 * @param identification which shock a one-standard-deviation impulse is
 * @param mode how the model is run: one batched forward call per step, or a stepped session
 */
public record MultiGirfSpec(
    int horizon,
    int histories,
    long seed,
    List<Double> quantiles,
    ShockIdentification identification,
    IrfMode mode) {

  public MultiGirfSpec {
    Objects.requireNonNull(identification, "identification");
    Objects.requireNonNull(mode, "mode");
    if (horizon < 1) {
      throw new InvalidInputException("horizon must be at least 1 step, got " + horizon);
    }
    if (histories < 1) {
      throw new InvalidInputException("histories must be at least 1, got " + histories);
    }
    quantiles = Quantiles.requireLevels(List.copyOf(quantiles));
    if (quantiles.isEmpty()) {
      throw new InvalidInputException("give at least one quantile level, e.g. 0.05,0.5,0.95");
    }
  }

  /** A spec with {@link GirfSpec#DEFAULT_QUANTILES the default bands}, in sequence mode. */
  public static MultiGirfSpec of(
      int horizon, int histories, long seed, ShockIdentification identification) {
    return new MultiGirfSpec(
        horizon, histories, seed, GirfSpec.DEFAULT_QUANTILES, identification, IrfMode.SEQUENCE);
  }

  /**
   * The steps a history spans: the {@code lookback} observations up to the shock, then {@code N -
   * 1} more whose successors are predicted.
   */
  public int historyLength(int lookback) {
    return lookback + horizon - 1;
  }
}
