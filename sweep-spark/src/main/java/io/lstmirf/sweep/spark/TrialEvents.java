package io.lstmirf.sweep.spark;

import io.lstmirf.experiment.sweep.TrialKey;
import io.lstmirf.experiment.sweep.TrialListener;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What the driver hears from Spark while trials run, in the sweep's terms: a trial's task started
 * (the progress bar's pace), an attempt failed and why (a one-line note: Spark runs it again up to
 * {@code spark.task.maxFailures} times, and a lost executor's tasks always), executors joining and
 * leaving a cluster; and a wake-up when a job ends, so results are recorded as they arrive. Spark
 * calls it on its listener thread.
 */
final class TrialEvents extends SparkListener {
  /** The local property naming a job's trial. */
  static final String TRIAL = "lstmirf.trial";

  private final PrintWriter notes;
  private final boolean cluster;
  private final Map<Integer, TrialKey> byStage = new ConcurrentHashMap<>();
  private final Semaphore jobsEnded = new Semaphore(0);
  private final Set<String> executors = ConcurrentHashMap.newKeySet();
  private volatile Map<String, TrialKey> trials = Map.of();
  private volatile TrialListener listener;

  TrialEvents(PrintWriter notes, boolean cluster) {
    this.notes = notes;
    this.cluster = cluster;
  }

  /** Reports the trials of {@code ids} (by {@link TrialKey#id()}) to {@code to} from now on. */
  void watch(Map<String, TrialKey> ids, TrialListener to) {
    this.trials = Map.copyOf(ids);
    this.listener = to;
  }

  /** Waits until a job ends or {@code millis} pass. */
  void awaitJobEnd(long millis) throws InterruptedException {
    if (jobsEnded.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
      jobsEnded.drainPermits();
    }
  }

  /** Executors that joined and are still there (a cluster's; local mode has none). */
  int executors() {
    return executors.size();
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    String id = start.properties() == null ? null : start.properties().getProperty(TRIAL);
    TrialKey key = id == null ? null : trials.get(id);
    if (key != null) {
      CollectionConverters.asJava(start.stageIds())
          .forEach(stage -> byStage.put((Integer) stage, key));
    }
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd end) {
    jobsEnded.release();
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart start) {
    TrialKey key = byStage.get(start.stageId());
    TrialListener to = listener;
    if (key != null && to != null) {
      to.started(key);
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    TrialKey key = byStage.get(end.stageId());
    if (key == null
        || end.taskInfo().successful()
        || !(end.reason() instanceof TaskFailedReason reason)) {
      return;
    }
    String why = reason.toErrorString().lines().findFirst().orElse("").strip();
    note(
        "trial "
            + key.id()
            + ": attempt "
            + (end.taskInfo().attemptNumber() + 1)
            + " on executor "
            + end.taskInfo().executorId()
            + " ("
            + end.taskInfo().host()
            + ") failed: "
            + why);
  }

  @Override
  public void onExecutorAdded(SparkListenerExecutorAdded added) {
    executors.add(added.executorId());
    if (cluster) {
      note(
          "executor "
              + added.executorId()
              + " joined on "
              + added.executorInfo().executorHost()
              + " ("
              + added.executorInfo().totalCores()
              + " cores)");
    }
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    boolean joined = executors.remove(removed.executorId());
    if (cluster) {
      String why = removed.reason().lines().findFirst().orElse("").strip();
      note(
          joined
              ? "executor "
                  + removed.executorId()
                  + " is gone ("
                  + why
                  + "); Spark runs its"
                  + " trials again elsewhere"
              : "executor "
                  + removed.executorId()
                  + " did not start ("
                  + why
                  + "); its stderr is in the worker's work directory");
    }
  }

  private void note(String line) {
    notes.println("spark: " + line);
    notes.flush();
  }
}
