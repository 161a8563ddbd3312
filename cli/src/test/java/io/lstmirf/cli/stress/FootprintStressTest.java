package io.lstmirf.cli.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.api.memory.EngineFootprint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every backend's declared {@link EngineFootprint} is an upper bound of what it was measured to
 * use: one call of 8 sequences x 20000 steps x 64 units (a bidirectional layer 10000 steps, the
 * same elements), measured by {@link FootprintProbe} in a JVM whose heap is resident from the
 * start, in each precision the backend offers, for each layer kind it implements, with and without
 * the traces (their calls may take another path).
 */
@Tag("stress")
class FootprintStressTest {
  @TempDir Path dir;

  /** The layers measured: the canonical LSTM and every variant, each where a backend has it. */
  private static final List<String> LAYERS =
      List.of(
          "lstm",
          "lstm+peepholes",
          "gru",
          "lstm/bidirectional",
          "gru/bidirectional",
          "lstm+peepholes/bidirectional");

  @Test
  void measuredFootprintsStayWithinTheDeclaredOnes() throws Exception {
    int measured = 0;
    List<String> over = new java.util.ArrayList<>();
    for (LstmBackend b : Backends.discover().available()) {
      for (Precision precision : b.capabilities().precisions()) {
        for (String layer : LAYERS) {
          LstmSpec spec = LstmSpec.withHead(1, 64, 1, 1).withKind(FootprintProbe.layer(layer));
          if (!b.capabilities().supports(spec)) {
            continue;
          }
          for (String traces : List.of("none", "all")) {
            check(b, precision, layer, traces, spec).ifPresent(over::add);
            measured++;
          }
        }
      }
    }
    assertTrue(measured >= 4, "measured " + measured + " backend x precision x layer cases");
    assertTrue(over.isEmpty(), "measured above the declared footprint: " + over);
  }

  /** Measures one case; what exceeds the declared footprint, if anything. */
  private java.util.Optional<String> check(
      LstmBackend b, Precision precision, String layer, String traces, LstmSpec spec)
      throws Exception {
    EngineFootprint declared;
    try (LstmModel m = b.create(Initializer.xavier(spec, 1, 1), ModelOptions.of(precision))) {
      declared = m.footprint(FootprintProbe.traces(traces));
    }
    // a bidirectional layer is two state slots: half the sequence gives the same elements
    int steps = 20000 / spec.stateSlots();
    Forked.Outcome r =
        Forked.run(
            dir,
            List.of(
                "-Xms3g",
                "-Xmx3g",
                "-XX:+AlwaysPreTouch",
                "-Dlstmirf.memory.callBytes=100000000000"),
            FootprintProbe.class,
            b.name(),
            precision.id(),
            layer,
            traces,
            "64",
            Integer.toString(steps),
            "8");
    assertEquals(0, r.code(), r.err());
    String[] f = r.out().strip().split(" ");
    // what a process does beside the call (JIT, GC tables) adds a few MiB: 8 MiB of slack
    double slack = (8 << 20) / (8.0 * 20000 * 64);
    double nativePerElement = Double.parseDouble(f[5]) - slack;
    double heapPerElement = Double.parseDouble(f[6]) - slack;
    String what = b.name() + " " + precision + " " + layer + " traces " + traces;
    System.out.println(
        "footprint " + what + ": " + r.out().strip() + " (declared " + declared + ")");
    if (nativePerElement > declared.nativeBytesPerElement()
        || heapPerElement > declared.heapBytesPerElement()) {
      return java.util.Optional.of(
          what + ": native " + f[5] + ", heap " + f[6] + " bytes per element");
    }
    return java.util.Optional.empty();
  }
}
