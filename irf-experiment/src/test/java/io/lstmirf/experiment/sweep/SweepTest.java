package io.lstmirf.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.BackendUnavailableException;
import io.lstmirf.api.Backends;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.api.train.EpochReport;
import io.lstmirf.backend.reference.ReferenceBackend;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running, resuming and refusing sweeps, on the reference backend at toy sizes. */
class SweepTest {
  @TempDir Path dir;
  final StringWriter notes = new StringWriter();

  /** Records what a sweep reports. */
  static final class Recorder implements SweepProgress {
    final List<TrialKey> pending = Collections.synchronizedList(new ArrayList<>());
    final List<EpochReport> epochs = Collections.synchronizedList(new ArrayList<>());
    int done = -1;

    @Override
    public void started(int done, List<TrialKey> pending) {
      this.done = done;
      this.pending.addAll(pending);
    }

    @Override
    public void trialStarted(TrialKey key) {}

    @Override
    public void epoch(TrialKey key, EpochReport report) {
      epochs.add(report);
    }

    @Override
    public void finished(TrialResult result) {}
  }

  SweepOutcome run(SweepConfig config, Backends registry, int parallel, Recorder recorder) {
    return new Sweep(config, registry, parallel, recorder, new PrintWriter(notes, true)).run(dir);
  }

  SweepOutcome run(SweepConfig config) {
    return run(config, TinySweeps.registry(), 1, new Recorder());
  }

  List<String> lines() throws IOException {
    return Files.readAllLines(dir.resolve(Sweep.TRIALS_FILE));
  }

  static List<Object> measured(TrialResult r) {
    return TinySweeps.measured(r);
  }

  static Map<TrialKey, List<Object>> measured(List<TrialResult> results) {
    return TinySweeps.measured(results);
  }

  @Test
  void recordsEveryTrialAsALineAndASecondRunTrainsNothing() throws IOException {
    SweepConfig config = TinySweeps.config();
    Recorder first = new Recorder();
    SweepOutcome a = run(config, TinySweeps.registry(), 1, first);
    assertEquals(4, a.trained());
    assertEquals(0, a.skipped());
    assertEquals(config.trials(), a.results().stream().map(TrialResult::key).toList());
    assertEquals(4 * config.experiment().epochs(), first.epochs.size());
    List<String> lines = lines();
    assertEquals(4, lines.size());
    for (String line : lines) {
      TrialResult r = TrialJson.read(JsonFiles.parse(line, "line"));
      assertEquals(config.experiment().horizon(), r.irf().values().length);
      assertEquals(config.experiment().epochs(), r.training().epochs().size());
    }
    assertEquals(
        config,
        SweepConfig.fromJson(
            JsonFiles.read(dir.resolve(Sweep.CONFIG_FILE), "sweep.json"), "sweep.json"));
    byte[] before = Files.readAllBytes(dir.resolve(Sweep.TRIALS_FILE));

    Recorder second = new Recorder();
    SweepOutcome b = run(config, TinySweeps.registry(), 1, second);
    assertEquals(0, b.trained());
    assertEquals(4, b.skipped());
    assertEquals(4, second.done);
    assertTrue(second.pending.isEmpty());
    assertTrue(second.epochs.isEmpty(), "nothing trained");
    assertArrayEquals(before, Files.readAllBytes(dir.resolve(Sweep.TRIALS_FILE)));
    assertEquals(a.results(), b.results());
  }

  @Test
  void aTornLastLineIsDroppedWithANoteAndItsTrialRunsAgain() throws IOException {
    SweepConfig config = TinySweeps.config();
    Map<TrialKey, List<Object>> original = measured(run(config).results());
    Path file = dir.resolve(Sweep.TRIALS_FILE);
    String text = Files.readString(file);
    int lastStart = text.lastIndexOf('\n', text.length() - 2) + 1;
    // an append cut short by a crash: half of the last record, no newline
    Files.writeString(file, text.substring(0, lastStart + (text.length() - lastStart) / 2));

    SweepOutcome resumed = run(config);
    assertEquals(1, resumed.trained());
    assertTrue(notes.toString().contains("dropped a torn last line"), notes.toString());
    List<String> lines = lines();
    assertEquals(4, lines.size());
    lines.forEach(l -> TrialJson.read(JsonFiles.parse(l, "line")));
    assertTrue(Files.readString(file).endsWith("}\n"));
    // the trial ran again from the same weights and batches: the same numbers
    assertEquals(original, measured(resumed.results()));
  }

