package io.lstmirf.cli.stress;

import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.api.memory.ArraySizes;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures what one forward call costs a backend, for {@link
 * io.lstmirf.api.memory.EngineFootprint}: run in a JVM whose heap is fully resident from the start
 * ({@code -Xms = -Xmx, -XX:+AlwaysPreTouch}), the growth of peak resident memory during the call is
 * the engine's native memory; the bytes the calling thread allocated, less the result arrays, are
 * its transient heap. Prints one line per shape: {@code backend precision B T H
 * nativeBytesPerElement heapBytesPerElement seconds}.
 */
public final class FootprintProbe {
  private FootprintProbe() {}

  /** Arguments: backend precision H T B... */
  public static void main(String[] args) throws Exception {
    LstmBackend backend = Backends.discover().getAvailable(args[0]);
    Precision precision = Precision.parse(args[1]);
    int hidden = Integer.parseInt(args[2]);
    int steps = Integer.parseInt(args[3]);
    LstmSpec spec = LstmSpec.withHead(1, hidden, 1, 1);
    try (LstmModel model =
        backend.create(Initializer.xavier(spec, 1.0, 7), ModelOptions.of(precision))) {
      model.forward(inputs(2, 50)); // warm: natives, JIT, the engine's first-call caches
      for (int i = 4; i < args.length; i++) {
        int batch = Integer.parseInt(args[i]);
        double[][][] x = inputs(batch, steps);
        System.gc();
        long before = status("VmRSS:");
        Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // resets VmHWM
        com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        model.forward(x);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long heap =
            threads.getCurrentThreadAllocatedBytes()
                - allocated
                - ArraySizes.forwardResult(spec, batch, steps, java.util.Set.of());
        long peak = status("VmHWM:");
        double elements = (double) batch * steps * hidden;
        System.out.printf(
            Locale.ROOT,
            "%s %s %d %d %d %.1f %.1f %.2f%n",
            args[0],
            precision,
            batch,
            steps,
            hidden,
            (peak - before) / elements,
            Math.max(0, heap) / elements,
            seconds);
      }
    }
  }

  /** A {@code /proc/self/status} field in bytes: VmRSS now, VmHWM the peak since reset. */
  static long status(String field) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    throw new IllegalStateException("no " + field + " in /proc/self/status (Linux only)");
  }

  private static double[][][] inputs(int batch, int steps) {
    SplittableRandom r = new SplittableRandom(3);
    double[][][] x = new double[batch][steps][1];
    for (double[][] row : x) {
      for (double[] v : row) {
        v[0] = r.nextGaussian();
      }
    }
    return x;
  }
}
