package io.lstmirf.experiment.sweep;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.api.train.EpochListener;
import io.lstmirf.experiment.json.StrictJson;
import io.lstmirf.irf.data.PreparedSeries;
import java.util.Objects;

/**
 * What every trial of one sweep shares, in a form that can travel to another process or machine:
 * the {@link ExperimentSpec} and the series' values. It never holds where the series came from (a
 * CSV file's path stays with the driver) nor anything else of the machine that made it, and its
 * JSON ({@link #toJson}) round-trips every number exactly, so a trial run from it elsewhere
 * measures what it measures here.
 */
public final class TrialWork {
  /** The format tag of {@link #toJson}. */
  public static final String FORMAT = "lstm-irf-trial-work/1";

  private final ExperimentSpec experiment;
  private final double[] series;
  private PreparedSeries data;

  /** The work of {@code experiment} on the unscaled {@code series}, oldest value first. */
  public TrialWork(ExperimentSpec experiment, double[] series) {
    this.experiment = Objects.requireNonNull(experiment, "experiment");
    this.series = Objects.requireNonNull(series, "series").clone();
  }

  private TrialWork(ExperimentSpec experiment, PreparedSeries data) {
    this(experiment, onlyColumn(data.raw()));
    this.data = data;
  }

  /** The sweep's series is univariate: its one column of {@code [T][1]}. */
  private static double[] onlyColumn(double[][] series) {
    double[] column = new double[series.length];
    for (int t = 0; t < series.length; t++) {
      if (series[t].length != 1) {
        throw new IllegalArgumentException(
            "the sweep runs on one series, got " + series[t].length + " columns");
      }
      column[t] = series[t][0];
    }
    return column;
  }

  /** The work of {@code experiment} on data already prepared for it. */
  public static TrialWork of(ExperimentSpec experiment, PreparedSeries data) {
    return new TrialWork(experiment, data);
  }

  public ExperimentSpec experiment() {
    return experiment;
  }

  /** The series split, scaled and windowed as the experiment says (prepared once). */
  public synchronized PreparedSeries data() {
    if (data == null) {
      data = PreparedSeries.of(series, experiment.windowing(), experiment.trainFraction());
    }
    return data;
  }

  /**
   * Trains and measures the trial {@code key} on {@code backend} (see {@link TrialRunner}); the
   * outcome carries the trained model for the sweep to save.
   */
  public TrialOutcome run(LstmBackend backend, TrialKey key, EpochListener progress) {
    LstmWeights[] trained = new LstmWeights[1];
    TrialResult r =
        new TrialRunner(experiment, data()).run(backend, key, progress, w -> trained[0] = w);
    return new TrialOutcome(r, trained[0]);
  }

  /** One line of JSON: the format tag, the experiment and the series. */
  public String toJson() {
    return StrictJson.line(new Wire(FORMAT, experiment, series));
  }

  /**
   * Reads {@link #toJson}'s output.
   *
   * @throws InvalidInputException naming what is missing or malformed
   */
  public static TrialWork fromJson(String json) {
    Wire w = StrictJson.read(JsonFiles.parse(json, "trial work"), Wire.class);
    if (!FORMAT.equals(w.format())) {
      throw new InvalidInputException(
          "trial work of format "
              + w.format()
              + ", expected "
              + FORMAT
              + ": the driver and the executors run different versions of lstm-irf");
    }
    return new TrialWork(w.experiment(), w.series());
  }

  /** The JSON form. */
  @JsonPropertyOrder({"format", "experiment", "series"})
  record Wire(String format, ExperimentSpec experiment, double[] series) {}
}
