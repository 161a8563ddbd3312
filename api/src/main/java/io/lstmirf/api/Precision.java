package io.lstmirf.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Floating-point precision a backend computes in. */
public enum Precision {
  FLOAT32("float32"),
  FLOAT64("float64");

  private final String id;

  Precision(String id) {
    this.id = id;
  }

  /** The name used on the command line and in JSON: {@code float32} or {@code float64}. */
  public String id() {
    return id;
  }

  /**
   * Parses {@code float32}/{@code float64} (also {@code f32}, {@code double}, ...),
   * case-insensitive.
   */
  public static Precision parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "float32":
      case "f32":
      case "float":
      case "fp32":
        return FLOAT32;
      case "float64":
      case "f64":
      case "double":
      case "fp64":
        return FLOAT64;
      default:
        throw new InvalidInputException(
            "unknown precision '"
                + text
                + "': use one of "
                + Arrays.stream(values()).map(Precision::id).collect(Collectors.joining(", ")));
    }
  }

  /** {@code value} as this precision stores it: rounded to the nearest float in float32. */
  public double round(double value) {
    return this == FLOAT32 ? (float) value : value;
  }

  /** Whether this precision holds {@code value} as a finite number (float32: up to ~3.4e38). */
  public boolean holds(double value) {
    return this == FLOAT32 ? Float.isFinite((float) value) : Double.isFinite(value);
  }

  /**
   * The message for a value this precision cannot hold: {@code "head.weight[0][0] = 1.0E39 is
   * beyond float32's range (|x| <= 3.4028235E38); ..."}, with what to do.
   */
  public String rangeError(String path, double value) {
    String max =
        this == FLOAT32 ? Float.toString(Float.MAX_VALUE) : Double.toString(Double.MAX_VALUE);
    return path
        + " = "
        + value
        + " is beyond "
        + id
        + "'s range (|x| <= "
        + max
        + "), so a "
        + id
        + " model would compute with Infinity there; rescale it, or compute in float64"
        + " (--precision float64, on a backend that offers it)";
  }

  @Override
  public String toString() {
    return id;
  }
}
