package io.lstmirf.experiment.bench;

import io.lstmirf.api.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The LSTM workloads the bench can time; the matrix-product floors are always measured. */
public enum BenchCase {
  /** A stateful session stepped one input at a time, B = 1. */
  STEP,
  /** One forward pass over a batch of whole sequences. */
  SEQUENCE,
  /** Many impulse responses of one model in one call, against one forward of the same batch. */
  IRF,
  /** One epoch of training the default sweep's model. */
  TRAINING;

  /** The name on the command line and in JSON. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The case named {@code id}.
   *
   * @throws InvalidInputException naming the choices
   */
  public static BenchCase parse(String id) {
    for (BenchCase c : values()) {
      if (c.id().equals(id.trim())) {
        return c;
      }
    }
    throw new InvalidInputException(
        "unknown bench case '"
            + id
            + "'; choose from "
            + Arrays.stream(values()).map(BenchCase::id).collect(Collectors.joining(", ")));
  }
}
