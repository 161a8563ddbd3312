package io.lstmirf.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

/**
 * The settings every engine backend reads and applies the same way, in one place (as DJL's {@code
 * Utils.getEnvOrSystemProperty}): where natives are extracted, how many threads an engine may use,
 * whether backends check themselves at load, and the engine properties a backend sets before its
 * natives load. Every setting is a system property first, then an environment variable, then a
 * default; a value the user set always wins.
 */
public final class EngineSettings {
  /** System property naming the native cache directory. */
  public static final String CACHE_DIR_PROPERTY = "lstmirf.cache.dir";

  /** Environment variable naming the native cache directory. */
  public static final String CACHE_DIR_ENV = "LSTM_IRF_CACHE_DIR";

  /** System property for the engines' intra-op thread count. */
  public static final String THREADS_PROPERTY = "lstmirf.threads";

  /** Environment variable for the engines' intra-op thread count. */
  public static final String THREADS_ENV = "LSTM_IRF_THREADS";

  /** System property: {@code false} skips the self-check engine backends run when they load. */
  public static final String SELF_CHECK_PROPERTY = "lstmirf.selfcheck";

  /** Environment variable with the meaning of {@link #SELF_CHECK_PROPERTY}. */
  public static final String SELF_CHECK_ENV = "LSTM_IRF_SELFCHECK";

  /**
   * JavaCPP's native cache. JavaCPP keeps one per JVM, shared by every JavaCPP engine (ND4J and
   * TensorFlow Java), and reads it once, when its classes initialise.
   */
  public static final String JAVACPP_CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";

  /**
   * JavaCPP's cap on the process's resident memory, in bytes (0: none); see {@link #useJavaCpp}.
   */
  public static final String JAVACPP_MAX_PHYSICAL_PROPERTY =
      "org.bytedeco.javacpp.maxPhysicalBytes";

  private EngineSettings() {}

  /**
   * A setting: the system property {@code property}, else the environment variable {@code env},
   * else null (blank values count as unset).
   */
  public static String get(String property, String env) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = env == null ? null : System.getenv(env);
    }
    return v == null || v.isBlank() ? null : v;
  }

  /**
   * Sets an engine's system property unless the user set it, as a system property or as an
   * environment variable of the same name (engines such as DJL read both). Must run before the
   * engine reads it, which for native settings means before its natives load.
   */
  public static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null && System.getenv(property) == null) {
      System.setProperty(property, value);
    }
  }

  /**
   * Where engines extract their natives: {@code -Dlstmirf.cache.dir}, else {@code
   * $LSTM_IRF_CACHE_DIR}, else {@code ~/.cache/lstm-irf}. Each engine uses a subfolder.
   */
  public static Path cacheDirectory() {
    String v = get(CACHE_DIR_PROPERTY, CACHE_DIR_ENV);
    return v != null
        ? Paths.get(v).toAbsolutePath()
        : Paths.get(System.getProperty("user.home"), ".cache", "lstm-irf");
  }

  /** The subfolder of {@link #cacheDirectory()} for one engine. */
  public static Path cacheDirectory(String engine) {
    return cacheDirectory().resolve(engine);
  }

  /**
   * JavaCPP's settings for every JavaCPP engine, each unless the user set it: its cache at {@code
   * <native cache>/javacpp}, and no cap on the process's resident memory ({@link
   * #JAVACPP_MAX_PHYSICAL_PROPERTY} 0). JavaCPP reads both once per JVM, when its classes
   * initialise, so whichever engine loads first decides for both: each calls this before its
   * natives load.
   *
   * <p>Why no cap: while it is positive (by default twice the heap) JavaCPP reads the process's
   * resident size from {@code /proc} at every native allocation it tracks, and TensorFlow Java
   * allocates each step's tensors through it: a tfjava H=64 B=1 step took 48.8 us of CPU when ND4J
   * had initialised JavaCPP first, 23.8 us without the cap (dl4j's 17.9 and 13.8; {@code lstm-irf
   * bench --backends dl4j,tfjava --cases step}, side by side). The cap also counts TensorFlow's
   * ~650 MB of mapped libraries and fails small-heap JVMs. The backends release native memory
   * explicitly, and JavaCPP's cap on the bytes it tracks ({@code org.bytedeco.javacpp.maxBytes})
   * stays.
   */
  public static void useJavaCpp() {
    setIfAbsent(JAVACPP_CACHE_PROPERTY, cacheDirectory("javacpp").toString());
    setIfAbsent(JAVACPP_MAX_PHYSICAL_PROPERTY, "0");
  }

  /** The directory JavaCPP extracts into: the user's choice or {@link #useJavaCpp}'s. */
  public static Path javaCppCacheDirectory() {
    String v = System.getProperty(JAVACPP_CACHE_PROPERTY);
    return v != null ? Paths.get(v) : cacheDirectory("javacpp");
  }

  /**
   * Intra-op threads per engine: {@code -Dlstmirf.threads}, else {@code $LSTM_IRF_THREADS}, else 1
   * (on small machines one thread was the fastest for every engine; recurrent steps are too small
   * to split).
   *
   * @throws InvalidInputException naming the setting, when it is not a positive integer
   */
  public static int threads() {
    String v = get(THREADS_PROPERTY, THREADS_ENV);
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
    throw new InvalidInputException(
        THREADS_PROPERTY
            + " / "
            + THREADS_ENV
            + " must be a positive integer, got '"
            + v
            + "'; set it to 1 or more, or unset it for 1");
  }

  /**
   * Whether engine backends check their numbers against the reference when they load: {@code
   * -Dlstmirf.selfcheck}, else {@code $LSTM_IRF_SELFCHECK}, else on. {@code true} runs the check
   * once per machine, engine and setting (a pass is remembered, see {@link
   * io.lstmirf.api.check.SelfCheckCache}); {@code always} runs it on every start; {@code false}
   * never.
   *
   * @throws InvalidInputException when the setting is none of these
   */
  public static boolean selfCheckEnabled() {
    return !selfCheckSetting().equals("false");
  }

  /** Whether a passed self-check is remembered ({@code true}) or run on every start. */
  public static boolean selfCheckRemembered() {
    return selfCheckSetting().equals("true");
  }

  private static String selfCheckSetting() {
    String v = get(SELF_CHECK_PROPERTY, SELF_CHECK_ENV);
    String s = v == null ? "true" : v.trim().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("true") || s.equals("false") || s.equals("always")) {
      return s;
    }
    throw new InvalidInputException(
        SELF_CHECK_PROPERTY
            + " / "
            + SELF_CHECK_ENV
            + " must be true, always or false, got '"
            + v
            + "'");
  }

  /**
   * Every {@code lstmirf.*} system property and the thread count, one per line, sorted: the
   * settings a backend's numbers may depend on, for keys such as the self-check's.
   */
  public static String describeSettings() {
    StringBuilder s = new StringBuilder("threads=").append(threads());
    System.getProperties().stringPropertyNames().stream()
        .filter(n -> n.startsWith("lstmirf."))
        .sorted()
        .forEach(n -> s.append('\n').append(n).append('=').append(System.getProperty(n)));
    return s.toString();
  }

  /**
   * A properties resource next to {@code anchor} that Maven filled in at build time (the engine
   * versions a backend was built against). Reading it loads no engine class.
   *
   * @throws IllegalStateException if the resource is missing from the jar
   */
  public static Properties buildProperties(Class<?> anchor, String resource) {
    Properties p = new Properties();
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is missing from the jar of " + anchor.getName());
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
