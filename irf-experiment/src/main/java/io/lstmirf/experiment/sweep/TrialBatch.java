package io.lstmirf.experiment.sweep;

import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmIrfException;
import java.util.Map;
import java.util.Objects;

/**
 * The trials' shared part as a {@link TrialExecutor} gets it: the {@link TrialWork}, which can
 * travel to other machines, and this process's backends, checked to be available, for executors
 * that train here.
 *
 * @param work the experiment and the series every trial of the sweep shares
 * @param backends the sweep's backends by name, as the registry has them in this process
 */
public record TrialBatch(TrialWork work, Map<String, LstmBackend> backends) {

  public TrialBatch {
    Objects.requireNonNull(work, "work");
    backends = Map.copyOf(backends);
  }

  /** The backend of {@code key}. */
  public LstmBackend backend(TrialKey key) {
    LstmBackend b = backends.get(key.backend());
    if (b == null) {
      throw new LstmIrfException(
          "trial "
              + key.id()
              + " names a backend this sweep did not"
              + " resolve: "
              + key.backend());
    }
    return b;
  }
}
