package io.lstmirf.irf.multi;

import java.util.List;
import java.util.Objects;

/**
 * What {@link EnsembleFit#fit} made: the ensemble, how each member trained, and how well the
 * ensemble forecasts out of sample.
 *
 * @param ensemble the trained forecasters with their scaler
 * @param spec how they were trained
 * @param backend the backend they trained on
 * @param precision its precision ({@code float32}, {@code float64})
 * @param observations T, the observations of the series
 * @param trainEnd the first observation of the validation part; the training part is {@code [0,
 *     trainEnd)}
 * @param members one record per seed, in seed order
 * @param ensembleValidation the one-step errors on the validation part of the members' mean
 *     forecast, in the data's units
 */
public record FitOutcome(
    ForecastEnsemble ensemble,
    FitSpec spec,
    String backend,
    String precision,
    int observations,
    int trainEnd,
    List<MemberFit> members,
    OneStepErrors ensembleValidation) {

  public FitOutcome {
    Objects.requireNonNull(ensemble, "ensemble");
    Objects.requireNonNull(spec, "spec");
    members = List.copyOf(members);
  }
}
