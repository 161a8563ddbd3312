package io.lstmirf.sweep.spark;

import io.lstmirf.api.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark configuration a sweep's driver starts with: the user's settings ({@code --conf}, and
 * the {@code spark.*} system properties that spark-submit passes), and where they say nothing,
 * defaults that keep every socket on the loopback, authenticate every connection and give executors
 * the engines' environment. Pure Java: no Spark class is loaded to decide.
 *
 * @param master the master URL as given
 * @param kind what kind of master it is
 * @param conf every setting to start Spark with
 */
public record SparkSettings(String master, Kind kind, Map<String, String> conf) {
  /** The environment variable holding a standalone cluster's shared secret. */
  public static final String SECRET_ENV = "LSTM_IRF_SPARK_SECRET";

  /** The environment variable naming a file that holds the shared secret. */
  public static final String SECRET_FILE_ENV = "LSTM_IRF_SPARK_SECRET_FILE";

  static final String LOOPBACK = "127.0.0.1";
  static final String SECRET = "spark.authenticate.secret";
  private static final Pattern LOCAL =
      Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,\\s*[1-9][0-9]*)?\\])?");
  private static final Pattern STANDALONE = Pattern.compile("spark://(.+)");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[^\\]]+\\]|[^:,]+):([0-9]+)");

  /** What kind of master a URL names. */
  public enum Kind {
    /** {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}: in this JVM. */
    LOCAL,
    /** {@code spark://HOST:PORT[,HOST:PORT]}: a standalone cluster. */
    STANDALONE,
    /** {@code yarn}. */
    YARN,
    /** {@code k8s://URL}. */
    KUBERNETES
  }

  public SparkSettings {
    Objects.requireNonNull(master, "master");
    Objects.requireNonNull(kind, "kind");
    conf = Map.copyOf(conf);
  }

  /** The kind of {@code master}, or null if it is not a Spark master URL. */
  public static Kind kindOf(String master) {
    if (master == null) {
      return null;
    }
    if (LOCAL.matcher(master).matches()) {
      return Kind.LOCAL;
    }
    if (STANDALONE.matcher(master).matches()) {
      return Kind.STANDALONE;
    }
    if (master.equals("yarn")) {
      return Kind.YARN;
    }
    return master.startsWith("k8s://") && master.length() > 6 ? Kind.KUBERNETES : null;
  }

  /** The {@code HOST:PORT} pairs of a standalone master URL, in order. */
  public static List<String[]> standaloneHosts(String master) {
    Matcher m = STANDALONE.matcher(master);
    if (!m.matches()) {
      return List.of();
    }
    return List.of(m.group(1).split(",")).stream()
        .map(
            hp -> {
              Matcher p = HOST_PORT.matcher(hp.trim());
              if (!p.matches()) {
                throw new InvalidInputException(
                    "--master " + master + ": '" + hp + "' is not HOST:PORT");
              }
              return new String[] {p.group(1).replaceAll("^\\[|\\]$", ""), p.group(2)};
            })
        .toList();
  }

  /**
   * Decides the configuration.
   *
   * @param given the user's {@code --conf} settings
   * @param inherited {@code spark.*} system properties (spark-submit's, a properties file's)
   * @param env the environment, for the shared secret
   * @throws InvalidInputException one line naming the setting that is refused or missing
   */
  public static SparkSettings resolve(
      String master,
      Map<String, String> given,
      Map<String, String> inherited,
      Map<String, String> env) {
    Kind kind = kindOf(master);
    if (kind == null) {
      throw new InvalidInputException(
          "--master "
              + master
              + " is not a Spark master: give"
              + " local[N], spark://HOST:PORT, yarn or k8s://URL");
    }
    for (String key : given.keySet()) {
      if (!key.startsWith("spark.")) {
        throw new InvalidInputException("--conf " + key + ": Spark settings start with spark.");
      }
      if (key.equals(SECRET)) {
        throw new InvalidInputException(
            "--conf "
                + SECRET
                + ": a secret on the command line"
                + " shows in ps and in the shell's history; put it in $"
                + SECRET_ENV
                + " or in a"
                + " file named by $"
                + SECRET_FILE_ENV);
      }
      if (key.equals("spark.master")) {
        throw new InvalidInputException("--conf spark.master: give the master with --master");
      }
    }
    Map<String, String> conf = new LinkedHashMap<>(inherited);
    conf.putAll(given);
    conf.put("spark.master", master);
    if ("cluster".equals(conf.get("spark.submit.deployMode"))) {
      throw new InvalidInputException(
          "--deploy-mode cluster runs the driver on the cluster,"
              + " where --out is not: submit with --deploy-mode client, so trials.jsonl and the"
              + " reports are written here");
    }
    conf.putIfAbsent("spark.app.name", "lstm-irf sweep");
    // The web UI binds every interface unless SPARK_LOCAL_IP is set: off unless asked for.
    conf.putIfAbsent("spark.ui.enabled", "false");
    conf.putIfAbsent("spark.authenticate", "true");
    // What the launcher gives its own JVM: engines' threads and logs, and no network for DJL.
    conf.putIfAbsent("spark.executorEnv.OMP_NUM_THREADS", "1");
    conf.putIfAbsent("spark.executorEnv.TF_CPP_MIN_LOG_LEVEL", "2");
    conf.putIfAbsent("spark.executorEnv.DJL_OFFLINE", "true");
    conf.putIfAbsent("spark.executor.memory", "2g");
    listen(master, kind, conf);
    secret(master, kind, conf, env);
    return new SparkSettings(master, kind, conf);
  }

  /** Loopback unless the user says where the driver listens; remote executors need that said. */
  private static void listen(String master, Kind kind, Map<String, String> conf) {
    boolean chosen =
        conf.containsKey("spark.driver.host") || conf.containsKey("spark.driver.bindAddress");
    boolean onThisMachine =
        kind == Kind.LOCAL
            || (kind == Kind.STANDALONE
                && standaloneHosts(master).stream().allMatch(hp -> isLoopback(hp[0])));
    if (onThisMachine) {
      conf.putIfAbsent("spark.driver.bindAddress", LOOPBACK);
      conf.putIfAbsent("spark.driver.host", LOOPBACK);
    } else if (!chosen) {
      throw new InvalidInputException(
          "--master "
              + master
              + " runs executors on other"
              + " machines, which connect back to this driver; it listens on the loopback only"
              + " unless told otherwise: add --conf spark.driver.host=ADDRESS, an address of this"
              + " machine the cluster can reach");
    }
  }

  /** A standalone cluster needs its shared secret; local, YARN and Kubernetes make one. */
  private static void secret(
      String master, Kind kind, Map<String, String> conf, Map<String, String> env) {
    if (kind != Kind.STANDALONE
        || !Boolean.parseBoolean(conf.get("spark.authenticate"))
        || conf.containsKey(SECRET)) {
      return;
    }
    String secret = env.get(SECRET_ENV);
    String file = env.get(SECRET_FILE_ENV);
    if ((secret == null || secret.isBlank()) && file != null && !file.isBlank()) {
      try {
        secret = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new InvalidInputException(
            "$"
                + SECRET_FILE_ENV
                + " names "
                + file
                + ", which"
                + " cannot be read: "
                + e.getMessage());
      }
    }
    if (secret == null || secret.isBlank()) {
      throw new InvalidInputException(
          "--master "
              + master
              + " needs the cluster's shared"
              + " secret (its spark.authenticate.secret): put it in $"
              + SECRET_ENV
              + " or in a"
              + " file named by $"
              + SECRET_FILE_ENV
              + "; for a cluster without authentication,"
              + " say so with --conf spark.authenticate=false");
    }
    conf.put(SECRET, secret);
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  @Override
  public String toString() {
    return "SparkSettings[" + master + "]"; // never the secret
  }
}
