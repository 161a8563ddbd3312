package io.lstmirf.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The backends on the class path, found with {@link ServiceLoader}. Listing them loads no natives;
 * asking one for its {@link LstmBackend#availability() availability} does.
 */
public final class Backends {
  /** System property naming the default backend. */
  public static final String DEFAULT_PROPERTY = "lstmirf.backend";

  /** Environment variable naming the default backend. */
  public static final String DEFAULT_ENV = "LSTM_IRF_BACKEND";

  /** The backend used when nothing else is asked for. */
  public static final String REFERENCE = "reference";

  private final Map<String, LstmBackend> byName;

  private Backends(List<LstmBackend> backends) {
    Map<String, LstmBackend> m = new LinkedHashMap<>();
    backends.stream()
        .sorted(
            Comparator.comparing((LstmBackend b) -> !b.name().equals(REFERENCE))
                .thenComparing(LstmBackend::name))
        .forEach(
            b -> {
              LstmBackend clash = m.putIfAbsent(key(b.name()), b);
              if (clash != null) {
                throw new LstmIrfException(
                    "two backends are named '"
                        + b.name()
                        + "': "
                        + clash.getClass().getName()
                        + " and "
                        + b.getClass().getName()
                        + "; remove one from the class path");
              }
            });
    this.byName = m;
  }

  /** Every backend registered on the class path of this class's loader. */
  public static Backends discover() {
    return discover(Backends.class.getClassLoader());
  }

  /** Every backend registered on the given class loader's class path. */
  public static Backends discover(ClassLoader loader) {
    List<LstmBackend> found = new ArrayList<>();
    try {
      for (LstmBackend b : ServiceLoader.load(LstmBackend.class, loader)) {
        found.add(b);
      }
    } catch (ServiceConfigurationError e) {
      throw new LstmIrfException(
          "a backend on the class path could not be instantiated: " + e.getMessage(), e);
    }
    return new Backends(found);
  }

  /** A fixed set of backends (tests, embedding). */
  public static Backends of(List<LstmBackend> backends) {
    return new Backends(backends);
  }

  /** All backends, the reference first, then by name. */
  public List<LstmBackend> all() {
    return List.copyOf(byName.values());
  }

  /** The backends that can run here (this loads every engine's natives). */
  public List<LstmBackend> available() {
    return byName.values().stream()
        .filter(b -> b.availability().available())
        .collect(Collectors.toList());
  }

  /** The float64 oracle the other backends are checked against (the reference), if found. */
  public Optional<LstmBackend> oracle() {
    return byName.values().stream().filter(LstmBackend::isOracle).findFirst();
  }

  /** The names of all backends, in the order of {@link #all()}. */
  public List<String> names() {
    return byName.values().stream().map(LstmBackend::name).collect(Collectors.toList());
  }

  /**
   * The backend called {@code name} (case-insensitive).
   *
   * @throws LstmIrfException listing the known names if there is none
   */
  public LstmBackend get(String name) {
    LstmBackend b = name == null ? null : byName.get(key(name));
    if (b == null) {
      throw new LstmIrfException(
          "unknown backend '"
              + name
              + "'; known backends: "
              + String.join(", ", names())
              + (names().size() < 4
                  ? " (engine backends are found" + " only when their module is on the class path)"
                  : ""));
    }
    return b;
  }

  /**
   * The available backend called {@code name}.
   *
   * @throws BackendUnavailableException with the reason if it cannot run here
   */
  public LstmBackend getAvailable(String name) {
    LstmBackend b = get(name);
    Availability a = b.availability();
    if (!a.available()) {
      throw new BackendUnavailableException(
          "backend '" + b.name() + "' is unavailable: " + a.reason());
    }
    return b;
  }

  /**
   * The default backend: {@code -Dlstmirf.backend}, else {@code $LSTM_IRF_BACKEND}, else the
   * reference.
   */
  public LstmBackend defaultBackend() {
    String chosen = System.getProperty(DEFAULT_PROPERTY);
    if (chosen == null || chosen.isBlank()) {
      chosen = System.getenv(DEFAULT_ENV);
    }
    return get(chosen == null || chosen.isBlank() ? REFERENCE : chosen.trim());
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
