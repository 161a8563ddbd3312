package io.lstmirf.sweep.spark;

import io.lstmirf.api.Availability;
import io.lstmirf.api.Capabilities;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.backend.reference.ReferenceBackend;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * Backends for the executor's failure paths, registered for ServiceLoader in the test resources
 * so that Spark's executors find them: the reference under another name, failing on a Spark
 * task's first attempt ({@link Flaky}) or on every attempt ({@link Broken}).
 */
final class TestBackends {
  private TestBackends() {}

  /** The reference under {@code name}; {@link #fail} decides whether a model may be made. */
  abstract static class Renamed implements LstmBackend {
    private final LstmBackend reference = new ReferenceBackend();
    private final String name;

    Renamed(String name) {
      this.name = name;
    }

    abstract boolean fail();

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return "the reference, failing on purpose";
    }

    @Override
    public Availability availability() {
      return reference.availability();
    }

    @Override
    public Capabilities capabilities() {
      return reference.capabilities();
    }

    @Override
    public LstmModel create(LstmWeights weights, ModelOptions options) {
      if (fail()) {
        throw new LstmIrfException("engine crashed");
      }
      return reference.create(weights, options);
    }
  }

  /** Fails the first attempt of every Spark task; outside Spark it never fails. */
  public static final class Flaky extends Renamed {
    public Flaky() {
      super("flaky");
    }

    @Override
    boolean fail() {
      TaskContext task = TaskContext.get();
      return task != null && task.attemptNumber() == 0;
    }
  }

  /** Fails every time, counting the attempts. */
  public static final class Broken extends Renamed {
    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    public Broken() {
      super("broken");
    }

    @Override
    boolean fail() {
      ATTEMPTS.incrementAndGet();
      return true;
    }
  }
}
