package io.lstmirf.irf.plot;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.irf.var.ResponseBand;
import io.lstmirf.irf.var.VarFevd;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The VAR's pictures as statsmodels draws them: the {@code K x K} grid of impulse responses ({@code
 * irf.plot()}: row = response, column = impulse, the band's edges dashed, a line at 0), the same
 * grid of cumulative effects with the long-run effect as a horizontal line ({@code
 * plot_cum_effects()}), and the forecast error variance decomposition, one panel per variable with
 * the impulses' shares stacked as areas over the steps ahead (statsmodels' {@code fevd(N).plot()}
 * stacks bars); and, for {@code lstm-irf compare}, two estimates of the same grid overlaid, each
 * with its band. Arrays are in statsmodels' layouts: responses {@code [N+1][K][K]} {@code
 * [step][response][impulse]}, long-run effects {@code [K][K]}, FEVD {@code [K][N][K]}.
 */
public final class VarCharts {
  private static final Color CURVE = new Color(31, 119, 180);
  private static final Color BAND_FILL = new Color(31, 119, 180, 40);
  private static final Color SECOND = new Color(230, 97, 1);
  private static final Color SECOND_FILL = new Color(230, 97, 1, 40);
  private static final Font PANEL_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 9);

  private VarCharts() {}

  /** The {@code K x K} grid of {@code values} with {@code band} (may be null) around each curve. */
  public static ChartGrid responses(
      double[][][] values, ResponseBand band, List<String> names, String title) {
    return grid(values, band, null, names, title);
  }

  /**
   * The {@code K x K} grid of cumulative effects with {@code band} (may be null) and the long-run
   * effect {@code longRun[response][impulse]} (may be null) as a horizontal line.
   */
  public static ChartGrid cumulative(
      double[][][] values,
      ResponseBand band,
      double[][] longRun,
      List<String> names,
      String title) {
    return grid(values, band, longRun, names, title);
  }

  /**
   * One panel per variable: the shares of its {@code h}-step forecast error variance due to each
   * impulse, {@code h = 1 .. N}, stacked from 0 to 1.
   */
  public static ChartGrid fevd(VarFevd fevd, List<String> names, String title) {
    int k = requireNames(fevd.dimension(), names);
    int n = fevd.horizon();
    List<XYChart> panels = new ArrayList<>();
    for (int response = 0; response < k; response++) {
      XYChart chart = panel(names.get(response), "steps ahead", "share");
      XYStyler styler = chart.getStyler();
      styler.setLegendVisible(true).setLegendPosition(Styler.LegendPosition.OutsideE);
      styler.setYAxisMin(0.0);
      styler.setYAxisMax(1.0);
      double[][] shares = fevd.shares(response);
      double[] below = new double[n];
      Color[] palette = styler.getSeriesColors();
      for (int impulse = 0; impulse < k; impulse++) {
        double[] above = new double[n];
        for (int h = 0; h < n; h++) {
          above[h] = below[h] + shares[h][impulse];
        }
        // a polygon along the lower edge and back along the upper one, at steps 1..N; a single
        // step is drawn flat over [0.5, 1.5] so that it has an area
        double[] steps = n == 1 ? new double[] {0.5, 1.5} : new double[n];
        double[] lo = n == 1 ? new double[] {below[0], below[0]} : below;
        double[] hi = n == 1 ? new double[] {above[0], above[0]} : above;
        if (n > 1) {
          Arrays.setAll(steps, h -> h + 1);
        }
        int m = steps.length;
        double[] x = new double[2 * m];
        double[] y = new double[2 * m];
        for (int h = 0; h < m; h++) {
          x[h] = steps[h];
          y[h] = lo[h];
          x[2 * m - 1 - h] = steps[h];
          y[2 * m - 1 - h] = hi[h];
        }
        XYSeries s = chart.addSeries(names.get(impulse), x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        Color c = palette[impulse % palette.length];
        s.setFillColor(c);
        s.setLineColor(c);
        s.setMarker(SeriesMarkers.NONE);
        below = above;
      }
      panels.add(chart);
    }
    int width = 900;
    return new ChartGrid(title, k, 1, width, Math.max(180, 720 / k), panels);
  }

  private static ChartGrid grid(
      double[][][] values,
      ResponseBand band,
      double[][] longRun,
      List<String> names,
      String title) {
    if (values.length == 0) {
      throw new InvalidInputException("no responses to draw");
    }
    int k = requireNames(values[0].length, names);
    if (band != null && band.lower().length != values.length) {
      throw new InvalidInputException(
          "the band has " + band.lower().length + " steps, the" + " responses " + values.length);
    }
    double[] steps = new double[values.length];
    Arrays.setAll(steps, j -> j);
    List<XYChart> panels = new ArrayList<>();
    for (int response = 0; response < k; response++) {
      for (int impulse = 0; impulse < k; impulse++) {
        XYChart chart =
            panel(names.get(impulse) + " \u2192 " + names.get(response), "step", "response");
        horizontal(chart, "zero", 0, values.length - 1, Color.BLACK);
        if (longRun != null) {
          horizontal(
              chart, "long run", longRun[response][impulse], values.length - 1, Color.DARK_GRAY);
        }
        if (band != null) {
          band(chart, "", band, response, impulse, BAND_FILL, Color.BLACK);
        }
        line(chart, "response", steps, path(values, response, impulse), CURVE).setLineWidth(2f);
        panels.add(chart);
      }
    }
    int cell = Math.max(260, 1200 / k);
    return new ChartGrid(title, k, k, cell, cell * 3 / 4, panels);
  }

  /**
   * Two estimates of the same {@code K x K} responses in one grid, each with its band (either band
   * may be null): {@code first} in blue, {@code second} in orange, with a legend naming them;
   * {@code notes[response][impulse]} (may be null) is appended to each panel's title.
   */
  public static ChartGrid comparison(
      double[][][] first,
      ResponseBand firstBand,
      String firstName,
      double[][][] second,
      ResponseBand secondBand,
      String secondName,
      List<String> names,
      String[][] notes,
      String title) {
    int k = requireNames(first[0].length, names);
    if (second.length != first.length || second[0].length != k) {
      throw new InvalidInputException(
          "the two estimates differ in shape: "
              + first.length
              + " and "
              + second.length
              + " steps of "
              + k
              + " and "
              + second[0].length
              + " variables");
    }
    double[] steps = new double[first.length];
    Arrays.setAll(steps, j -> j);
    List<XYChart> panels = new ArrayList<>();
    for (int response = 0; response < k; response++) {
      for (int impulse = 0; impulse < k; impulse++) {
        String note = notes == null ? "" : "  " + notes[response][impulse];
        XYChart chart =
            panel(names.get(impulse) + " \u2192 " + names.get(response) + note, "step", "response");
        horizontal(chart, "zero", 0, first.length - 1, Color.BLACK);
        if (firstBand != null) {
          band(chart, firstName + " ", firstBand, response, impulse, BAND_FILL, CURVE);
        }
        if (secondBand != null) {
          band(chart, secondName + " ", secondBand, response, impulse, SECOND_FILL, SECOND);
        }
        line(chart, firstName, steps, path(first, response, impulse), CURVE).setLineWidth(2f);
        line(chart, secondName, steps, path(second, response, impulse), SECOND).setLineWidth(2f);
        if (response == 0 && impulse == k - 1) {
          legend(chart, firstName, secondName);
        }
        panels.add(chart);
      }
    }
    int cell = Math.max(300, 1350 / k);
    return new ChartGrid(title, k, k, cell, cell * 3 / 4, panels);
  }

  /** Only the two curves in the legend, inside the panel's corner. */
  private static void legend(XYChart chart, String... shown) {
    XYStyler styler = chart.getStyler();
    styler.setLegendVisible(true).setLegendPosition(Styler.LegendPosition.InsideNE);
    styler.setLegendBackgroundColor(new Color(255, 255, 255, 210));
    List<String> keep = List.of(shown);
    chart.getSeriesMap().values().forEach(s -> s.setShowInLegend(keep.contains(s.getName())));
  }

  /** A band as a filled area with its edges dashed in {@code edge}. */
  private static void band(
      XYChart chart,
      String prefix,
      ResponseBand band,
      int response,
      int impulse,
      Color fillColor,
      Color edge) {
    double[] lower = band.lower(response, impulse);
    double[] upper = band.upper(response, impulse);
    int n = lower.length;
    double[] steps = new double[n];
    double[] x = new double[2 * n];
    double[] y = new double[2 * n];
    for (int j = 0; j < n; j++) {
      steps[j] = j;
      x[j] = j;
      y[j] = lower[j];
      x[2 * n - 1 - j] = j;
      y[2 * n - 1 - j] = upper[j];
    }
    XYSeries fill = chart.addSeries(prefix + "band", x, y);
    fill.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    fill.setFillColor(fillColor);
    fill.setLineColor(fillColor);
    fill.setMarker(SeriesMarkers.NONE);
    line(chart, prefix + "lower", steps, lower, edge).setLineStyle(SeriesLines.DASH_DASH);
    line(chart, prefix + "upper", steps, upper, edge).setLineStyle(SeriesLines.DASH_DASH);
  }

  private static double[] path(double[][][] values, int response, int impulse) {
    double[] curve = new double[values.length];
    for (int j = 0; j < values.length; j++) {
      curve[j] = values[j][response][impulse];
    }
    return curve;
  }

  private static XYChart panel(String title, String xAxis, String yAxis) {
    XYChart chart =
        new XYChartBuilder()
            .width(400)
            .height(300)
            .title(title)
            .xAxisTitle(xAxis)
            .yAxisTitle(yAxis)
            .build();
    XYStyler styler = chart.getStyler();
    styler.setLegendVisible(false);
    styler.setAxisTitlesVisible(false);
    styler.setChartTitleFont(PANEL_TITLE);
    styler.setAxisTickLabelsFont(TICKS);
    styler.setLegendFont(TICKS);
    styler.setChartTitleBoxVisible(false);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(new Color(225, 225, 225));
    styler.setMarkerSize(0);
    styler.setChartPadding(6);
    return chart;
  }

  private static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setLineColor(color);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  private static void horizontal(XYChart chart, String name, double level, int last, Color color) {
    line(chart, name, new double[] {0, Math.max(last, 1)}, new double[] {level, level}, color)
        .setLineWidth(0.8f);
  }

  private static int requireNames(int k, List<String> names) {
    if (names.size() != k) {
      throw new InvalidInputException(
          "results of " + k + " variables do not match the " + names.size() + " names " + names);
    }
    return k;
  }
}
