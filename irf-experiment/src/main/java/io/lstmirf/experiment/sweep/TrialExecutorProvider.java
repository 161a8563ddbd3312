package io.lstmirf.experiment.sweep;

import java.io.PrintWriter;
import java.util.Map;

/**
 * A way to run trials elsewhere than the built-in thread pool, found with {@link
 * java.util.ServiceLoader} when a sweep is given a master ({@code lstm-irf sweep --master URL}).
 * Providers are listed in {@code META-INF/services}; finding them must load nothing of what they
 * connect to, so that a sweep without a master never loads it: keep every engine or cluster class
 * out of the provider's fields and signatures, and load it in {@link #open}.
 */
public interface TrialExecutorProvider {

  /** A short name for messages: {@code spark}. */
  String name();

  /** The masters this provider runs, for messages: {@code local[N], spark://HOST:PORT, ...}. */
  String masters();

  /** Whether this provider runs trials on {@code master}; must not connect to anything. */
  boolean accepts(String master);

  /**
   * Connects to {@code master} and returns an executor that runs trials there.
   *
   * @param settings the executor's own settings ({@code --conf KEY=VALUE}), already split
   * @param notes where one-line notes on what happens on the cluster go (stderr)
   * @throws io.lstmirf.api.InvalidInputException if a setting is refused, naming it
   */
  TrialExecutor open(String master, Map<String, String> settings, PrintWriter notes);
}
