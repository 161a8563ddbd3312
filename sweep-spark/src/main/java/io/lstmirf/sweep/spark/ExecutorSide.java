package io.lstmirf.sweep.spark;

import io.lstmirf.api.Backends;
import io.lstmirf.api.EngineSettings;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.experiment.sweep.TrialJson;
import io.lstmirf.experiment.sweep.TrialKey;
import io.lstmirf.experiment.sweep.TrialWork;
import java.nio.file.Path;

/**
 * What a Spark executor does with one trial: read the work and the key, train and measure on its
 * own backends, and return the result (a line of trials.jsonl) with the trained model. Before the
 * first trial of an executor JVM it prepares what the launcher prepares for its own: natives
 * extracted under the executor's working directory (one cache per executor, from the jars, nothing
 * downloaded) unless {@code lstmirf.cache.dir} or {@code LSTM_IRF_CACHE_DIR} says where, and DJL
 * offline.
 */
final class ExecutorSide {
  /** The cache's folder under an executor's working directory. */
  static final String CACHE_FOLDER = "lstm-irf-natives";

  private ExecutorSide() {}

  /**
   * Runs the trial {@code keyLine} of {@code workJson}; returns its {@link
   * io.lstmirf.experiment.sweep.TrialOutcome#toText()}.
   */
  static String run(String workJson, String keyLine) {
    TrialKey key = TrialJson.readKey(keyLine);
    LstmBackend backend = Registry.BACKENDS.getAvailable(key.backend());
    return TrialWork.fromJson(workJson).run(backend, key, (report, model) -> {}).toText();
  }

  /** The executor JVM's backends, found once, after the engines' settings are in place. */
  private static final class Registry {
    static final Backends BACKENDS = prepare();

    private static Backends prepare() {
      if (EngineSettings.get(EngineSettings.CACHE_DIR_PROPERTY, EngineSettings.CACHE_DIR_ENV)
          == null) {
        System.setProperty(
            EngineSettings.CACHE_DIR_PROPERTY,
            Path.of("").toAbsolutePath().resolve(CACHE_FOLDER).toString());
      }
      EngineSettings.setIfAbsent("ai.djl.offline", "true");
      return Backends.discover(ExecutorSide.class.getClassLoader());
    }
  }
}
