package io.lstmirf.sweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the driver ships to a cluster's executors. */
class ShippedJarsTest {
  @TempDir Path dir;

  @Test
  void everyJarButSparksScalasAndHadoopsAndFoldersPackedAsJars() throws IOException {
    Path m2 = Files.createDirectories(dir.resolve("m2"));
    Path ours = Files.writeString(m2.resolve("lstm-irf-api-0.1.0.jar"), "jar");
    Path engine = Files.writeString(m2.resolve("tensorflow-core-native-1.1.0-linux.jar"), "jar");
    Path spark = Files.writeString(m2.resolve("spark-core_2.13-4.2.0.jar"), "jar");
    Path scala = Files.writeString(m2.resolve("scala-library-2.13.18.jar"), "jar");
    Path hadoop = Files.writeString(m2.resolve("hadoop-client-api-3.5.0.jar"), "jar");
    Path classes =
        Files.createDirectories(dir.resolve("classes/META-INF/services")).getParent().getParent();
    Files.writeString(classes.resolve("META-INF/services/io.lstmirf.api.LstmBackend"), "x.Y\n");
    Files.createDirectories(classes.resolve("x"));
    Files.writeString(classes.resolve("x/Y.class"), "bytes");
    Path packInto = Files.createDirectories(dir.resolve("packed"));

    List<Path> shipped =
        ShippedJars.of(
            List.of(ours, spark, classes, engine, scala, hadoop, dir.resolve("missing.jar")),
            packInto);
    assertEquals(List.of(ours, packInto.resolve("classes-1.jar"), engine), shipped);
    try (JarFile jar = new JarFile(shipped.get(1).toFile())) {
      assertTrue(jar.getEntry("x/Y.class") != null);
      assertTrue(jar.getEntry("META-INF/services/io.lstmirf.api.LstmBackend") != null);
    }
  }

  @Test
  void sparksFailureMessagesBecomeOneLine() {
    assertEquals(
        "Spark gave up after 4 attempt(s), the last on 10.0.0.7 executor 3:"
            + " java.lang.OutOfMemoryError: Java heap space",
        SparkTrialExecutor.gaveUp(
            "Job aborted due to stage failure: Task 0 in stage 7.0 failed"
                + " 4 times, most recent failure: Lost task 0.3 in stage 7.0 (TID 31) (10.0.0.7"
                + " executor 3): java.lang.OutOfMemoryError: Java heap space\n\tat x.y(Z.java:1)"));
    assertEquals(
        "Spark: Job 3 cancelled because SparkContext was shut down",
        SparkTrialExecutor.gaveUp("Job 3 cancelled because SparkContext was shut down"));
  }
}
