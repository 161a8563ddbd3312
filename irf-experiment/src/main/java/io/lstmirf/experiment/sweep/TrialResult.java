package io.lstmirf.experiment.sweep;

import java.util.Objects;

/**
 * Everything one finished trial measured: one line of trials.jsonl.
 *
 * @param key which trial
 * @param precision the precision the backend computed in
 * @param training the losses per epoch, the adaptive bias trajectory and the training time
 * @param irf the conditional IRF: a unit impulse at {@code lookback / 2} on a zero baseline
 * @param girf the generalized IRF over histories from the validation part of the series
 * @param gates the forget gates over the validation windows
 * @param analysisSeconds wall time of the measurements after training
 */
public record TrialResult(
    TrialKey key,
    String precision,
    TrainingRecord training,
    ResponseCurve irf,
    GirfSummary girf,
    GateSummary gates,
    double analysisSeconds) {

  public TrialResult {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(irf, "irf");
    Objects.requireNonNull(girf, "girf");
    Objects.requireNonNull(gates, "gates");
  }
}
