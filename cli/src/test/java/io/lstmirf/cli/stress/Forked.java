package io.lstmirf.cli.stress;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM forked with this test's class path and the launcher's settings ({@code -Xmx2g} unless told
 * otherwise, one engine thread, offline DJL, quiet TensorFlow, the build's native cache), so that
 * what it measures is the process a user runs, not the test runner.
 */
final class Forked {
  /** What a forked process left: exit code, stdout, stderr, the peak RSS it reported or -1. */
  record Outcome(int code, String out, String err, long peakRss) {}

  private Forked() {}

  static Outcome run(Path workDir, List<String> jvmOptions, Class<?> main, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx2g");
    command.addAll(jvmOptions);
    command.add("-Djava.awt.headless=true");
    command.add("-Dai.djl.offline=true");
    String cache = System.getProperty("lstmirf.cache.dir");
    if (cache != null) {
      command.add("-Dlstmirf.cache.dir=" + cache);
    }
    String javacpp = System.getProperty("org.bytedeco.javacpp.cachedir");
    if (javacpp != null) {
      command.add("-Dorg.bytedeco.javacpp.cachedir=" + javacpp);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.environment().put("DJL_OFFLINE", "true");
    File out = workDir.resolve("stdout-" + System.nanoTime() + ".txt").toFile();
    File err = workDir.resolve("stderr-" + System.nanoTime() + ".txt").toFile();
    pb.redirectOutput(out).redirectError(err);
    Process p = pb.start();
    if (!p.waitFor(20, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("still running after 20 minutes: " + command);
    }
    String stdout = Files.readString(out.toPath());
    String text = Files.readString(err.toPath());
    Files.delete(out.toPath());
    Files.delete(err.toPath());
    long peak = -1;
    for (String line : text.lines().toList()) {
      if (line.startsWith("peak-rss ")) {
        peak = Long.parseLong(line.substring("peak-rss ".length()).trim());
      }
    }
    return new Outcome(p.exitValue(), stdout, text, peak);
  }
}
