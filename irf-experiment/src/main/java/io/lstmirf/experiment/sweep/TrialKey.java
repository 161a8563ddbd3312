package io.lstmirf.experiment.sweep;

import java.util.Objects;

/**
 * One trial of a sweep: a backend trains a model from the seed's initial weights under one bias
 * setting. Trials with the same setting and seed start from identical weights and see identical
 * batches on every backend, so backends can be compared trial by trial.
 *
 * @param backend the backend's name
 * @param setting how the forget bias is set
 * @param seed seeds the initial weights and the batch order
 */
public record TrialKey(String backend, BiasSetting setting, long seed) {

  public TrialKey {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(setting, "setting");
  }

  /** A readable, unique name: {@code djl b=1.0 seed=42}. */
  public String id() {
    return backend + " b=" + setting.label() + " seed=" + seed;
  }

  /**
   * The file the trained model of this trial is written to, under the sweep's {@code models/}:
   * {@code djl-b1.0-s42.json}; a setting's label keeps only letters, digits, dots and minus signs
   * ({@code all(1.0)} becomes {@code all1.0}).
   */
  public String modelFileName() {
    return backend
        + "-b"
        + setting.label().replaceAll("[^A-Za-z0-9.\\-]", "")
        + "-s"
        + seed
        + ".json";
  }

  @Override
  public String toString() {
    return id();
  }
}
