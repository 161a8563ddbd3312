/**
 * The experiment's data: the original synthetic series, and a series split, scaled and cut into
 * windows for many-to-one forecasting. Only the sweep uses these; the analysis library takes
 * histories as plain arrays.
 */
package io.lstmirf.experiment.data;
