package io.lstmirf.irf.plot;

import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * Tick labels with a leading zero and as many decimals as the axis' span needs: XChart's own
 * pattern prints 0.08 as ".08"; a fixed pattern would print 1e-5 as "0". Used by every chart of the
 * project.
 */
public final class AxisFormat {
  /** Beyond this magnitude, or below this span, plain decimals get unreadable. */
  private static final double LARGEST_PLAIN = 1e6;

  private static final double SMALLEST_PLAIN_SPAN = 1e-4;
  private static final int MOST_DECIMALS = 6;

  private AxisFormat() {}

  /**
   * A {@link java.text.DecimalFormat} pattern for an axis from {@code lo} to {@code hi}: ticks fall
   * about a tenth of the span apart, so one decimal more than the span's first digit needs;
   * scientific notation for very large values or very small spans.
   */
  public static String pattern(double lo, double hi) {
    if (!(lo <= hi)) {
      return "0.0"; // no finite value: any pattern will do
    }
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
   * Tick patterns for the series {@code chart} holds now: whole-number x ticks when every x is a
   * whole number (lags, steps), else fitted to the x range; y ticks fitted to the y range (with the
   * axis' fixed minimum and maximum, when set). {@link Locale#ROOT}: a decimal point, no grouping,
   * whatever the machine's locale.
   */
  public static void fit(XYChart chart) {
    double[] x = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    double[] y = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    boolean whole = true;
    for (XYSeries s : chart.getSeriesMap().values()) {
      for (double v : s.getXData()) {
        whole &= v == Math.rint(v);
        widen(x, v);
      }
      for (double v : s.getYData()) {
        widen(y, v);
      }
    }
    AxesChartStyler styler = chart.getStyler();
    if (styler.getYAxisMin() != null) {
      widen(y, styler.getYAxisMin());
    }
    if (styler.getYAxisMax() != null) {
      widen(y, styler.getYAxisMax());
    }
    styler.setLocale(Locale.ROOT);
    styler.setXAxisDecimalPattern(whole ? "0" : pattern(x[0], x[1]));
    styler.setYAxisDecimalPattern(pattern(y[0], y[1]));
  }

  private static void widen(double[] range, double v) {
    if (Double.isFinite(v)) {
      range[0] = Math.min(range[0], v);
      range[1] = Math.max(range[1], v);
    }
  }
}
