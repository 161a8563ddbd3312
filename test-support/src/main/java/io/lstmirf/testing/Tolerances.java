package io.lstmirf.testing;

import io.lstmirf.api.Precision;

/**
 * How far an engine may be from the float64 reference on values of order 1. Measured float32
 * engines agree to about 1e-7; the margin covers long sequences and saturated gates.
 */
public final class Tolerances {
  /** float32 engines: 2e-5. */
  public static final double FLOAT32 = 2e-5;
  /** float64 engines: 1e-10. */
  public static final double FLOAT64 = 1e-10;

  private Tolerances() {}

  /** The tolerance for an engine computing in {@code precision}. */
  public static double of(Precision precision) {
    return precision == Precision.FLOAT32 ? FLOAT32 : FLOAT64;
  }
}
