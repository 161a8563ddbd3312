package io.lstmirf.sweep.spark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone master and its workers on 127.0.0.1, started from the jars as an installation
 * would be (SPARK_HOME a folder with Spark's jars), authenticating with a shared secret read from a
 * properties file (never a command line) and encrypting RPC. Everything it starts listens on the
 * loopback only (SPARK_LOCAL_IP). {@link #close} kills what is left.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Path TARGET = Path.of("target").toAbsolutePath();

  private final Path home;
  private final Path root;
  private final Path properties;
  private final int port;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();

  private StandaloneCluster(Path root, Path home, Path properties, int port, Process master) {
    this.root = root;
    this.home = home;
    this.properties = properties;
    this.port = port;
    this.master = master;
  }

  /** Starts a master under {@code root} that admits whoever knows {@code secret}. */
  static StandaloneCluster start(Path root, String secret) throws IOException {
    Path home = root.resolve("spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String list : List.of("spark-provided-paths.classpath", "spark-shared-paths.classpath")) {
      for (String jar : Files.readString(TARGET.resolve(list)).strip().split(File.pathSeparator)) {
        Path p = Path.of(jar);
        if (!Files.exists(jars.resolve(p.getFileName()))) {
          Files.createSymbolicLink(jars.resolve(p.getFileName()), p);
        }
      }
    }
    Files.writeString(home.resolve("RELEASE"), "Spark's jars for the lstm-irf cluster test\n");
    Path conf = Files.createDirectories(home.resolve("conf"));
    try (InputStream quiet = StandaloneCluster.class.getResourceAsStream(QuietLogging.CONFIG)) {
      Files.copy(quiet, conf.resolve("log4j2.properties"));
    }
    Path properties = root.resolve("cluster.properties");
    Files.createFile(
        properties,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        properties,
        "spark.authenticate=true\nspark.authenticate.secret="
            + secret
            + "\nspark.network.crypto.enabled=true\n");
    int port = freePort();
    Process master =
        launch(
            home,
            root.resolve("master.log"),
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(port),
            "--webui-port",
            String.valueOf(freePort()),
            "--properties-file",
            properties.toString());
    StandaloneCluster cluster = new StandaloneCluster(root, home, properties, port, master);
    cluster.awaitPort(port, 120_000);
    return cluster;
  }

  /** The master's URL. */
  String url() {
    return "spark://127.0.0.1:" + port;
  }

  /** Starts a worker with {@code cores} cores, working under {@code root/name}. */
  Process startWorker(String name, int cores) throws IOException {
    Process w =
        launch(
            home,
            root.resolve(name + ".log"),
            "org.apache.spark.deploy.worker.Worker",
            "--host",
            "127.0.0.1",
            "--cores",
            String.valueOf(cores),
            "--memory",
            "3g",
            "--webui-port",
            String.valueOf(freePort()),
            "--work-dir",
            Files.createDirectories(root.resolve(name)).toString(),
            "--properties-file",
            properties.toString(),
            url());
    workers.add(w);
    return w;
  }

  /** Kills {@code worker} and its executors at once, as a machine that fails. */
  static void kill(Process worker) throws InterruptedException {
    List<ProcessHandle> executors = worker.descendants().toList();
    worker.destroyForcibly().waitFor();
    executors.forEach(ProcessHandle::destroyForcibly);
  }

  @Override
  public void close() throws InterruptedException, IOException {
    for (Process w : workers) {
      kill(w);
    }
    kill(master);
    // the links into the Maven repository, before JUnit's clean-up warns about each
    try (var links = Files.list(home.resolve("jars"))) {
      for (Path link : (Iterable<Path>) links::iterator) {
        Files.deleteIfExists(link);
      }
    }
  }

  private static Process launch(Path home, Path log, String main, String... args)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                home.resolve("conf")
                    + File.pathSeparator
                    + home.resolve("jars")
                    + File.separator
                    + "*",
                main));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("OMP_NUM_THREADS", "1");
    return pb.start();
  }

  private void awaitPort(int p, long millis) throws IOException {
    long end = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < end) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", p), 1000);
        return;
      } catch (IOException e) {
        if (!master.isAlive()) {
          throw new IOException(
              "the master exited: " + Files.readString(root.resolve("master.log")));
        }
        sleep(500);
      }
    }
    throw new IOException("the master did not listen on " + p + " within " + millis + " ms");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
