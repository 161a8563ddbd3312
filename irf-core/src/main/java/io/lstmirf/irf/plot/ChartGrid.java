package io.lstmirf.irf.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.json.JsonFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;

/**
 * Several XChart panels in one image, row by row under a common title, written as PNG or SVG
 * (statsmodels' {@code plt.subplots} grids). Panels are painted once, when encoded.
 */
public final class ChartGrid {
  static {
    // as ResponseChart: AWT decides headless once, when it first loads
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static final int TITLE_HEIGHT = 40;

  private final String title;
  private final int rows;
  private final int columns;
  private final int cellWidth;
  private final int cellHeight;
  private final List<XYChart> panels;

  ChartGrid(
      String title, int rows, int columns, int cellWidth, int cellHeight, List<XYChart> panels) {
    this.title = Objects.requireNonNull(title, "title");
    if (panels.isEmpty() || panels.size() > rows * columns) {
      throw new InvalidInputException(
          "a " + rows + " x " + columns + " grid cannot hold " + panels.size() + " panels");
    }
    this.rows = rows;
    this.columns = columns;
    this.cellWidth = cellWidth;
    this.cellHeight = cellHeight;
    this.panels = List.copyOf(panels);
    this.panels.forEach(AxisFormat::fit); // 0.08, never ".08"
  }

  /** The common title. */
  public String title() {
    return title;
  }

  /** Panels per column. */
  public int rows() {
    return rows;
  }

  /** Panels per row. */
  public int columns() {
    return columns;
  }

  /** The image's width in pixels (SVG: user units). */
  public int width() {
    return columns * cellWidth;
  }

  /** The image's height in pixels (SVG: user units). */
  public int height() {
    return TITLE_HEIGHT + rows * cellHeight;
  }

  /** The panels' titles, row by row. */
  public List<String> panelTitles() {
    return panels.stream().map(XYChart::getTitle).toList();
  }

  /** Writes the grid to {@code file}, PNG or SVG by its extension, atomically. */
  public void save(Path file) {
    JsonFiles.writeAtomically(file, encode(ResponseChart.Format.of(file)));
  }

  /** The grid's image in {@code format}. */
  public byte[] encode(ResponseChart.Format format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (format == ResponseChart.Format.PNG) {
        BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
            RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        paint(g);
        g.dispose();
        ImageIO.write(image, "png", out);
      } else {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g);
        new SVGProcessor()
            .getDocument(g.getCommands(), new PageSize(0, 0, width(), height()))
            .writeTo(out);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new LstmIrfException("cannot render chart '" + title + "': " + e.getMessage(), e);
    }
  }

  private void paint(Graphics2D g) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width(), height());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    FontMetrics metrics = g.getFontMetrics();
    g.drawString(
        title,
        (width() - metrics.stringWidth(title)) / 2,
        (TITLE_HEIGHT + metrics.getAscent()) / 2);
    for (int n = 0; n < panels.size(); n++) {
      Graphics2D cell =
          (Graphics2D)
              g.create(
                  n % columns * cellWidth,
                  TITLE_HEIGHT + n / columns * cellHeight,
                  cellWidth,
                  cellHeight);
      panels.get(n).paint(cell, cellWidth, cellHeight);
      cell.dispose();
    }
  }

  @Override
  public String toString() {
    return "ChartGrid[" + title + ", " + rows + " x " + columns + "]";
  }
}
