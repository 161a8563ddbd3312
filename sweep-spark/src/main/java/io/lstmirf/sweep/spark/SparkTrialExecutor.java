package io.lstmirf.sweep.spark;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.experiment.sweep.TrialBatch;
import io.lstmirf.experiment.sweep.TrialExecutor;
import io.lstmirf.experiment.sweep.TrialJson;
import io.lstmirf.experiment.sweep.TrialKey;
import io.lstmirf.experiment.sweep.TrialListener;
import io.lstmirf.experiment.sweep.TrialOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Trials as Spark tasks: one job of one task per trial, all submitted at once (Spark's FIFO
 * scheduler starts them in the sweep's order), each result handed to the sweep as its job ends. A
 * task that fails is retried by Spark ({@code spark.task.maxFailures}, 4 on a cluster; in {@code
 * local[N,F]}, F attempts), a lost executor's tasks run again elsewhere, and a trial that keeps
 * failing comes back as that trial's failure while the others go on.
 */
final class SparkTrialExecutor implements TrialExecutor {
  private static final Pattern GAVE_UP =
      Pattern.compile(
          "failed (\\d+) times?, most recent"
              + " failure: Lost task \\S+ in stage \\S+ \\(TID \\d+\\) \\(([^)]*)\\): (.*)");
  private static final long NO_EXECUTOR_NOTE_NANOS = 30_000_000_000L;

  private final SparkSettings settings;
  private final JavaSparkContext sc;
  private final TrialEvents events;
  private final PrintWriter notes;
  private final Path packed;
  private boolean closed;

  private SparkTrialExecutor(
      SparkSettings settings,
      JavaSparkContext sc,
      TrialEvents events,
      PrintWriter notes,
      Path packed) {
    this.settings = settings;
    this.sc = sc;
    this.events = events;
    this.notes = notes;
    this.packed = packed;
  }

  /** Starts Spark on {@code s.master()}: the embedded {@code local[N]}, or a cluster's driver. */
  static SparkTrialExecutor start(SparkSettings s, PrintWriter notes) {
    requireClusterManager(s);
    if (s.kind() == SparkSettings.Kind.STANDALONE) {
      requireReachable(s.master());
    }
    QuietLogging.apply();
    Map<String, String> conf = new LinkedHashMap<>(s.conf());
    Path packed = null;
    if (s.kind() != SparkSettings.Kind.LOCAL
        && !conf.containsKey("spark.jars")
        && !conf.containsKey("spark.executor.extraClassPath")) {
      packed = tempFolder();
      conf.put(
          "spark.jars",
          ShippedJars.of(ShippedJars.classPath(), packed).stream()
              .map(Path::toString)
              .collect(Collectors.joining(",")));
      // the shipped jars first: trials run with the versions this build pinned and tested
      // (protobuf for TensorFlow, Jackson), not the cluster's
      conf.putIfAbsent("spark.executor.userClassPathFirst", "true");
    }
    SparkConf sparkConf = new SparkConf(false);
    conf.forEach(sparkConf::set);
    long start = System.nanoTime();
    JavaSparkContext sc;
    try {
      sc = new JavaSparkContext(sparkConf);
    } catch (RuntimeException e) {
      delete(packed);
      throw new LstmIrfException(
          "cannot start Spark on " + s.master() + ": " + firstLine(e.getMessage()), e);
    }
    TrialEvents events = new TrialEvents(notes, s.kind() != SparkSettings.Kind.LOCAL);
    sc.sc().addSparkListener(events);
    notes.printf(
        Locale.ROOT,
        "spark: %s started in %.1f s (Spark %s, application %s)%n",
        s.master(),
        (System.nanoTime() - start) / 1e9,
        sc.version(),
        sc.sc().applicationId());
    notes.flush();
    return new SparkTrialExecutor(s, sc, events, notes, packed);
  }

  @Override
  public int parallelism() {
    try {
      return Math.max(1, sc.defaultParallelism());
    } catch (IllegalStateException e) { // "Cannot call methods on a stopped SparkContext"
      throw whenStopped(e);
    }
  }

  @Override
  public String describe() {
    return "Spark " + settings.master();
  }

  @Override
  public void run(TrialBatch batch, List<TrialKey> trials, TrialListener listener) {
    Broadcast<String> work;
    try {
      work = sc.broadcast(batch.work().toJson());
    } catch (RuntimeException e) {
      throw whenStopped(e);
    }
    TrialTask task = new TrialTask(work);
    events.watch(trials.stream().collect(Collectors.toMap(TrialKey::id, k -> k)), listener);
    Map<TrialKey, JavaFutureAction<List<String>>> running = new LinkedHashMap<>();
    long start = System.nanoTime();
    boolean warned = false;
    try {
      for (TrialKey key : trials) {
        sc.setLocalProperty(TrialEvents.TRIAL, key.id());
        sc.setJobDescription("trial " + key.id());
        running.put(
            key, sc.parallelize(List.of(TrialJson.keyLine(key)), 1).map(task).collectAsync());
      }
      while (!running.isEmpty()) {
        boolean any = false;
        for (Iterator<Map.Entry<TrialKey, JavaFutureAction<List<String>>>> it =
                running.entrySet().iterator();
            it.hasNext(); ) {
          Map.Entry<TrialKey, JavaFutureAction<List<String>>> e = it.next();
          if (e.getValue().isDone()) {
            it.remove();
            any = true;
            collect(e.getKey(), e.getValue(), listener);
          }
        }
        if (!any && sc.sc().isStopped()) { // no job of a stopped context ends by itself
          for (TrialKey key : running.keySet()) {
            listener.failed(key, new LstmIrfException(stoppedReason()));
          }
          running.clear();
          break;
        }
        if (!any) {
          if (!warned
              && settings.kind() != SparkSettings.Kind.LOCAL
              && events.executors() == 0
              && System.nanoTime() - start > NO_EXECUTOR_NOTE_NANOS) {
            warned = true;
            notes.println(
                "spark: no executor has joined after 30 s; is a worker registered"
                    + " with "
                    + settings.master()
                    + ", with a free core and "
                    + settings.conf().get("spark.executor.memory")
                    + " of memory?");
            notes.flush();
          }
          events.awaitJobEnd(1000);
        }
      }
    } catch (RuntimeException e) {
      RuntimeException reported = whenStopped(e);
      if (reported != e) {
        running.values().forEach(f -> f.cancel(true));
      }
      throw reported;
    } catch (InterruptedException e) {
      running.values().forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new LstmIrfException("sweep interrupted; finished trials are recorded", e);
    } finally {
      sc.setLocalProperty(TrialEvents.TRIAL, null);
      events.watch(Map.of(), null);
      work.destroy();
    }
  }

  /** Hands a finished job's result, or its failure, to the sweep. */
  private static void collect(
      TrialKey key, JavaFutureAction<List<String>> job, TrialListener listener)
      throws InterruptedException {
    TrialOutcome r;
    try {
      List<String> lines = job.get();
      r = TrialOutcome.fromText(lines.get(0), "the result of trial " + key.id());
      if (!r.result().key().equals(key)) {
        throw new LstmIrfException(
            "Spark returned trial " + r.result().key().id() + " for " + key.id());
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      listener.failed(key, new LstmIrfException(gaveUp(cause.getMessage()), cause));
      return;
    } catch (RuntimeException e) {
      listener.failed(key, e);
      return;
    }
    try {
      listener.finished(r);
    } catch (RuntimeException e) {
      listener.failed(key, e);
    }
  }

  /**
   * {@code e}, or, when Spark has stopped this application, the reason in one line. Spark stops its
   * context by itself, in another thread, when the driver cannot register with any master or loses
   * it; whatever touches the context first then fails with Spark's own symptom (an NPE, "Cannot
   * call methods on a stopped SparkContext").
   */
  private RuntimeException whenStopped(RuntimeException e) {
    return sc.sc().isStopped() ? new LstmIrfException(stoppedReason(), e) : e;
  }

  /** Why trials cannot run on a context Spark stopped, and what to check. */
  private String stoppedReason() {
    return "Spark stopped the application on "
        + settings.master()
        + (settings.kind() == SparkSettings.Kind.LOCAL
            ? ""
            : ": the driver could not register with the master or lost it (a secret or a"
                + " spark.network.crypto.enabled that differs from the cluster's does this; the"
                + " master's log says which)")
        + "; the trials finished before are recorded";
  }

  /** Spark's account of a job that failed, in one line. */
  static String gaveUp(String sparkMessage) {
    String first = firstLine(sparkMessage);
    Matcher m = GAVE_UP.matcher(first);
    if (m.find()) {
      return "Spark gave up after "
          + m.group(1)
          + " attempt(s), the last on "
          + m.group(2)
          + ": "
          + m.group(3);
    }
    return "Spark: " + first;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("").strip();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      sc.stop();
      delete(packed);
    }
  }

  /** YARN and Kubernetes need Spark modules the launcher does not carry; spark-submit has them. */
  private static void requireClusterManager(SparkSettings s) {
    String manager =
        switch (s.kind()) {
          case YARN -> "org.apache.spark.deploy.yarn.YarnClusterManager";
          case KUBERNETES -> "org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager";
          default -> null;
        };
    if (manager == null) {
      return;
    }
    try {
      Class.forName(manager, false, SparkTrialExecutor.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new InvalidInputException(
          "--master "
              + s.master()
              + " needs Spark's "
              + (s.kind() == SparkSettings.Kind.YARN ? "YARN" : "Kubernetes")
              + " support, which"
              + " this class path lacks: submit with the cluster's spark-submit (README, \"Sweeps on"
              + " a cluster\")");
    }
  }

  /** A clear error now rather than Spark's retries for a minute. */
  private static void requireReachable(String master) {
    List<String> tried = new ArrayList<>();
    for (String[] hp : SparkSettings.standaloneHosts(master)) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), 5000);
        return;
      } catch (IOException e) {
        tried.add(hp[0] + ":" + hp[1] + " (" + e.getMessage() + ")");
      }
    }
    throw new LstmIrfException(
        "cannot reach the Spark master at "
            + String.join(", ", tried)
            + "; is it running, at the address it printed?");
  }

  private static Path tempFolder() {
    try {
      return Files.createTempDirectory("lstm-irf-spark-jars");
    } catch (IOException e) {
      throw new LstmIrfException(
          "cannot make a folder for the executors' jars: " + e.getMessage(), e);
    }
  }

  private static void delete(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temporary folder is no reason to fail a finished sweep
    }
  }
}
