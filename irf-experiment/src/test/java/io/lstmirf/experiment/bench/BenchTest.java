package io.lstmirf.experiment.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.backend.reference.ReferenceBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench's structure, counts and settings on the reference; never its speed. */
class BenchTest {

  @Test
  void everyCaseIsTimedEveryRoundBesideTheFloors() {
    BenchSettings s = new BenchSettings(2, 3, 4, 5, 6, 2, 8, 2, EnumSet.allOf(BenchCase.class));
    StringWriter progress = new StringWriter();
    BenchReport report = Bench.run(List.of(new ReferenceBackend()), s, new PrintWriter(progress));
    BackendResult ref = report.backends().get(0);
    assertEquals(
        List.of(
            "gemm-step",
            "gemm-large",
            "step",
            "sequence",
            "irf-batched",
            "irf-forward",
            "training-epoch"),
        ref.measurements().stream().map(Measurement::name).toList());
    for (Measurement m : ref.measurements()) {
      assertEquals(2, m.seconds().length, m.name());
      assertEquals(2, m.cpuSeconds().length, m.name());
      assertTrue(m.medianCpu() > 0, m.name() + ": the thread's CPU time is counted");
      assertTrue(m.min() > 0 && m.min() <= m.median() && m.median() <= m.max(), m.name());
      assertEquals(m.median() * ref.stepFloorRate() / m.flops(), ref.timesFloor(m), 1e-12);
    }
    assertEquals(1.0, ref.timesFloor(ref.find("gemm-step").orElseThrow()), 1e-12);
    assertEquals(1.0, ref.timesLargeFloor(ref.find("gemm-large").orElseThrow()), 1e-12);
    // the IRF batch: 2 shocks + the baseline, lookback / 2 + horizon = 30 + 100 steps
    assertEquals(
        LstmFlops.forward(LstmSpec.of(1, 50, 1), 3, 130),
        ref.find("irf-batched").orElseThrow().flops());
    assertTrue(ref.irfOverForward() > 0);
    assertTrue(progress.toString().contains("round 2/2 done"), progress.toString());
  }

  @Test
  void flopsCountTheGateProductsOfEveryLayer() {
    assertEquals(2.0 * 10 * 3 * (2 + 4) * 16, LstmFlops.forward(LstmSpec.of(2, 4, 1), 3, 10));
    assertEquals(
        2.0 * 10 * 3 * ((2 + 4) + (4 + 4)) * 16, LstmFlops.forward(LstmSpec.of(2, 4, 2), 3, 10));
    assertEquals(
        3 * LstmFlops.forward(LstmSpec.of(2, 4, 2), 3, 10),
        LstmFlops.forwardAndBackward(LstmSpec.of(2, 4, 2), 3, 10));
  }

  @Test
  void settingsOutOfRangeAreRefusedByName() {
    var all = EnumSet.allOf(BenchCase.class);
    assertThrows(
        InvalidInputException.class,
        () -> new BenchSettings(0, 1, 1, 1, 1, 1, 1, 1, all),
        "--rounds");
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> new BenchSettings(1, 1, 1, 1, 1, 1, 5000, 1, all));
    assertTrue(e.getMessage().startsWith("--gemm-size must be at most 4096"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> BenchCase.parse("gemm"));
    assertEquals(BenchCase.IRF, BenchCase.parse("irf"));
  }

  @Test
  void cpuInfoKeepsTheModelAndTheVectorFlags() {
    CpuInfo cpu =
        CpuInfo.parse(
            List.of(
                "processor\t: 0",
                "model name\t: AMD EPYC 9654",
                "flags\t\t: fpu vme sse sse2 avx2 fma avx512f avx512_bf16 amx_tile ht"),
            4);
    assertEquals("AMD EPYC 9654", cpu.model());
    assertEquals(
        List.of("amx_tile", "avx2", "avx512_bf16", "avx512f", "fma", "sse", "sse2"), cpu.isa());
    assertEquals(4, cpu.logicalCores());
    assertEquals("unknown", CpuInfo.parse(List.of(), 1).model());
  }
}
