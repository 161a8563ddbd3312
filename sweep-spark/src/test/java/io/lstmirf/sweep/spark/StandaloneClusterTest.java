package io.lstmirf.sweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.Backends;
import io.lstmirf.experiment.sweep.Sweep;
import io.lstmirf.experiment.sweep.SweepConfig;
import io.lstmirf.experiment.sweep.SweepOutcome;
import io.lstmirf.experiment.sweep.SweepProgress;
import io.lstmirf.experiment.sweep.TinySweeps;
import io.lstmirf.experiment.sweep.TrialExecutors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on a standalone cluster on 127.0.0.1 (mvn -Pcluster): the driver authenticates with the
 * secret from the environment, RPC and local files are encrypted, the executors get this build's
 * jars from the driver and extract TensorFlow's natives into their own working directories; the
 * worker is killed mid-run, a new one joins, and no trial is lost or changed.
 */
@Tag("cluster")
class StandaloneClusterTest {
  @TempDir Path dir;

  @Test
  void aSweepSurvivesItsWorkerBeingKilledMidRun() throws Exception {
    String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    SweepConfig config =
        new SweepConfig(
            List.of("reference", "tfjava"),
            List.of(0.0, 1.0, 2.0),
            2,
            42,
            TinySweeps.config().init(),
            false,
            1.0,
            TinySweeps.EXPERIMENT.withEpochs(30),
            TinySweeps.config().data());
    StringWriter notes = new StringWriter();
    PrintWriter out = new PrintWriter(notes, true);
    Path sweepDir = dir.resolve("sweep");
    Path log = sweepDir.resolve(Sweep.TRIALS_FILE);
    ExecutorService driver = Executors.newSingleThreadExecutor();
    try (StandaloneCluster cluster = StandaloneCluster.start(dir, secret)) {
      Process first = cluster.startWorker("worker-a", 2);
      SparkSettings settings =
          SparkSettings.resolve(
              cluster.url(),
              Map.of("spark.network.crypto.enabled", "true", "spark.io.encryption.enabled", "true"),
              Map.of(),
              Map.of(SparkSettings.SECRET_ENV, secret));
      Future<SweepOutcome> run =
          driver.submit(
              () -> {
                try (SparkTrialExecutor spark = SparkTrialExecutor.start(settings, out)) {
                  return new Sweep(config, Backends.discover(), spark, SweepProgress.none(), out)
                      .run(sweepDir);
                }
              });
      int atKill = awaitLines(log, 2, run);
      StandaloneCluster.kill(first);
      assertTrue(atKill < config.trials().size(), "killed mid-run: " + atKill + " recorded");
      cluster.startWorker("worker-b", 2);
      SweepOutcome outcome = run.get(15, TimeUnit.MINUTES);

      assertEquals(config.trials().size(), outcome.trained(), notes.toString());
      assertEquals(config.trials().size(), Files.readAllLines(log).size());
      String said = notes.toString();
      assertTrue(said.contains("is gone"), said);
      assertEquals(2, said.split("joined on 127.0.0.1", -1).length - 1, said);
      SweepOutcome threads =
          new Sweep(
                  config, Backends.discover(), TrialExecutors.threads(2), SweepProgress.none(), out)
              .run(dir.resolve("threads"));
      assertEquals(
          TinySweeps.measured(threads.results()),
          TinySweeps.measured(outcome.results()),
          "the cluster's numbers are the thread pool's");
      // each executor has its cache in its own working directory; the first may have been
      // killed before TensorFlow's natives were out, the second extracted them to finish
      assertEquals(1, executorCaches(dir.resolve("worker-a")).size());
      List<Path> second = executorCaches(dir.resolve("worker-b"));
      assertEquals(1, second.size());
      assertTrue(holdsFiles(second.get(0)), "natives extracted into " + second.get(0));
      out.flush();
      System.out.println(notes);
    } finally {
      driver.shutdownNow();
    }
  }

  /** Waits until {@code log} has {@code n} lines; returns how many it has then. */
  private static int awaitLines(Path log, int n, Future<?> run) throws Exception {
    long end = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(10);
    while (System.currentTimeMillis() < end) {
      if (run.isDone()) {
        run.get(); // surfaces the failure
        throw new AssertionError("the sweep finished before the worker could be killed");
      }
      int lines = Files.exists(log) ? Files.readAllLines(log).size() : 0;
      if (lines >= n) {
        return lines;
      }
      StandaloneCluster.sleep(100);
    }
    throw new AssertionError("no trial recorded within 10 minutes");
  }

  /** The native caches under a worker's directory: one per executor that ran. */
  private static List<Path> executorCaches(Path workerDir) throws IOException {
    try (Stream<Path> s = Files.walk(workerDir, 3)) {
      return s.filter(p -> p.getFileName().toString().equals(ExecutorSide.CACHE_FOLDER)).toList();
    }
  }

  private static boolean holdsFiles(Path folder) {
    try (Stream<Path> s = Files.walk(folder)) {
      return s.anyMatch(Files::isRegularFile);
    } catch (IOException e) {
      return false;
    }
  }
}
