package io.lstmirf.experiment.sweep;

import io.lstmirf.api.Availability;
import io.lstmirf.api.BackendUnavailableException;
import io.lstmirf.api.Backends;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.api.json.ModelJson;
import io.lstmirf.api.train.EpochReport;
import io.lstmirf.irf.data.PreparedSeries;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a {@link SweepConfig} into an output directory, resumably. The directory holds {@value
 * #CONFIG_FILE} (the configuration, written atomically) and {@value #TRIALS_FILE} (one line per
 * finished trial, see {@link TrialLog}) with each trained model in {@value #MODELS_DIR}/ ({@link
 * TrialKey#modelFileName()}, written atomically before its trial is recorded); a run trains only
 * the trials not recorded there yet, so a second run trains nothing and an interrupted one loses at
 * most the trials in progress. A re-run whose configuration does not merely add trials to the
 * recorded one is refused before anything is written, as is a second sweep writing into the same
 * directory at the same time.
 *
 * <p>Trials run on a {@link TrialExecutor}: {@code parallel} threads of this process, each with its
 * own model, or wherever an executor from a {@link TrialExecutorProvider} sends them. Every trial
 * is deterministic on its own, so the results depend on neither; the results come back here and are
 * recorded as each arrives.
 */
public final class Sweep {
  /** The recorded configuration. */
  public static final String CONFIG_FILE = "sweep.json";

  /** The recorded trials. */
  public static final String TRIALS_FILE = "trials.jsonl";

  /** Where each trained model is written, as {@link TrialKey#modelFileName()} (lstm-irf JSON). */
  public static final String MODELS_DIR = "models";

  /** Held while a sweep writes into the directory. */
  public static final String LOCK_FILE = ".lock";

  /**
   * PyTorch's time for the same training, which the report cites when it is there
   * (docs/bench/pytorch-train-timing.py writes it); it may be put in a new directory first.
   */
  public static final String PYTORCH_TIMING_FILE = "pytorch-timing.json";

  private final SweepConfig config;
  private final Map<String, LstmBackend> backends;
  private final TrialExecutor executor;
  private final SweepProgress progress;
  private final PrintWriter notes;

  /**
   * A sweep on {@code parallel} threads of this process.
   *
   * @param registry where the config's backends are looked up; each must be available
   * @param parallel trials at once, at least 1
   * @param notes where recovery notes go (stderr)
   * @throws BackendUnavailableException listing every named backend that cannot run here, why
   */
  public Sweep(
      SweepConfig config,
      Backends registry,
      int parallel,
      SweepProgress progress,
      PrintWriter notes) {
    this(config, registry, TrialExecutors.threads(parallel), progress, notes);
  }

  /**
   * A sweep whose trials run on {@code executor}, which the caller closes.
   *
   * @param registry where the config's backends are looked up; each must be available here (an
   *     executor elsewhere looks them up again where the trials run)
   * @param notes where recovery notes go (stderr)
   * @throws BackendUnavailableException listing every named backend that cannot run here, why
   */
  public Sweep(
      SweepConfig config,
      Backends registry,
      TrialExecutor executor,
      SweepProgress progress,
      PrintWriter notes) {
    this.config = Objects.requireNonNull(config, "config");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.notes = Objects.requireNonNull(notes, "notes");
    this.backends = resolve(config.backends(), registry);
  }

  private static Map<String, LstmBackend> resolve(List<String> names, Backends registry) {
    Map<String, LstmBackend> out = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String name : names) {
      LstmBackend b = registry.get(name);
      Availability a = b.availability();
      if (a.available()) {
        out.put(name, b);
      } else {
        problems.add(b.name() + ": " + a.reason());
      }
    }
    if (!problems.isEmpty()) {
      throw new BackendUnavailableException(
          "--backends names "
              + problems.size()
              + " backend(s) that cannot run here: "
              + String.join("; ", problems)
              + ". Leave them out of --backends, or fix the cause");
    }
    return out;
  }

  /**
   * Runs every trial not yet recorded in {@code dir}.
   *
   * @throws InvalidInputException if the directory holds something else, or a different sweep
   * @throws LstmIrfException if a trial fails; the trials finished before are kept
   */
  public SweepOutcome run(Path dir) {
    PreparedSeries data = prepare();
    requireUsable(dir);
    try (FileChannel lockChannel =
            FileChannel.open(
                dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(lockChannel, dir)) {
      Path configFile = dir.resolve(CONFIG_FILE);
      if (Files.exists(configFile)) {
        SweepConfig recorded =
            SweepConfig.fromJson(JsonFiles.read(configFile, "sweep record"), configFile.toString());
        List<String> conflicts = config.conflictsWith(recorded);
        if (!conflicts.isEmpty()) {
          throw new InvalidInputException(
              dir
                  + " holds a different sweep: "
                  + String.join("; ", conflicts)
                  + ". A re-run may only add trials; repeat the"
                  + " recorded options ("
                  + recorded.options()
                  + ") or use a new --out directory");
        }
      }
      JsonFiles.writeAtomically(configFile, config.toJson().toPrettyString() + "\n");
      try (TrialLog log = TrialLog.open(dir.resolve(TRIALS_FILE), notes)) {
        return runPending(data, log, dir);
      }
    } catch (IOException e) {
      throw new LstmIrfException(
          "cannot lock " + dir.resolve(LOCK_FILE) + ": " + e.getMessage(), e);
    }
  }

  /** The data, prepared, checked to be long enough for every measurement before training. */
  private PreparedSeries prepare() {
    ExperimentSpec e = config.experiment();
    PreparedSeries data = PreparedSeries.of(config.data().load(), e.windowing(), e.trainFraction());
    int needed = e.shock().time() + e.horizon();
    int have = data.validationStretch().length;
    if (have < needed) {
      throw new InvalidInputException(
          "the validation part is too short for the generalized"
              + " IRF: each history needs lookback/2 + horizon = "
              + needed
              + " steps, but the"
              + " validation windows cover "
              + have
              + "; use a longer series (--samples, or more"
              + " rows in --data) or a shorter --lookback");
    }
    return data;
  }

  private SweepOutcome runPending(PreparedSeries data, TrialLog log, Path dir) {
    List<TrialKey> plan = config.trials();
    List<TrialKey> pending = plan.stream().filter(k -> !log.contains(k)).toList();
    int skipped = plan.size() - pending.size();
    progress.started(skipped, pending);
    List<TrialFailure> failures = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    if (!pending.isEmpty()) {
      executor.run(
          new TrialBatch(TrialWork.of(config.experiment(), data), backends),
          pending,
          new Recording(log, failures, dir.resolve(MODELS_DIR)));
    }
    if (!failures.isEmpty()) {
      // in the plan's order, not the order they failed in: the same sweep, the same message
      List<TrialFailure> inPlanOrder = new ArrayList<>(failures);
      inPlanOrder.sort(java.util.Comparator.comparingInt(f -> plan.indexOf(f.key())));
      throw failed(inPlanOrder);
    }
    Map<TrialKey, TrialResult> recorded = log.results();
    List<TrialResult> results = plan.stream().map(recorded::get).toList();
    return new SweepOutcome(
        config, results, pending.size(), skipped, (System.nanoTime() - start) / 1e9);
  }

  /** A trial that could not be finished, and why. */
  private record TrialFailure(TrialKey key, Throwable cause) {
    String why() {
      return cause instanceof LstmIrfException ? cause.getMessage() : cause.toString();
    }
  }

  /** Records each result as it comes back, and reports it. */
  private final class Recording implements TrialListener {
    private final TrialLog log;
    private final List<TrialFailure> failures;
    private final Path models;

    Recording(TrialLog log, List<TrialFailure> failures, Path models) {
      this.log = log;
      this.failures = failures;
      this.models = models;
    }

    @Override
    public void started(TrialKey key) {
      progress.trialStarted(key);
    }

    @Override
    public void epoch(TrialKey key, EpochReport report) {
      progress.epoch(key, report);
    }

    @Override
    public void finished(TrialOutcome outcome) {
      TrialResult result = outcome.result();
      // the model file first: a trial recorded in trials.jsonl always has its model
      ModelJson.write(outcome.model(), models.resolve(result.key().modelFileName()));
      log.append(result);
      progress.finished(result);
    }

    @Override
    public void failed(TrialKey key, Throwable cause) {
      failures.add(new TrialFailure(key, cause));
    }
  }

  private static LstmIrfException failed(List<TrialFailure> failures) {
    TrialFailure first = failures.get(0);
    if (failures.size() == 1) {
      return new LstmIrfException(
          "trial "
              + first.key().id()
              + " failed: "
              + first.why()
              + ". The trials finished before it are recorded; run the same command again to"
              + " resume",
          first.cause());
    }
    return new LstmIrfException(
        failures.size()
            + " trials failed: "
            + failures.stream()
                .map(f -> f.key().id() + ": " + f.why())
                .collect(Collectors.joining("; "))
            + ". The other trials are recorded; run the same command again to retry these",
        first.cause());
  }

  /** Refuses a directory that holds files but no sweep. */
  private static void requireUsable(Path dir) {
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new InvalidInputException("--out " + dir + " is a file; give a directory");
      }
      Files.createDirectories(dir);
      if (!Files.exists(dir.resolve(CONFIG_FILE))) {
        try (Stream<Path> entries = Files.list(dir)) {
          List<String> other =
              entries
                  .map(p -> p.getFileName().toString())
                  .filter(n -> !n.equals(LOCK_FILE) && !n.equals(PYTORCH_TIMING_FILE))
                  .sorted()
                  .limit(5)
                  .toList();
          if (!other.isEmpty()) {
            throw new InvalidInputException(
                "--out "
                    + dir
                    + " is not empty ("
                    + String.join(", ", other)
                    + ") and holds no "
                    + CONFIG_FILE
                    + "; give a new or empty"
                    + " directory, so no file of yours is overwritten");
          }
        }
      }
    } catch (IOException e) {
      throw new LstmIrfException("cannot use --out " + dir + ": " + e.getMessage(), e);
    }
  }

  private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new InvalidInputException(
          "another sweep is writing to "
              + dir
              + " right now; wait"
              + " for it to finish or use another --out directory");
    }
    return lock;
  }
}
