package io.lstmirf.sweep.spark;

import io.lstmirf.api.LstmWeights;
import io.lstmirf.experiment.sweep.TinySweeps;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * Backends for the executor's failure paths, registered for ServiceLoader in the test resources so
 * that Spark's executors find them: the reference under another name, failing on a Spark task's
 * first attempt ({@link Flaky}) or on every attempt ({@link Broken}).
 */
final class TestBackends {
  private TestBackends() {}

  /** Fails the first attempt of every Spark task; outside Spark it never fails. */
  public static final class Flaky extends TinySweeps.Failing {
    public Flaky() {
      super("flaky");
    }

    @Override
    protected boolean fails(LstmWeights weights) {
      TaskContext task = TaskContext.get();
      return task != null && task.attemptNumber() == 0;
    }
  }

  /** Fails every time, counting the attempts. */
  public static final class Broken extends TinySweeps.Failing {
    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    public Broken() {
      super("broken");
    }

    @Override
    protected boolean fails(LstmWeights weights) {
      ATTEMPTS.incrementAndGet();
      return true;
    }
  }
}
