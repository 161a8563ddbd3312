/**
 * A sweep's reports, a pure function of its configuration and recorded trials: summary.csv, the
 * charts, the original article's claims with a verdict each, and the self-contained report.html.
 */
package io.lstmirf.experiment.report;
