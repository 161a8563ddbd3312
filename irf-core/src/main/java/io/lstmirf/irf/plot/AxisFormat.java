package io.lstmirf.irf.plot;

import java.util.Locale;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * Tick labels with a leading zero and as many decimals as the axis' span needs: XChart's own
 * pattern prints 0.08 as ".08"; a fixed pattern would print 1e-5 as "0". Used by every chart of
 * the project.
 */
public final class AxisFormat {
  /** Beyond this magnitude, or below this span, plain decimals get unreadable. */
  private static final double LARGEST_PLAIN = 1e6;
  private static final double SMALLEST_PLAIN_SPAN = 1e-4;
  private static final int MOST_DECIMALS = 6;

  private AxisFormat() {}

  /**
   * A {@link java.text.DecimalFormat} pattern for an axis from {@code lo} to {@code hi}: ticks
   * fall about a tenth of the span apart, so one decimal more than the span's first digit needs;
   * scientific notation for very large values or very small spans.
   */
  public static String pattern(double lo, double hi) {
    double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
    double span = hi - lo;
    if (!Double.isFinite(span) || span <= 0) {
      span = magnitude > 0 && Double.isFinite(magnitude) ? magnitude : 1;
    }
    if (magnitude >= LARGEST_PLAIN || span < SMALLEST_PLAIN_SPAN) {
      return "0.0##E0";
    }
    int decimals = (int) Math.ceil(-Math.log10(span)) + 1;
    decimals = Math.max(0, Math.min(MOST_DECIMALS, decimals));
    return decimals == 0 ? "0" : "0." + "0".repeat(decimals);
  }

  /**
   * Whole-number x ticks (lags) and y ticks for {@code yRange}, formatted the same everywhere
   * ({@link Locale#ROOT}: a decimal point, no grouping).
   */
  static void apply(AxesChartStyler styler, double[] yRange) {
    styler.setLocale(Locale.ROOT);
    styler.setXAxisDecimalPattern("0");
    styler.setYAxisDecimalPattern(pattern(yRange[0], yRange[1]));
  }
}
