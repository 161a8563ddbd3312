package io.lstmirf.api;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Settings every engine backend applies the same way before its natives load: where native
 * libraries are extracted, and how many threads an engine may use. Each reads a system property,
 * then an environment variable, then a default.
 */
public final class NativeSettings {
  /** System property naming the native cache directory. */
  public static final String CACHE_DIR_PROPERTY = "lstmirf.cache.dir";
  /** Environment variable naming the native cache directory. */
  public static final String CACHE_DIR_ENV = "LSTM_IRF_CACHE_DIR";
  /** System property for the engines' intra-op thread count. */
  public static final String THREADS_PROPERTY = "lstmirf.threads";
  /** Environment variable for the engines' intra-op thread count. */
  public static final String THREADS_ENV = "LSTM_IRF_THREADS";

  private NativeSettings() {}

  /**
   * Where engines extract their natives: {@code -Dlstmirf.cache.dir}, else
   * {@code $LSTM_IRF_CACHE_DIR}, else {@code ~/.cache/lstm-irf}. Each engine uses a subfolder.
   */
  public static Path cacheDirectory() {
    String v = setting(CACHE_DIR_PROPERTY, CACHE_DIR_ENV);
    return v != null ? Paths.get(v).toAbsolutePath()
        : Paths.get(System.getProperty("user.home"), ".cache", "lstm-irf");
  }

  /** The subfolder of {@link #cacheDirectory()} for one engine. */
  public static Path cacheDirectory(String engine) {
    return cacheDirectory().resolve(engine);
  }

  /**
   * Intra-op threads per engine: {@code -Dlstmirf.threads}, else {@code $LSTM_IRF_THREADS}, else
   * 1 (on small machines one thread was the fastest for every engine; recurrent steps are too
   * small to split).
   */
  public static int threads() {
    String v = setting(THREADS_PROPERTY, THREADS_ENV);
    if (v == null) {
      return 1;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new InvalidInputException(THREADS_PROPERTY + " / " + THREADS_ENV
        + " must be a positive integer, got '" + v + "'; set it to 1 or more, or unset it for 1");
  }

  private static String setting(String property, String env) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? null : v;
  }
}
