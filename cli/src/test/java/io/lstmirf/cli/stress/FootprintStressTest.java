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
 * use: one call of 8 sequences x 20000 steps x 64 units, measured by {@link FootprintProbe} in a
 * JVM whose heap is resident from the start, in each precision the backend offers.
 */
@Tag("stress")
class FootprintStressTest {
  @TempDir Path dir;

  @Test
  void measuredFootprintsStayWithinTheDeclaredOnes() throws Exception {
    for (LstmBackend b : Backends.discover().available()) {
      for (Precision precision : b.capabilities().precisions()) {
        EngineFootprint declared;
        try (LstmModel m =
            b.create(
                Initializer.xavier(LstmSpec.withHead(1, 64, 1, 1), 1, 1),
                ModelOptions.of(precision))) {
          declared = m.footprint();
        }
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
                "64",
                "20000",
                "8");
        assertEquals(0, r.code(), r.err());
        String[] f = r.out().strip().split(" ");
        // what a process does beside the call (JIT, GC tables) adds a few MiB: 8 MiB of slack
        double slack = (8 << 20) / (8.0 * 20000 * 64);
        double nativePerElement = Double.parseDouble(f[5]) - slack;
        double heapPerElement = Double.parseDouble(f[6]) - slack;
        System.out.println("footprint " + r.out().strip() + " (declared " + declared + ")");
        assertTrue(
            nativePerElement <= declared.nativeBytesPerElement(),
            b.name()
                + " "
                + precision
                + ": measured "
                + nativePerElement
                + " native bytes per element");
        assertTrue(
            heapPerElement <= declared.heapBytesPerElement(),
            b.name()
                + " "
                + precision
                + ": measured "
                + heapPerElement
                + " heap bytes per element");
      }
    }
  }
}
