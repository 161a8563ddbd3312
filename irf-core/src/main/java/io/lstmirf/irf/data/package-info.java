/**
 * Series made ready for one-step and many-to-one forecasting: a chronological split, min-max
 * scaling fitted on the training part only ({@link io.lstmirf.irf.data.MinMaxScaler} per column,
 * {@link io.lstmirf.irf.data.SeriesScaler} for all of them) and supervised {@link
 * io.lstmirf.irf.data.Windowing windows}. Series are {@code [T][K]}, oldest first; the univariate
 * forms are the {@code K = 1} case. Used by the forget-bias sweep and by the multivariate fit
 * ({@code io.lstmirf.irf.multi}).
 */
package io.lstmirf.irf.data;
