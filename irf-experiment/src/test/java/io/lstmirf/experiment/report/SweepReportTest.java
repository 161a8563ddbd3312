package io.lstmirf.experiment.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.experiment.sweep.Sweep;
import io.lstmirf.experiment.sweep.SweepConfig;
import io.lstmirf.experiment.sweep.SweepOutcome;
import io.lstmirf.experiment.sweep.SweepProgress;
import io.lstmirf.experiment.sweep.TinySweeps;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every report file is written, well-formed and self-contained. */
class SweepReportTest {
  @TempDir static Path dir;
  static SweepConfig config;
  static List<Path> files;
  static SweepOutcome outcome;

  @BeforeAll
  static void runATinySweep() {
    config = TinySweeps.config(List.of("reference", "twin"), List.of(0.5, 1.0, 2.0), 2, true);
    outcome =
        new Sweep(
                config,
                TinySweeps.registry(),
                2,
                SweepProgress.none(),
                new PrintWriter(new StringWriter()))
            .run(dir);
    files = SweepReport.write(dir, config, outcome.results());
  }

  @Test
  void writesEveryFile() {
    assertEquals(
        List.of(
            "summary.csv",
            "irf-reference.png",
            "irf-twin.png",
            "half-life-vs-bias.png",
            "report.html"),
        files.stream().map(f -> f.getFileName().toString()).toList());
    files.forEach(f -> assertTrue(Files.isRegularFile(f), f.toString()));
  }

  @Test
  void summaryCsvHasOneRowPerBackendAndSettingAndNumbersInEveryCell() throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve(SweepReport.SUMMARY_FILE));
    String[] header = lines.get(0).split(",", -1);
    assertEquals(1 + 2 * 4, lines.size()); // 3 biases and the adaptive arm, two backends
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertEquals(header.length, cells.length, line);
      assertEquals("2", cells[3]); // seeds
      for (int k = 4; k < cells.length; k++) {
        if (!cells[k].isEmpty()) {
          Double.parseDouble(cells[k]);
        } else {
          // only a spread or a mean with nothing to average may be missing, never a count
          assertFalse(header[k].endsWith("_reached"), header[k] + " in " + line);
        }
      }
    }
    assertTrue(lines.get(1).startsWith("reference,0.5,0.5,2,"), lines.get(1));
    assertTrue(lines.get(4).startsWith("reference,adaptive(1.0),,2,"), lines.get(4));
  }

  @Test
  void chartsArePngImages() throws Exception {
    for (Path f : files) {
      if (f.toString().endsWith(".png")) {
        BufferedImage image = ImageIO.read(f.toFile());
        assertEquals(900, image.getWidth(), f.toString());
      }
    }
  }

  @Test
  void reportIsWellFormedSelfContainedAndEmbedsTheCharts() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = f.newDocumentBuilder().parse(dir.resolve(SweepReport.HTML_FILE).toFile());
    for (String tag : List.of("script", "link", "iframe", "object")) {
      assertEquals(0, doc.getElementsByTagName(tag).getLength(), tag);
    }
    NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      for (String attribute : List.of("src", "href")) {
        String v = e.getAttribute(attribute);
        assertTrue(v.isEmpty() || v.startsWith("data:"), attribute + "=" + v);
      }
    }
    NodeList images = doc.getElementsByTagName("img");
    assertEquals(3, images.getLength()); // half-life chart and one IRF chart per backend
    byte[] halfLife = Files.readAllBytes(dir.resolve(SweepReport.HALF_LIFE_FILE));
    String first = ((Element) images.item(0)).getAttribute("src");
    assertTrue(first.startsWith("data:image/png;base64,"));
    assertArrayEquals(
        halfLife, Base64.getDecoder().decode(first.substring(first.indexOf(',') + 1)));
    for (int i = 0; i < images.getLength(); i++) {
      String src = ((Element) images.item(i)).getAttribute("src");
      BufferedImage image =
          ImageIO.read(
              new ByteArrayInputStream(
                  Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1))));
      assertEquals(900, image.getWidth());
    }
    String text = doc.getDocumentElement().getTextContent();
    assertTrue(text.contains("Half-lives of 45, 32, 28 and 22 steps"), "the claims table");
    assertTrue(text.contains("The adaptive rule lowers the error by 12-18%"));
    assertTrue(text.contains("Cross-backend agreement"));
    assertFalse(text.contains("25-28"), "no PyTorch figure that this run did not measure");
    assertTrue(text.contains("No PyTorch timing in this directory"), "how to add one");
  }

  @Test
  void identicalEnginesShowNoDifferenceInTheAgreementTable() {
    List<AgreementRow> rows = Agreement.rows(config, outcome.results());
    assertEquals(8, rows.size());
    for (AgreementRow r : rows) {
      assertEquals("twin", r.backend());
      assertEquals("reference", r.against());
      assertEquals(0, r.maxIrfDifference());
      assertEquals(0, r.firstEpochLossDifference());
      assertEquals(0, r.finalValidationLossDifference());
      assertTrue(r.irfScale() > 0);
    }
  }
}
