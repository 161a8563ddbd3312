/**
 * The K x K analysis of a multivariate LSTM beside a VAR's: one-step-ahead LSTM forecasters of K
 * variables trained as an ensemble of seeds ({@link io.lstmirf.irf.multi.EnsembleFit}, saved and
 * read by {@link io.lstmirf.irf.multi.EnsembleFiles}), their generalized impulse responses traced
 * in closed loop over histories of the data ({@link io.lstmirf.irf.multi.MultivariateGirfs}, in
 * statsmodels' {@code [step][response][impulse]} layout and the data's units, shocks identified by
 * {@link io.lstmirf.irf.multi.ShockIdentification}), and their comparison with a VAR fitted on the
 * same data ({@link io.lstmirf.irf.multi.Comparison}, {@link
 * io.lstmirf.irf.multi.ComparisonReport}).
 */
package io.lstmirf.irf.multi;
