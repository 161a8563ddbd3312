/**
 * The experiment's data: the original synthetic series. Splitting, scaling and windowing a series
 * for forecasting are generic and live in irf-core's {@code io.lstmirf.irf.data}, which the
 * multivariate fit uses too.
 */
package io.lstmirf.experiment.data;
