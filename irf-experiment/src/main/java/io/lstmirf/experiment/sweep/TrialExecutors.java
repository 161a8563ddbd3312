package io.lstmirf.experiment.sweep;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmIrfException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Chooses a {@link TrialExecutor}: the built-in thread pool, or the provider on the class path that
 * runs a given master. Providers are looked up only when a master is given, so a sweep without one
 * loads none of them.
 */
public final class TrialExecutors {
  private TrialExecutors() {}

  /** The built-in executor: {@code threads} trials at once in this process. */
  public static TrialExecutor threads(int threads) {
    return new ThreadPoolTrialExecutor(threads);
  }

  /**
   * Opens the executor of the first provider that accepts {@code master}.
   *
   * @throws InvalidInputException if no provider on the class path runs {@code master}
   */
  public static TrialExecutor forMaster(
      String master, Map<String, String> settings, PrintWriter notes) {
    List<TrialExecutorProvider> providers = providers();
    for (TrialExecutorProvider p : providers) {
      if (p.accepts(master)) {
        return p.open(master, settings, notes);
      }
    }
    if (providers.isEmpty()) {
      throw new InvalidInputException(
          "--master "
              + master
              + ": no trial executor is on the"
              + " class path; add lstm-irf-sweep-spark (the ./lstm-irf launcher has it)");
    }
    throw new InvalidInputException(
        "--master "
            + master
            + " is not a master any trial executor"
            + " here runs; give one of "
            + providers.stream()
                .map(p -> p.name() + ": " + p.masters())
                .collect(Collectors.joining("; ")));
  }

  /** The providers on the class path of this library. */
  public static List<TrialExecutorProvider> providers() {
    List<TrialExecutorProvider> out = new ArrayList<>();
    try {
      ServiceLoader.load(TrialExecutorProvider.class, TrialExecutorProvider.class.getClassLoader())
          .forEach(out::add);
    } catch (ServiceConfigurationError e) {
      throw new LstmIrfException(
          "a trial executor on the class path could not be loaded: " + e.getMessage(), e);
    }
    return out;
  }
}
