package io.lstmirf.experiment.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.experiment.sweep.Sweep;
import io.lstmirf.experiment.sweep.SweepConfig;
import io.lstmirf.experiment.sweep.SweepOutcome;
import io.lstmirf.experiment.sweep.SweepProgress;
import io.lstmirf.experiment.sweep.TinySweeps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What report.html says comes from the run and the files beside it, never from constants: the
 * epochs and precisions, a caveat and inconclusive verdicts for a run too small to judge, and
 * PyTorch only when its timing file is there.
 */
class ReportFromTheRunTest {
  /** What docs/bench/pytorch-train-timing.py --json writes, two runs appended. */
  static final String TIMING =
      "{\"format\": \"lstm-irf-pytorch-timing/1\","
          + " \"script\": \"docs/bench/pytorch-train-timing.py\", \"torch\": \"1.13.0a0\","
          + " \"python\": \"3.11.2\", \"threads\": 1, \"machine\": \"Linux x86_64, 2 cores\","
          + " \"written\": \"2026-01-02T03:04:05+00:00\", \"units\": 50, \"lookback\": 60,"
          + " \"batchSize\": 32, \"epochs\": 50, \"trainingWindows\": 1128,"
          + " \"runs\": [{\"wallSeconds\": 9.5, \"cpuSeconds\": 9.4, \"validationMse\": 0.0012},"
          + " {\"wallSeconds\": 10.5, \"cpuSeconds\": 10.2, \"validationMse\": 0.0011}]}";

  @TempDir static Path dir;
  static SweepConfig config;
  static SweepOutcome outcome;

  @BeforeAll
  static void runATinySweep() {
    config = TinySweeps.config(List.of("reference", "twin"), List.of(0.5, 2.0), 2, false);
    outcome =
        new Sweep(
                config,
                TinySweeps.registry(),
                1,
                SweepProgress.none(),
                new PrintWriter(new StringWriter()))
            .run(dir);
  }

  static String report(Path into) throws Exception {
    SweepReport.write(into, config, outcome.results());
    return Files.readString(into.resolve(SweepReport.HTML_FILE));
  }

  @Test
  void epochsAndPrecisionsAreTheRunsAndATooSmallRunIsSaidToBe() throws Exception {
    String html = report(dir);
    assertTrue(
        html.contains(
            "how far the engines drift apart over 2 epochs (float64:" + " reference, twin)"),
        "the agreement paragraph");
    assertTrue(html.contains("Training time per model (2 epochs,"), "the cost paragraph");
    assertFalse(html.contains("50 epochs"), "the run trained 2");
    assertTrue(
        html.contains(
            "<p class=\"caveat\">Too small to judge the article&#39;s claims: 2"
                + " seeds per arm, fewer than 3: too few for a spread to judge a difference by; 2 epochs,"
                + " fewer than 25 (half the original&#39;s 50)"),
        "the caveat");
    assertTrue(html.contains("<td>inconclusive (as measured: "), "the verdicts");
    assertFalse(html.contains("<td>disagrees</td>"), "no firm verdict");
    assertTrue(html.contains("<td>not measured</td>"), "the adaptive rule was not run");
  }

  @Test
  void pyTorchIsComparedOnlyFromItsTimingFileAndCitesIt() throws Exception {
    assertTrue(report(dir).contains("No PyTorch timing in this directory"));
    Path with = Files.createDirectories(dir.resolve("with-timing"));
    Files.writeString(with.resolve(PyTorchTiming.FILE), TIMING);
    String html = report(with);
    assertTrue(
        html.contains(
            "<td>PyTorch 1.13.0a0 from Python (pytorch-timing.json)</td>"
                + "<td>float32</td><td>2 run(s)</td><td>10.0 ± 0.7</td>"),
        "the cost table's row");
    assertTrue(
        html.contains(
            "written by docs/bench/pytorch-train-timing.py on Linux x86_64,"
                + " 2 cores (last run 2026-01-02T03:04:05+00:00)"),
        "its source");
    assertTrue(
        html.contains(
            "differs from this sweep&#39;s (epochs 50 there, 2 here, units 50"
                + " there, 3 here, lookback 60 there, 6 here, batch size 32 there, 16 here), so compare"
                + " per epoch: PyTorch 0.20 s per epoch; here reference "),
        "the differences");
  }

  @Test
  void aDamagedTimingFileIsOneLineNamingTheField() throws Exception {
    Path bad = Files.createDirectories(dir.resolve("bad-timing"));
    Files.writeString(
        bad.resolve(PyTorchTiming.FILE),
        TIMING.replace("\"wallSeconds\": 9.5", "\"wallSeconds\": \"9.5\""));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> SweepReport.write(bad, config, outcome.results()));
    assertEquals(
        bad.resolve(PyTorchTiming.FILE)
            + " cannot be read: field"
            + " 'runs[0].wallSeconds' is not a number; fix or remove it"
            + " (docs/bench/pytorch-train-timing.py writes it) and run the same sweep command again:"
            + " recorded trials are kept",
        e.getMessage());
    Files.writeString(
        bad.resolve(PyTorchTiming.FILE), TIMING.replaceAll("\"runs\": \\[.*\\]", "\"runs\": []"));
    e =
        assertThrows(
            InvalidInputException.class, () -> SweepReport.write(bad, config, outcome.results()));
    assertTrue(e.getMessage().contains(": runs is empty;"), e.getMessage());
  }

  @Test
  void aNewDirectoryMayHoldTheTimingFileBeforeTheFirstRun() throws Exception {
    Path fresh = Files.createDirectories(dir.resolve("fresh"));
    Files.writeString(fresh.resolve(PyTorchTiming.FILE), TIMING);
    SweepConfig one = TinySweeps.config(List.of("reference"), List.of(1.0), 1, false);
    SweepOutcome o =
        new Sweep(
                one,
                TinySweeps.registry(),
                1,
                SweepProgress.none(),
                new PrintWriter(new StringWriter()))
            .run(fresh);
    assertEquals(1, o.trained());
  }

  @Test
  void backendsWithEqualResultsAreDrawnApartWithTheirOwnMarks() {
    BiasChart chart =
        SweepCharts.halfLifeVsBias(config, SweepSummary.rows(config, outcome.results()));
    BiasChart.Series reference = chart.series().get(0);
    BiasChart.Series twin = chart.series().get(2);
    assertEquals("IRF half-life, reference", reference.name());
    assertEquals("IRF half-life, twin", twin.name());
    assertEquals(List.of(reference.y()[0], reference.y()[1]), List.of(twin.y()[0], twin.y()[1]));
    assertEquals(0.023, twin.x()[0] - reference.x()[0], 1e-12); // 1.5% of the span 0.5..2, rounded
    assertNotEquals(reference.variant(), twin.variant());
    assertTrue(
        chart
            .xAxis()
            .endsWith("(backends drawn 0.023 apart so that equal values stay" + " visible)"),
        chart.xAxis());
    assertTrue(chart.png().length > 0);
  }
}
