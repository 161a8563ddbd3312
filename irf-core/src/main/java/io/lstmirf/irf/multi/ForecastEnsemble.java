package io.lstmirf.irf.multi;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.irf.data.SeriesScaler;
import io.lstmirf.irf.var.TimeSeries;
import java.util.List;
import java.util.Objects;

/**
 * One-step-ahead LSTM forecasters of the same {@code K} variables, trained on the same data with
 * different seeds: each reads the last {@code lookback} observations, scaled by the common {@code
 * scaler}, and predicts the next observation in scaled units. Immutable.
 *
 * @param names the variables, {@code [K]}, in the order of the models' inputs and outputs (the
 *     order that identifies orthogonalised shocks)
 * @param lookback observations per window, at least 1
 * @param scaler the min-max scaling fitted on the training part, one column per variable
 * @param members the trained models, at least one
 */
public record ForecastEnsemble(
    List<String> names, int lookback, SeriesScaler scaler, List<Forecaster> members) {

  public ForecastEnsemble {
    names = List.copyOf(names);
    members = List.copyOf(members);
    Objects.requireNonNull(scaler, "scaler");
    if (lookback < 1) {
      throw new InvalidInputException("lookback must be at least 1 step, got " + lookback);
    }
    if (members.isEmpty()) {
      throw new InvalidInputException("an ensemble needs at least one model");
    }
    if (scaler.dimension() != names.size()) {
      throw new InvalidInputException(
          "the scaler has "
              + scaler.dimension()
              + " columns for "
              + names.size()
              + " variables "
              + names);
    }
    for (Forecaster f : members) {
      if (f.dimension() != names.size()) {
        throw new InvalidInputException(
            "model of seed "
                + f.seed()
                + " reads "
                + f.dimension()
                + " variables, the ensemble has "
                + names.size()
                + " "
                + names);
      }
    }
  }

  /** K. */
  public int dimension() {
    return names.size();
  }

  /** The same ensemble with only {@code member}. */
  public ForecastEnsemble only(Forecaster member) {
    return new ForecastEnsemble(names, lookback, scaler, List.of(member));
  }

  /**
   * The ensemble's variables taken from {@code series} by name, {@code [T][K]} in the ensemble's
   * order, in the data's units.
   *
   * @throws InvalidInputException naming the variables the series lacks
   */
  public double[][] columnsOf(TimeSeries series) {
    return series.select(names).values();
  }
}
