package io.lstmirf.experiment.sweep;

import io.lstmirf.api.train.EpochReport;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A plain-text progress bar on stderr, one line per event so that it reads the same in a terminal
 * and in a log file: a line when a trial finishes, and a line while a trial trains at most every
 * {@link #EPOCH_LINE_NANOS} nanoseconds.
 *
 * <pre>
 * sweep [#########...........]  12/60  20%  elapsed 4m03s  ETA 16m10s  done: djl b=1.0 seed=42 (18.4 s, val 0.00213)
 * </pre>
 *
 * <p>The ETA adds, for every trial not yet finished, the mean duration of the finished trials of
 * its backend (backends differ several-fold, so one overall mean would mislead); for a backend with
 * none finished yet, the pace of its running trial (elapsed time over the share of epochs done);
 * for a backend not seen at all, the mean of all finished trials (or of the paces seen); and
 * divides by the trials running at once.
 */
public final class ProgressBar implements SweepProgress {
  /** The least time between two epoch lines: 10 s. */
  public static final long EPOCH_LINE_NANOS = 10_000_000_000L;

  private static final int WIDTH = 20;

  private final PrintWriter out;
  private final int parallel;
  private final LongSupplier clock;
  private final Set<TrialKey> remaining = new LinkedHashSet<>();
  private final Map<String, double[]> secondsByBackend = new HashMap<>(); // {sum, count}
  private final Map<TrialKey, Long> running = new HashMap<>(); // start time
  private final Map<String, Double> paceByBackend = new HashMap<>(); // projected seconds
  private long startNanos;
  private long lastEpochLine;
  private int total;
  private int finished;

  /** A bar on {@code out} for a sweep running {@code parallel} trials at once. */
  public ProgressBar(PrintWriter out, int parallel) {
    this(out, parallel, System::nanoTime);
  }

  ProgressBar(PrintWriter out, int parallel, LongSupplier clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.parallel = Math.max(1, parallel);
    this.clock = clock;
  }

  @Override
  public synchronized void started(int done, List<TrialKey> pending) {
    remaining.addAll(pending);
    total = pending.size();
    startNanos = clock.getAsLong();
    lastEpochLine = startNanos;
    out.printf(
        Locale.ROOT,
        "sweep: %d trial(s) to run%s, %d at a time%n",
        total,
        done > 0 ? " (" + done + " already recorded, skipped)" : "",
        parallel);
    out.flush();
  }

  @Override
  public synchronized void trialStarted(TrialKey key) {
    running.put(key, clock.getAsLong());
  }

  @Override
  public synchronized void epoch(TrialKey key, EpochReport report) {
    long now = clock.getAsLong();
    Long start = running.get(key);
    if (start != null) {
      paceByBackend.put(key.backend(), (now - start) / 1e9 * report.epochs() / report.epoch());
    }
    if (now - lastEpochLine < EPOCH_LINE_NANOS) {
      return;
    }
    lastEpochLine = now;
    line(
        now,
        String.format(
            Locale.ROOT,
            "training: %s epoch %d/%d (loss %.5g, val %.5g)",
            key.id(),
            report.epoch(),
            report.epochs(),
            report.trainLoss(),
            report.validationLoss()));
  }

  @Override
  public synchronized void finished(TrialResult r) {
    TrialKey key = r.key();
    remaining.remove(key);
    running.remove(key);
    finished++;
    double seconds = r.training().seconds() + r.analysisSeconds();
    double[] s = secondsByBackend.computeIfAbsent(key.backend(), b -> new double[2]);
    s[0] += seconds;
    s[1]++;
    long now = clock.getAsLong();
    lastEpochLine = now;
    line(
        now,
        String.format(
            Locale.ROOT,
            "done: %s (%.1f s, val %.5g)",
            key.id(),
            seconds,
            r.training().finalValidationLoss()));
  }

  private void line(long now, String what) {
    int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * finished / total);
    String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
    int percent = total == 0 ? 100 : (int) (100L * finished / total);
    out.printf(
        Locale.ROOT,
        "sweep [%s] %3d/%d %3d%%  elapsed %s  ETA %s  %s%n",
        bar,
        finished,
        total,
        percent,
        duration((now - startNanos) / 1e9),
        eta(),
        what);
    out.flush();
  }

  /** The estimated time to finish, or "?" before anything is known about any trial's pace. */
  String eta() {
    double allSum = 0;
    double allCount = 0;
    for (double[] s : secondsByBackend.values()) {
      allSum += s[0];
      allCount += s[1];
    }
    double fallback =
        allCount > 0
            ? allSum / allCount
            : paceByBackend.values().stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(Double.NaN);
    if (Double.isNaN(fallback)) {
      return "?";
    }
    long now = clock.getAsLong();
    double work = 0;
    for (TrialKey k : remaining) {
      double[] s = secondsByBackend.get(k.backend());
      Double pace = paceByBackend.get(k.backend());
      double each = s != null ? s[0] / s[1] : pace != null ? pace : fallback;
      Long start = running.get(k);
      work += start == null ? each : Math.max(0, each - (now - start) / 1e9);
    }
    return duration(work / parallel);
  }

  /** {@code 45s}, {@code 4m03s}, {@code 2h05m}. */
  static String duration(double seconds) {
    long s = Math.round(Math.max(0, seconds));
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
