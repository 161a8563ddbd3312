package io.lstmirf.experiment.report;

import io.lstmirf.experiment.sweep.BiasSetting;

/**
 * One backend and bias setting of a sweep, summarised across its seeds. Half-lives count only the
 * seeds where they were reached ({@link Spread#n()}); {@link #seeds} is how many ran.
 *
 * @param backend the backend
 * @param setting the bias setting
 * @param seeds trials summarised
 * @param halfLife the conditional IRF's half-life, the original definition
 * @param halfLifeFromPeak the conditional IRF's half-life measured from its peak
 * @param contributionRatio the conditional IRF's share of energy in its last 20 lags
 * @param oscillation the conditional IRF's sign changes per lag
 * @param girfHalfLife the generalized IRF's half-life from its peak
 * @param validationLoss the final validation MSE, on the scaled series
 * @param meanForget the mean forget-gate activation over the validation windows
 * @param timeConstant {@code -1 / ln f} of that mean
 * @param gateHalfLife {@code ln 0.5 / ln f} of that mean
 * @param trainedForgetBias the mean forget bias after training
 * @param trainingSeconds wall time of training one model
 * @param trainingCpuSeconds process CPU time while training one model (see TrainingRecord)
 */
public record SummaryRow(
    String backend,
    BiasSetting setting,
    int seeds,
    Spread halfLife,
    Spread halfLifeFromPeak,
    Spread contributionRatio,
    Spread oscillation,
    Spread girfHalfLife,
    Spread validationLoss,
    Spread meanForget,
    Spread timeConstant,
    Spread gateHalfLife,
    Spread trainedForgetBias,
    Spread trainingSeconds,
    Spread trainingCpuSeconds) {}
