package io.lstmirf.sweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.json.ModelJson;
import io.lstmirf.experiment.sweep.Sweep;
import io.lstmirf.experiment.sweep.SweepConfig;
import io.lstmirf.experiment.sweep.SweepOutcome;
import io.lstmirf.experiment.sweep.SweepProgress;
import io.lstmirf.experiment.sweep.TinySweeps;
import io.lstmirf.experiment.sweep.TrialExecutor;
import io.lstmirf.experiment.sweep.TrialExecutors;
import io.lstmirf.experiment.sweep.TrialKey;
import io.lstmirf.experiment.sweep.TrialResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps on Spark embedded in {@code local[2,2]} (two task threads, two attempts per task): the
 * same numbers as the thread pool, resumed without resubmitting, a failed attempt retried, a trial
 * that keeps failing reported while the others are recorded, and nothing listening beyond the
 * loopback. One Spark for the class: starting it is most of the time.
 */
class LocalSparkSweepTest {
  static final StringWriter NOTES = new StringWriter();
  static final PrintWriter OUT = new PrintWriter(NOTES, true);
  static TrialExecutor spark;
  static Backends registry;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    registry = Backends.discover();
    spark = TrialExecutors.forMaster("local[2,2]", Map.of(), OUT);
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.close();
    }
  }

  static SweepOutcome sweep(SweepConfig config, TrialExecutor executor, Path out) {
    return new Sweep(config, registry, executor, SweepProgress.none(), OUT).run(out);
  }

  @Test
  void sparkTrialsMeasureExactlyWhatThreadsMeasureAndAreRecordedAsTheyArrive() throws IOException {
    SweepConfig config =
        TinySweeps.config(List.of("reference", "tfjava"), List.of(0.0, 2.0), 1, false);
    SweepOutcome threads = sweep(config, TrialExecutors.threads(2), dir.resolve("threads"));
    SweepOutcome onSpark = sweep(config, spark, dir.resolve("spark"));
    assertEquals("Spark local[2,2]", spark.describe());
    assertEquals(2, spark.parallelism());
    assertEquals(4, onSpark.trained());
    assertEquals(config.trials(), onSpark.results().stream().map(TrialResult::key).toList());
    assertEquals(TinySweeps.measured(threads.results()), TinySweeps.measured(onSpark.results()));
    assertEquals(4, Files.readAllLines(dir.resolve("spark").resolve(Sweep.TRIALS_FILE)).size());
    for (TrialKey key : config.trials()) { // the trained models come back and are saved too
      Path model = Path.of(Sweep.MODELS_DIR, key.modelFileName());
      assertEquals(
          ModelJson.read(dir.resolve("threads").resolve(model)),
          ModelJson.read(dir.resolve("spark").resolve(model)),
          key.id());
    }
    assertTrue(NOTES.toString().contains("spark: local[2,2] started in"), NOTES.toString());
  }

  @Test
  void aResumedSweepSubmitsOnlyTheTrialsNotRecorded() throws IOException {
    SweepConfig config = TinySweeps.config(List.of("reference"), List.of(0.0, 2.0), 2, false);
    Path out = dir.resolve("resume");
    SweepOutcome first = sweep(config, spark, out);
    Path log = out.resolve(Sweep.TRIALS_FILE);
    List<String> lines = Files.readAllLines(log);
    Files.write(log, lines.subList(0, 3)); // as if the run had stopped after three trials
    SweepOutcome resumed = sweep(config, spark, out);
    assertEquals(1, resumed.trained());
    assertEquals(3, resumed.skipped());
    assertEquals(TinySweeps.measured(first.results()), TinySweeps.measured(resumed.results()));
    assertEquals(0, sweep(config, spark, out).trained());
  }

  @Test
  void aFailedAttemptIsRetriedBySparkAndGivesTheReferencesNumbers() {
    SweepConfig config = TinySweeps.config(List.of("reference", "flaky"), List.of(1.0), 1, false);
    SweepOutcome outcome = sweep(config, spark, dir.resolve("flaky"));
    assertEquals(2, outcome.trained());
    List<Object> reference = TinySweeps.measured(outcome.results().get(0));
    List<Object> flaky = TinySweeps.measured(outcome.results().get(1));
    assertEquals(reference.subList(1, reference.size()), flaky.subList(1, flaky.size()));
    // Spark names the local executor's host by this machine's address, not the loopback's
    assertTrue(
        hostless(NOTES.toString())
            .contains(
                "spark: trial flaky b=1.0 seed=42: attempt 1"
                    + " on executor driver (HOST) failed: io.lstmirf.api.LstmIrfException: engine crashed"),
        NOTES.toString());
  }

  @Test
  void aTrialThatKeepsFailingIsReportedAndTheOthersAreRecorded() throws IOException {
    SweepConfig config =
        TinySweeps.config(List.of("reference", "broken"), List.of(0.0, 2.0), 1, false);
    int before = TestBackends.Broken.ATTEMPTS.get();
    Path out = dir.resolve("broken");
    LstmIrfException e = assertThrows(LstmIrfException.class, () -> sweep(config, spark, out));
    assertEquals(
        "2 trials failed: broken b=0.0 seed=42: Spark gave up after 2 attempt(s), the"
            + " last on HOST executor driver: io.lstmirf.api.LstmIrfException: engine crashed;"
            + " broken b=2.0 seed=42: Spark gave up after 2 attempt(s), the last on HOST"
            + " executor driver: io.lstmirf.api.LstmIrfException: engine crashed. The other trials"
            + " are recorded; run the same command again to retry these",
        hostless(e.getMessage()));
    assertEquals(4, TestBackends.Broken.ATTEMPTS.get() - before, "two attempts per trial");
    List<String> recorded = Files.readAllLines(out.resolve(Sweep.TRIALS_FILE));
    assertEquals(2, recorded.size());
    recorded.forEach(l -> assertTrue(l.startsWith("{\"backend\":\"reference\""), l));
  }

  /** {@code text} with the local executor's host, which Spark takes from the machine, as HOST. */
  static String hostless(String text) {
    return text.replaceAll("\\(\\S+\\)( failed)", "(HOST)$1")
        .replaceAll("the last on \\S+ executor", "the last on HOST executor");
  }

  @Test
  void nothingListensBeyondTheLoopback() throws IOException {
    List<String> listening = ListeningSockets.ofThisProcess();
    assertFalse(listening.isEmpty(), "Spark's driver listens (RPC, block manager)");
    for (String address : listening) {
      assertTrue(ListeningSockets.isLoopback(address), "listens on " + address + ": " + listening);
    }
  }
}