  @Test
  void aGarbledLastLineWithItsNewlineIsAlsoDropped() throws IOException {
    SweepConfig config = TinySweeps.config();
    run(config);
    Path file = dir.resolve(Sweep.TRIALS_FILE);
    List<String> lines = lines();
    lines.set(3, lines.get(3).substring(0, 40));
    Files.write(file, lines);
    assertEquals(1, run(config).trained());
    assertTrue(notes.toString().contains("line 4 is not a whole trial record"), notes.toString());
  }

  @Test
  void aDamagedLineBeforeTheLastIsAnErrorNamingIt() throws IOException {
    SweepConfig config = TinySweeps.config();
    run(config);
    List<String> lines = lines();
    lines.set(1, "{\"backend\": \"reference\"}");
    Files.write(dir.resolve(Sweep.TRIALS_FILE), lines);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(config));
    assertTrue(e.getMessage().contains("line 2 is not a trial record"), e.getMessage());
  }

  @Test
  void aDifferentSweepInTheSameDirectoryIsRefusedBeforeAnythingIsWritten() throws IOException {
    SweepConfig config = TinySweeps.config();
    run(config);
    byte[] recorded = Files.readAllBytes(dir.resolve(Sweep.CONFIG_FILE));
    SweepConfig otherEpochs =
        new SweepConfig(
            config.backends(),
            config.biases(),
            2,
            42,
            InitMode.FORGET,
            false,
            1.0,
            config.experiment().withEpochs(3),
            config.data());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(otherEpochs));
    assertTrue(
        e.getMessage().contains("--epochs is 3 here but 2 in the recorded sweep"), e.getMessage());
    assertTrue(e.getMessage().contains("--epochs 2"), "repeats the recorded options");
    SweepConfig fewerSeeds = TinySweeps.config(List.of("reference"), List.of(0.0), 1, false);
    e = assertThrows(InvalidInputException.class, () -> run(fewerSeeds));
    assertTrue(e.getMessage().contains("--biases drops 2.0"), e.getMessage());
    assertTrue(e.getMessage().contains("--seeds is 1, fewer than the recorded 2"), e.getMessage());
    assertArrayEquals(recorded, Files.readAllBytes(dir.resolve(Sweep.CONFIG_FILE)));
    assertEquals(4, lines().size());
  }

  @Test
  void aRunThatAddsTrialsTrainsOnlyThem() throws IOException {
    SweepConfig small = TinySweeps.config(List.of("reference"), List.of(0.0, 2.0), 1, false);
    Map<TrialKey, List<Object>> first = measured(run(small).results());
    SweepConfig larger =
        TinySweeps.config(List.of("reference", "twin"), List.of(0.0, 1.0, 2.0), 2, true);
    SweepOutcome grown = run(larger);
    assertEquals(larger.trials().size() - 2, grown.trained());
    assertEquals(2, grown.skipped());
    Map<TrialKey, List<Object>> all = measured(grown.results());
    first.forEach((k, v) -> assertEquals(v, all.get(k)));
    assertEquals(
        larger,
        SweepConfig.fromJson(
            JsonFiles.read(dir.resolve(Sweep.CONFIG_FILE), "sweep.json"), "sweep.json"));
  }

  @Test
  void parallelTrialsMeasureExactlyWhatSequentialOnesDo() {
    SweepConfig config =
        TinySweeps.config(List.of("reference", "twin"), List.of(0.5, 1.5), 2, true);
    Map<TrialKey, List<Object>> sequential = measured(run(config).results());
    Path parallelDir = dir.resolve("parallel");
    SweepOutcome parallel =
        new Sweep(config, TinySweeps.registry(), 3, SweepProgress.none(), new PrintWriter(notes))
            .run(parallelDir);
    assertEquals(config.trials(), parallel.results().stream().map(TrialResult::key).toList());
    assertEquals(sequential, measured(parallel.results()));
  }

  @Test
  void backendsTrainFromIdenticalWeightsOnIdenticalBatches() {
    SweepConfig config = TinySweeps.config(List.of("reference", "twin"), List.of(1.0), 1, false);
    List<TrialResult> r = run(config).results();
    // two copies of one engine: every number equal, so nothing but the engine can differ
    assertEquals(measured(r.get(0)).subList(2, 7), measured(r.get(1)).subList(2, 7));
  }

  @Test
  void refusesADirectoryHoldingOtherFiles() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "mine");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> run(TinySweeps.config()));
    assertTrue(e.getMessage().contains("is not empty (notes.txt)"), e.getMessage());
    assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
  }

  @Test
  void refusesToWriteWhileAnotherSweepHoldsTheDirectory() throws IOException {
    try (FileChannel c =
            FileChannel.open(
                dir.resolve(Sweep.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = c.lock()) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> run(TinySweeps.config()));
      assertTrue(e.getMessage().contains("another sweep is writing to"), e.getMessage());
    }
  }

  @Test
  void unavailableBackendsAreOneErrorListingEveryReason() {
    Backends registry =
        Backends.of(
            List.of(
                new ReferenceBackend(),
                TinySweeps.unavailable("dl4j", "natives missing"),
                TinySweeps.unavailable("djl", "no libtorch")));
    SweepConfig config =
        TinySweeps.config(List.of("reference", "dl4j", "djl"), List.of(1.0), 1, false);
    BackendUnavailableException e =
        assertThrows(
            BackendUnavailableException.class,
            () -> new Sweep(config, registry, 1, SweepProgress.none(), new PrintWriter(notes)));
    assertTrue(e.getMessage().contains("dl4j: natives missing; djl: no libtorch"), e.getMessage());
    assertThrows(
        LstmIrfException.class,
        () ->
            new Sweep(
                TinySweeps.config(List.of("nope"), List.of(1.0), 1, false),
                registry,
                1,
                SweepProgress.none(),
                new PrintWriter(notes)));
  }

  @Test
  void aFailedTrialKeepsTheFinishedOnesAndARerunCompletesTheSweep() throws IOException {
    // fails on the b_f = 2.0 arm: the first trial (b_f = 0.0) is already recorded by then
    LstmBackend flaky =
        new TinySweeps.Failing("reference") {
          @Override
          protected boolean fails(LstmWeights weights) {
            return weights.forgetBias(0)[0] == 2.0;
          }
        };
    SweepConfig config = TinySweeps.config();
    LstmIrfException e =
        assertThrows(
            LstmIrfException.class,
            () -> run(config, Backends.of(List.of(flaky)), 1, new Recorder()));
    assertTrue(
        e.getMessage().startsWith("trial reference b=2.0 seed=42 failed: engine crashed"),
        e.getMessage());
    assertEquals(1, lines().size());
    SweepOutcome rerun = run(config);
    assertEquals(3, rerun.trained());
    assertEquals(4, lines().size());
  }

  @Test
  void aValidationPartTooShortForTheGeneralizedIrfFailsBeforeTraining() {
    SweepConfig config =
        new SweepConfig(
            List.of("reference"),
            List.of(1.0),
            1,
            42,
            InitMode.FORGET,
            false,
            1.0,
            TinySweeps.EXPERIMENT.withHorizon(200),
            new DataSource.Synthetic(90, 42));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(config));
    assertTrue(e.getMessage().contains("too short for the generalized IRF"), e.getMessage());
    assertTrue(!Files.exists(dir.resolve(Sweep.TRIALS_FILE)));
  }
}
