package io.lstmirf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lstm-irf sweep --master}: Spark only when asked for, and the same trials as threads. */
class SweepMasterTest {
  @TempDir Path dir;

  static Run run(List<String> args) {
    return CliTest.run(args.toArray(String[]::new));
  }

  /** The trials of {@code out}'s trials.jsonl without their timings, which differ run to run. */
  static Set<JsonNode> measured(Path out) throws IOException {
    return Files.readAllLines(out.resolve("trials.jsonl")).stream()
        .map(
            line -> {
              ObjectNode t = (ObjectNode) JsonFiles.parse(line, "trial");
              t.remove("analysisSeconds");
              ObjectNode training = (ObjectNode) t.get("training");
              training.remove(List.of("seconds", "cpuSeconds"));
              training.get("epochs").forEach(e -> ((ObjectNode) e).remove("seconds"));
              return (JsonNode) t;
            })
        .collect(Collectors.toSet());
  }

  @Test
  void aPlainSweepLoadsNoSparkClass() throws Exception {
    Path classes = dir.resolve("classes.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classes,
                "-Djava.awt.headless=true",
                "-Dlstmirf.cache.dir=" + System.getProperty("lstmirf.cache.dir"),
                "-cp",
                System.getProperty("java.class.path"),
                "io.lstmirf.cli.Main"));
    command.addAll(
        SweepCommandTest.tiny(dir.resolve("plain"), "--samples", "90", "--parallel", "2"));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.txt").toFile())
            .start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the sweep finished");
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("out.txt")));
    String loaded = Files.readString(classes);
    assertTrue(
        loaded.contains("io.lstmirf.experiment.sweep.ThreadPoolTrialExecutor"),
        "the log sees the sweep's classes");
    // Spark is on this class path (the launcher's), yet none of it loaded
    Class.forName("org.apache.spark.SparkContext", false, getClass().getClassLoader());
    assertFalse(loaded.contains("org.apache.spark."), "a Spark class loaded");
    assertFalse(loaded.contains("io.lstmirf.sweep.spark."), "the Spark executor loaded");
    assertFalse(loaded.contains(" scala."), "Scala loaded");
  }

  @Test
  void localSparkRecordsTheTrialsTheThreadPoolRecords() throws IOException {
    Path threads = dir.resolve("threads");
    Path spark = dir.resolve("spark");
    Run a =
        run(SweepCommandTest.tiny(threads, "--samples", "90", "--seeds", "2", "--parallel", "2"));
    assertEquals(0, a.code(), a.err());
    Run b =
        run(
            SweepCommandTest.tiny(
                spark, "--samples", "90", "--seeds", "2", "--master", "local[2]"));
    assertEquals(0, b.code(), b.err());
    assertTrue(b.err().contains("spark: local[2] started in"), b.err());
    assertTrue(b.err().contains("sweep: 4 trial(s) to run, 2 at a time"), b.err());
    assertEquals(4, b.json().get("trained").asInt());
    assertEquals(measured(threads), measured(spark));
    for (String f : List.of("summary.csv", "half-life-vs-bias.png", "report.html")) {
      assertTrue(Files.isRegularFile(spark.resolve(f)), f);
    }
  }

  @Test
  void badSparkOptionsAreOneLineUsageErrors() {
    Path out = dir.resolve("never");
    List<List<String>> cases =
        List.of(
            SweepCommandTest.tiny(out, "--master", "local[2]", "--parallel", "2"),
            SweepCommandTest.tiny(out, "--conf", "spark.ui.enabled=true"),
            SweepCommandTest.tiny(out, "--master", "local[2]", "--conf", "spark.ui.enabled"),
            SweepCommandTest.tiny(
                out, "--master", "local[2]", "--conf", "spark.authenticate.secret=hunter2"),
            SweepCommandTest.tiny(out, "--master", "mesos://127.0.0.1:5050"),
            SweepCommandTest.tiny(out, "--master", "spark://127.0.0.1:7077"));
    List<String> said =
        List.of(
            "--parallel sets the threads of a sweep in this process",
            "--conf sets Spark up for --master",
            "should be in KEY=VALUE format",
            "a secret on the command line shows in ps",
            "give one of spark: local[N], local[N,RETRIES], spark://HOST:PORT, yarn, k8s://URL",
            "needs the cluster's shared secret");
    for (int i = 0; i < cases.size(); i++) {
      Run r = run(cases.get(i));
      assertEquals(2, r.code(), cases.get(i) + ": " + r.err());
      assertTrue(
          r.err().startsWith("lstm-irf: usage error: ") && r.err().contains(said.get(i)), r.err());
      assertFalse(r.err().contains("hunter2"), "the secret is not repeated: " + r.err());
    }
    assertFalse(Files.exists(out), "nothing is written on a usage error");
  }

  @Test
  void anUnreachableMasterIsOneRuntimeError() {
    Run r =
        run(
            SweepCommandTest.tiny(
                dir.resolve("x"),
                "--master",
                "spark://127.0.0.1:9",
                "--conf",
                "spark.authenticate=false"));
    assertEquals(1, r.code(), r.err());
    assertTrue(
        r.err().startsWith("lstm-irf: error: cannot reach the Spark master at" + " 127.0.0.1:9 ("),
        r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }
}
