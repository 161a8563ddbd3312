package io.lstmirf.api.check;

import io.lstmirf.api.Precision;

/**
 * How far a backend may be from the float64 reference: {@code |actual - expected| <= value * max(1,
 * |expected|)}, that is {@code value} absolute on quantities of order 1 and {@code value} relative
 * on larger ones. float32 engines are held to 2e-5 (measured engines agree to about 1e-7; the
 * margin covers long sequences and saturated gates), float64 ones to 1e-10. The conformance suite
 * and the backends' self-check apply this same rule.
 *
 * @param value the tolerance on values of order 1
 */
public record Tolerance(double value) {
  /** float32 engines: 2e-5. */
  public static final Tolerance FLOAT32 = new Tolerance(2e-5);

  /** float64 engines: 1e-10. */
  public static final Tolerance FLOAT64 = new Tolerance(1e-10);

  public Tolerance {
    if (!(value > 0)) {
      throw new IllegalArgumentException("a tolerance is positive, got " + value);
    }
  }

  /** The tolerance for an engine computing in {@code precision}. */
  public static Tolerance of(Precision precision) {
    return precision == Precision.FLOAT32 ? FLOAT32 : FLOAT64;
  }

  /** The largest allowed |actual - expected| for a value whose reference is {@code expected}. */
  public double allowed(double expected) {
    return value * Math.max(1, Math.abs(expected));
  }

  /** Whether {@code actual} is within tolerance of {@code expected} (a NaN never is). */
  public boolean isClose(double expected, double actual) {
    return Math.abs(actual - expected) <= allowed(expected);
  }
}
