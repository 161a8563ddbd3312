package io.lstmirf.sweep.spark;

import io.lstmirf.api.LstmIrfException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * What the driver gives a cluster's executors so they can run trials: every jar of its class path
 * (the backends, the engines with their natives, this project) except Spark's own, Scala's and
 * Hadoop's client, which every Spark installation has and which must not load twice. A folder on
 * the class path (a build's classes) is packed into a jar first. Spark serves the files from the
 * driver to each executor (authenticated as the cluster is); nothing is downloaded from elsewhere.
 */
final class ShippedJars {
  private ShippedJars() {}

  /** Whether {@code jarName} belongs to Spark, Scala or Hadoop's client. */
  static boolean providedByCluster(String jarName) {
    return jarName.startsWith("spark-")
        || jarName.startsWith("scala-")
        || jarName.startsWith("hadoop-client-");
  }

  /** The class path of this JVM, entry by entry. */
  static List<Path> classPath() {
    List<Path> out = new ArrayList<>();
    for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!e.isBlank()) {
        out.add(Path.of(e).toAbsolutePath().normalize());
      }
    }
    return out;
  }

  /**
   * The files to ship for {@code classPath}: its jars as they are, its folders packed into jars
   * under {@code packInto}.
   */
  static List<Path> of(List<Path> classPath, Path packInto) {
    List<Path> out = new ArrayList<>();
    for (Path p : classPath) {
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      if (Files.isRegularFile(p) && name.endsWith(".jar") && !providedByCluster(name)) {
        out.add(p);
      } else if (Files.isDirectory(p)) {
        out.add(pack(p, packInto.resolve("classes-" + out.size() + ".jar")));
      }
    }
    return out;
  }

  private static Path pack(Path folder, Path jar) {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(folder)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new JarEntry(folder.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new LstmIrfException(
          "cannot pack " + folder + " for the executors: " + e.getMessage(), e);
    }
    return jar;
  }
}
