package io.lstmirf.experiment.report;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.experiment.sweep.SweepConfig;
import io.lstmirf.experiment.sweep.TrialResult;
import io.lstmirf.irf.plot.ResponseChart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a sweep's reports into its directory, each atomically: summary.csv, irf-BACKEND.png per
 * backend, half-life-vs-bias.png and the self-contained report.html. The reports are a pure
 * function of the configuration and the recorded trials, so they can be rewritten at any time.
 */
public final class SweepReport {
  public static final String SUMMARY_FILE = "summary.csv";
  public static final String HALF_LIFE_FILE = "half-life-vs-bias.png";
  public static final String HTML_FILE = "report.html";

  private SweepReport() {}

  /** The file name of a backend's IRF chart. */
  public static String irfFile(String backend) {
    return "irf-" + backend + ".png";
  }

  /**
   * Writes every report for {@code results} into {@code dir}; report.html compares with PyTorch
   * when {@code dir} holds a {@value PyTorchTiming#FILE}.
   *
   * @return the files written
   */
  public static List<Path> write(Path dir, SweepConfig config, List<TrialResult> results) {
    List<SummaryRow> rows = SweepSummary.rows(config, results);
    List<AdaptiveComparison> adaptive = AdaptiveComparison.of(config, results);
    List<Path> written = new ArrayList<>();
    written.add(
        write(dir.resolve(SUMMARY_FILE), SweepSummary.csv(rows).getBytes(StandardCharsets.UTF_8)));
    Map<String, byte[]> irfCharts = new LinkedHashMap<>();
    for (String backend : config.backends()) {
      if (results.stream().anyMatch(r -> r.key().backend().equals(backend))) {
        byte[] png = SweepCharts.irf(backend, config, results).encode(ResponseChart.Format.PNG);
        irfCharts.put(backend, png);
        written.add(write(dir.resolve(irfFile(backend)), png));
      }
    }
    byte[] halfLife = SweepCharts.halfLifeVsBias(config, rows).png();
    written.add(write(dir.resolve(HALF_LIFE_FILE), halfLife));
    int epochs = config.experiment().epochs();
    // The original article's claims are about LSTMs: a sweep of another cell is not checked
    // against them.
    boolean lstm = config.experiment().cellKind() == CellKind.LSTM;
    HtmlReport.Content content =
        new HtmlReport.Content(
            config,
            rows,
            lstm
                ? OriginalClaims.check(rows, adaptive, config.experiment().horizon(), epochs)
                : List.of(),
            OriginalClaims.tooSmall(OriginalClaims.fewestSeeds(rows), epochs),
            adaptive,
            Agreement.rows(config, results),
            BackendTiming.of(config, results),
            PyTorchTiming.in(dir),
            halfLife,
            irfCharts,
            ZonedDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.RFC_1123_DATE_TIME),
            machine());
    written.add(
        write(dir.resolve(HTML_FILE), HtmlReport.render(content).getBytes(StandardCharsets.UTF_8)));
    return written;
  }

  private static Path write(Path file, byte[] bytes) {
    JsonFiles.writeAtomically(file, bytes);
    return file;
  }

  private static String machine() {
    return System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch")
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores, Java "
        + System.getProperty("java.version");
  }
}
