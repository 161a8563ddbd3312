package io.lstmirf.sweep.spark;

import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * The Spark task of one trial: its key (a line of JSON) in, its result (a line of trials.jsonl)
 * out. The work every trial shares travels once per executor, as a broadcast; neither carries a
 * local path or a credential.
 */
final class TrialTask implements Function<String, String> {
  private static final long serialVersionUID = 1L;
  private final Broadcast<String> work;

  TrialTask(Broadcast<String> work) {
    this.work = work;
  }

  @Override
  public String call(String keyLine) {
    return ExecutorSide.run(work.value(), keyLine);
  }
}
