package io.lstmirf.irf.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.irf.var.TimeSeries;
import io.lstmirf.irf.var.VarBands;
import io.lstmirf.irf.var.VarIrfAnalysis;
import io.lstmirf.irf.var.VarModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VAR's grids render headless to PNG and SVG, laid out as statsmodels lays them out. */
class VarChartsTest {
  private static final List<String> NAMES = List.of("gdp", "inflation", "rate");
  private static VarModel var;

  @TempDir Path dir;

  @BeforeAll
  static void fit() {
    double[][] y = new double[150][3];
    for (int t = 1; t < y.length; t++) {
      y[t][0] = 0.5 * y[t - 1][0] + 0.1 * y[t - 1][2] + Math.sin(1.7 * t * t);
      y[t][1] = 0.3 * y[t - 1][0] + 0.2 * y[t - 1][1] + Math.cos(2.3 * t * t);
      y[t][2] = -0.2 * y[t - 1][1] + 0.4 * y[t - 1][2] + Math.sin(0.9 * t * t);
    }
    var = VarModel.fit(new TimeSeries(NAMES, y), 1);
  }

  @Test
  void responseGridHasARowPerResponseAndAColumnPerImpulse() throws IOException {
    VarIrfAnalysis a = var.irfAnalysis(10);
    VarBands bands = a.asymptoticBands(0.05);
    ChartGrid grid =
        VarCharts.responses(
            a.orthIrf().values(), bands.orthIrf(), NAMES, "Impulse responses (orthogonalized)");
    assertEquals(3, grid.rows());
    assertEquals(3, grid.columns());
    // statsmodels: axes[response][impulse], titled "impulse -> response"
    assertEquals("inflation \u2192 gdp", grid.panelTitles().get(1));
    assertEquals("gdp \u2192 rate", grid.panelTitles().get(6));
    Path png = dir.resolve("irf.png");
    grid.save(png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(grid.width(), image.getWidth());
    assertEquals(grid.height(), image.getHeight());
    // something is drawn in every cell, not only the first
    int cellWidth = grid.width() / 3;
    int cellHeight = (grid.height() - 40) / 3;
    for (int n = 0; n < 9; n++) {
      assertTrue(
          hasCurveColour(image, n % 3 * cellWidth, 40 + n / 3 * cellHeight, cellWidth, cellHeight),
          "cell " + n + " shows a response curve");
    }
    Path svg = dir.resolve("irf.svg");
    grid.save(svg);
    String text = Files.readString(svg, StandardCharsets.UTF_8);
    assertTrue(text.contains("<svg"), text.substring(0, Math.min(200, text.length())));
    assertTrue(text.contains("Impulse responses (orthogonalized)"));
  }

  @Test
  void cumulativeGridAndFevdPanels() throws IOException {
    VarIrfAnalysis a = var.irfAnalysis(12);
    ChartGrid cum =
        VarCharts.cumulative(
            a.cumEffects().values(),
            a.asymptoticBands(0.1).cumEffects(),
            a.longRunEffects(),
            NAMES,
            "Cumulative responses");
    cum.save(dir.resolve("cum.png"));
    assertTrue(Files.size(dir.resolve("cum.png")) > 10_000);
    ChartGrid fevd =
        VarCharts.fevd(var.fevd(12), NAMES, "Forecast error variance" + " decomposition (FEVD)");
    assertEquals(3, fevd.rows());
    assertEquals(1, fevd.columns());
    assertEquals(NAMES, fevd.panelTitles());
    fevd.save(dir.resolve("fevd.svg"));
    assertTrue(Files.readString(dir.resolve("fevd.svg")).contains("<svg"));
    // a one-step decomposition is still drawn, as a flat band a step wide
    VarCharts.fevd(var.fevd(1), NAMES, "one step").save(dir.resolve("fevd1.png"));
    assertTrue(Files.size(dir.resolve("fevd1.png")) > 1000);
  }

  @Test
  void namesMustMatchTheVariables() {
    double[][][] irf = var.irf(3);
    assertThrows(
        InvalidInputException.class, () -> VarCharts.responses(irf, null, List.of("a", "b"), "t"));
    assertThrows(InvalidInputException.class, () -> VarCharts.fevd(var.fevd(3), List.of("a"), "t"));
  }

  /** Whether the response curves' blue appears in the rectangle. */
  private static boolean hasCurveColour(BufferedImage image, int x0, int y0, int w, int h) {
    for (int x = x0; x < x0 + w; x++) {
      for (int y = y0; y < y0 + h; y++) {
        int rgb = image.getRGB(x, y);
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        if (b > 150 && r < 80 && g > 90 && g < 150) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void comparisonGridOverlaysTwoEstimatesWithNotesInTheTitles() throws IOException {
    VarIrfAnalysis a = var.irfAnalysis(6);
    VarBands bands = a.asymptoticBands(0.05);
    double[][][] other = a.irf().values();
    String[][] notes = new String[3][3];
    for (String[] row : notes) {
      java.util.Arrays.fill(row, "D = 0.50");
    }
    ChartGrid grid =
        VarCharts.comparison(
            a.orthIrf().values(),
            bands.orthIrf(),
            "VAR(1)",
            other,
            bands.irf(),
            "LSTM",
            NAMES,
            notes,
            "Side by side");
    assertEquals(3, grid.rows());
    assertEquals("inflation \u2192 gdp  D = 0.50", grid.panelTitles().get(1));
    Path png = dir.resolve("compare.png");
    grid.save(png);
    BufferedImage image = ImageIO.read(png.toFile());
    int cellWidth = grid.width() / 3;
    int cellHeight = (grid.height() - 40) / 3;
    for (int cell = 0; cell < 9; cell++) {
      int x0 = cell % 3 * cellWidth;
      int y0 = 40 + cell / 3 * cellHeight;
      // both curves are drawn in every panel: the first in blue, the second in orange
      assertTrue(hasColour(image, x0, y0, cellWidth, cellHeight, 0x1f77b4), "blue in " + cell);
      assertTrue(hasColour(image, x0, y0, cellWidth, cellHeight, 0xe66101), "orange in " + cell);
    }
    assertThrows(
        InvalidInputException.class,
        () ->
            VarCharts.comparison(
                a.orthIrf().values(),
                null,
                "VAR",
                var.irfAnalysis(3).irf().values(),
                null,
                "LSTM",
                NAMES,
                null,
                "mismatched"));
  }

  private static boolean hasColour(BufferedImage image, int x0, int y0, int w, int h, int rgb) {
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          return true;
        }
      }
    }
    return false;
  }
}
