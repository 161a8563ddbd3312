/** The experiment's files bound onto records by Jackson, strictly, with errors naming the field. */
package io.lstmirf.experiment.json;
