package io.lstmirf.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.irf.data.PreparedSeries;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trial-executor seam: the portable work, the provider lookup, and executors' results. */
class TrialExecutorTest {
  @TempDir Path dir;
  final PrintWriter notes = new PrintWriter(new StringWriter(), true);

  @Test
  void theWorkRoundTripsEveryNumberAndCarriesNoPath() throws IOException {
    Path csv = dir.resolve("secret-place").resolve("prices.csv");
    Files.createDirectories(csv.getParent());
    StringBuilder text = new StringBuilder("close\n");
    for (int i = 0; i < 90; i++) {
      text.append(Math.sin(i / 7.0) / 3 + 0.1 * i).append('\n');
    }
    Files.writeString(csv, text);
    DataSource source = DataSource.CsvColumn.of(csv, "close", ',');
    ExperimentSpec e = TinySweeps.EXPERIMENT;
    PreparedSeries data = PreparedSeries.of(source.load(), e.windowing(), e.trainFraction());
    String json = TrialWork.of(e, data).toJson();
    assertFalse(json.contains("secret-place"), json);
    assertFalse(json.contains(dir.toString()), json);
    TrialWork back = TrialWork.fromJson(json);
    assertEquals(e, back.experiment());
    assertArrayEquals(data.raw(), back.data().raw(), "every value exact");
    assertEquals(json, back.toJson());
  }

  @Test
  void aWorkOfAnotherFormatIsRefusedByName() {
    String json =
        new TrialWork(TinySweeps.EXPERIMENT, new double[] {1, 2})
            .toJson()
            .replace(TrialWork.FORMAT, "lstm-irf-trial-work/9");
    InvalidInputException x =
        assertThrows(InvalidInputException.class, () -> TrialWork.fromJson(json));
    assertTrue(x.getMessage().contains("different versions"), x.getMessage());
  }

  @Test
  void keysRoundTripForEverySetting() {
    SweepConfig config = TinySweeps.config(List.of("reference", "twin"), List.of(0.5), 2, true);
    for (TrialKey k : config.trials()) {
      assertEquals(k, TrialJson.readKey(TrialJson.keyLine(k)));
    }
  }

  @Test
  void aMasterFindsItsProviderAndTrialsRunFromThePortableFormExactlyAsOnThreads() {
    SweepConfig config =
        TinySweeps.config(List.of("reference", "twin"), List.of(0.0, 2.0), 2, true);
    SweepOutcome threads =
        new Sweep(config, TinySweeps.registry(), 2, SweepProgress.none(), notes)
            .run(dir.resolve("threads"));
    SweepOutcome remote;
    try (TrialExecutor executor = TrialExecutors.forMaster("roundtrip", Map.of("k", "v"), notes)) {
      assertEquals("round trip", executor.describe());
      remote =
          new Sweep(config, TinySweeps.registry(), executor, SweepProgress.none(), notes)
              .run(dir.resolve("remote"));
    }
    assertEquals(Map.of("k", "v"), RoundTripExecutorProvider.lastSettings);
    assertEquals(config.trials().size(), remote.trained());
    assertEquals(TinySweeps.measured(threads.results()), TinySweeps.measured(remote.results()));
  }

  @Test
  void aMasterNoProviderRunsIsOneErrorListingWhatIsThere() {
    InvalidInputException x =
        assertThrows(
            InvalidInputException.class,
            () -> TrialExecutors.forMaster("spark://127.0.0.1:7077", Map.of(), notes));
    assertEquals(
        "--master spark://127.0.0.1:7077 is not a master any trial executor here runs;"
            + " give one of roundtrip: roundtrip",
        x.getMessage());
  }

  @Test
  void theThreadPoolRefusesFewerThanOneThread() {
    InvalidInputException x =
        assertThrows(InvalidInputException.class, () -> TrialExecutors.threads(0));
    assertEquals("--parallel must be at least 1, got 0", x.getMessage());
    assertEquals("3 threads", TrialExecutors.threads(3).describe());
  }
}
