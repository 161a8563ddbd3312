/**
 * The forget-bias sweep: which trials a {@link io.lstmirf.experiment.sweep.SweepConfig} asks for,
 * how one trial trains and is measured ({@link io.lstmirf.experiment.sweep.TrialRunner}), and the
 * resumable output directory ({@link io.lstmirf.experiment.sweep.Sweep}, sweep.json and the fsynced
 * trials.jsonl).
 */
package io.lstmirf.experiment.sweep;
