package io.lstmirf.experiment.sweep;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.lstmirf.api.InvalidInputException;
import java.util.Locale;

/** How a sweep initialises the forget-gate biases of its fixed arms. */
public enum InitMode {
  /** One arm per bias value: every forget bias the value, every other bias 0. */
  FORGET("forget"),
  /** One arm with chrono initialisation, time scales up to {@code lookback + offset}. */
  CHRONO("chrono"),
  /**
   * One arm per bias value with every gate's bias the value, as the original code did: its bug
   * reproduced, to see what its published numbers measured.
   */
  ORIGINAL("original");

  private final String id;

  InitMode(String id) {
    this.id = id;
  }

  /** The name on the command line and in sweep.json. */
  @JsonValue
  public String id() {
    return id;
  }

  /** Parses {@code forget}, {@code chrono} or {@code original}, case-insensitive. */
  @JsonCreator
  public static InitMode parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (InitMode m : values()) {
      if (m.id.equals(t)) {
        return m;
      }
    }
    throw new InvalidInputException(
        "unknown initialisation '" + text + "': use forget," + " chrono or original");
  }

  @Override
  public String toString() {
    return id;
  }
}
