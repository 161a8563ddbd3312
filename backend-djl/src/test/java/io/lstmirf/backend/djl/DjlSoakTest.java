package io.lstmirf.backend.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.testing.Engines;
import io.lstmirf.testing.ResidentMemory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Native memory over a long stateful run: 100,000 steps (H = 64, B = 1) must not grow the process's
 * resident memory. Run with {@code mvn -Psoak -pl backend-djl -am test}.
 */
@Tag("soak")
class DjlSoakTest {
  private static final int WARM_UP = 30_000;
  private static final int STEPS = 100_000;
  private static final int CHECKPOINTS = 10;

  /**
   * Allowed growth of VmRSS over the 100,000 measured steps. Measured on a 2-core x86_64 VM: -2.2
   * to +0.9 MiB over three runs (single readings move by up to 10 MiB as the allocator and the heap
   * breathe); leaking one small tensor per step (a 64-float state, ~0.5 KiB with its handle) would
   * add about 50 MiB.
   */
  private static final long BOUND_KIB = 8 * 1024;

  @Test
  void hundredThousandStepsDoNotGrowResidentMemory() throws InterruptedException {
    Engines.requireAvailable(DjlUnderTest.DJL);
    LstmSpec spec = LstmSpec.withHead(1, 64, 1, 1);
    try (LstmModel model = DjlUnderTest.DJL.create(Initializer.xavier(spec, 1.0, 3));
        LstmSession session = model.openSession(1)) {
      double[][] x = new double[1][1];
      // Warm up in the rhythm of the measurement: the JIT, the allocator and the heap's
      // steady size between collections all settle in the first tens of thousands of steps.
      for (int k = 0; k < WARM_UP / (STEPS / CHECKPOINTS); k++) {
        run(session, x, STEPS / CHECKPOINTS);
        residentKibAfterGc();
      }
      long[] rss = new long[CHECKPOINTS + 1];
      rss[0] = residentKibAfterGc();
      for (int k = 1; k <= CHECKPOINTS; k++) {
        run(session, x, STEPS / CHECKPOINTS);
        rss[k] = residentKibAfterGc();
      }
      long growth = rss[CHECKPOINTS] - rss[0];
      System.out.printf(
          "djl soak: VmRSS every %d steps (KiB): %s; growth %+d KiB%n",
          STEPS / CHECKPOINTS, java.util.Arrays.toString(rss), growth);
      assertTrue(
          growth < BOUND_KIB,
          () ->
              "VmRSS grew by "
                  + growth
                  + " KiB over "
                  + STEPS
                  + " steps (bound "
                  + BOUND_KIB
                  + " KiB)");
    }
  }

  private static void run(LstmSession session, double[][] x, int steps) {
    for (int t = 0; t < steps; t++) {
      x[0][0] = Math.sin(0.01 * t);
      session.step(x);
    }
  }

  /**
   * VmRSS once the Java heap has been collected and shrunk: the heap grows with the garbage of the
   * steps until a collection, which says nothing about native memory, and G1 returns the freed heap
   * to the OS in the background (read at once, VmRSS jumps by tens of MiB).
   */
  private static long residentKibAfterGc() throws InterruptedException {
    System.gc();
    System.gc();
    Thread.sleep(1000);
    return ResidentMemory.kib();
  }
}
