package io.lstmirf.cli.stress;

import io.lstmirf.api.Backends;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.Trace;
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
 * its transient heap. Elements are counted as {@link io.lstmirf.api.memory.EngineFootprint} does (a
 * bidirectional layer's two directions twice). Prints one line per shape: {@code backend precision
 * B T H nativeBytesPerElement heapBytesPerElement seconds}.
 */
public final class FootprintProbe {
  private FootprintProbe() {}

  /**
   * Arguments: backend precision layer traces H T B...; the model is one layer of that kind ({@link
   * #layer}) with a one-unit head; traces {@code none} or {@code all} (the memory and the memory
   * gates, as impulse responses and gate profiles ask).
   */
  public static void main(String[] args) throws Exception {
    LstmBackend backend = Backends.discover().getAvailable(args[0]);
    Precision precision = Precision.parse(args[1]);
    java.util.Set<Trace> traces = traces(args[3]);
    int hidden = Integer.parseInt(args[4]);
    int steps = Integer.parseInt(args[5]);
    LstmSpec spec = LstmSpec.withHead(1, hidden, 1, 1).withKind(layer(args[2]));
    try (LstmModel model =
        backend.create(Initializer.xavier(spec, 1.0, 7), ModelOptions.of(precision))) {
      model.forward(inputs(2, 50)); // warm: natives, JIT, the engine's first-call caches
      for (int i = 6; i < args.length; i++) {
        int batch = Integer.parseInt(args[i]);
        double[][][] x = inputs(batch, steps);
        System.gc();
        long before = status("VmRSS:");
        Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // resets VmHWM
        com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        model.forward(x, null, traces);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long heap =
            threads.getCurrentThreadAllocatedBytes()
                - allocated
                - ArraySizes.forwardResult(spec, batch, steps, traces);
        long peak = status("VmHWM:");
        double elements = (double) batch * steps * hidden * spec.stateSlots();
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

  /** {@code none}: no traces; {@code all}: every trace. */
  static java.util.Set<Trace> traces(String name) {
    return name.equals("all") ? java.util.EnumSet.allOf(Trace.class) : java.util.Set.of();
  }

  /**
   * A layer kind as {@link LayerKind#toString()} writes it: {@code lstm}, {@code gru}, {@code
   * lstm+peepholes}, each optionally followed by {@code /bidirectional}.
   */
  static LayerKind layer(String name) {
    LayerKind kind = name.startsWith("gru") ? LayerKind.GRU : LayerKind.LSTM;
    if (name.contains("+peepholes")) {
      kind = kind.withPeepholes();
    }
    return name.endsWith("/bidirectional") ? kind.bidirectional() : kind;
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
