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

  /** Parses {@code float32}/{@code float64} (also {@code f32}, {@code double}, ...), case-insensitive. */
  public static Precision parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "float32": case "f32": case "float": case "fp32":
        return FLOAT32;
      case "float64": case "f64": case "double": case "fp64":
        return FLOAT64;
      default:
        throw new InvalidInputException("unknown precision '" + text + "': use one of "
            + Arrays.stream(values()).map(Precision::id).collect(Collectors.joining(", ")));
    }
  }

  /** {@code value} as this precision stores it: rounded to the nearest float in float32. */
  public double round(double value) {
    return this == FLOAT32 ? (float) value : value;
  }

  @Override
  public String toString() {
    return id;
  }
}
