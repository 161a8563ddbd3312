package io.lstmirf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench's output structure and options; never its speed. */
class BenchCommandTest {

  private static CliTest.Run tinyBench(String cases, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bench",
                "--backends",
                "reference",
                "--rounds",
                "3",
                "--steps",
                "5",
                "--step-hidden",
                "4",
                "--seq-length",
                "6",
                "--seq-hidden",
                "8",
                "--seq-batch",
                "2",
                "--gemm-size",
                "16",
                "--irf-shocks",
                "3",
                "--cases",
                cases));
    args.addAll(List.of(extra));
    return CliTest.run(args.toArray(String[]::new));
  }

  @Test
  void jsonCarriesEveryRoundTheFloorsTheMultiplesAndTheMachine() {
    CliTest.Run r = tinyBench("step,sequence,irf", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode root = r.json();
    assertFalse(root.path("cpu").path("model").asText().isEmpty());
    assertTrue(root.path("cpu").path("isa").isArray());
    assertTrue(root.path("cpu").path("logicalCores").asInt() >= 1);
    assertEquals(1, root.path("engineThreads").asInt());
    assertEquals(3, root.path("rounds").asInt());
    assertTrue(root.path("flops").asText().contains("2*T*B*(I+H)*4H"));
    JsonNode ref = root.path("results").get(0);
    assertEquals("reference", ref.path("backend").asText());
    assertEquals("float64", ref.path("precision").asText());
    assertTrue(ref.path("stepFloorGflops").asDouble() > 0);
    assertTrue(ref.path("largeFloorGflops").asDouble() > 0);
    assertTrue(ref.path("irfOverForward").asDouble() > 0);
    List<String> names = new ArrayList<>();
    for (JsonNode m : ref.path("measurements")) {
      names.add(m.path("name").asText());
      assertEquals(3, m.path("seconds").size(), m.toString());
      assertEquals(3, m.path("cpuSeconds").size(), m.toString());
      assertTrue(m.path("medianCpuSeconds").asDouble() > 0, m.toString());
      for (JsonNode s : m.path("seconds")) {
        assertTrue(s.asDouble() > 0, m.toString());
      }
      assertTrue(m.path("medianSeconds").asDouble() > 0, m.toString());
      double floorSeconds =
          m.path("flops").asDouble() / (ref.path("stepFloorGflops").asDouble() * 1e9);
      assertEquals(floorSeconds, m.path("floorSeconds").asDouble(), 1e-9 * floorSeconds);
      assertEquals(
          m.path("medianSeconds").asDouble() / floorSeconds,
          m.path("timesFloor").asDouble(),
          1e-9 * m.path("timesFloor").asDouble());
    }
    assertEquals(
        List.of("gemm-step", "gemm-large", "step", "sequence", "irf-batched", "irf-forward"),
        names);
    JsonNode step = ref.path("measurements").get(0);
    assertEquals("[2x8]x[8x32]", step.path("shape").asText());
    assertEquals(2.0 * 2 * 8 * 32, step.path("flops").asDouble());
    JsonNode sequence = ref.path("measurements").get(3);
    assertEquals(
        2.0 * 6 * 2 * (1 + 8) * 4 * 8, sequence.path("flops").asDouble(), "2*T*B*(I+H)*4H");
  }

  @Test
  void theTableNamesTheMachineAndEveryCaseWithItsMultipleOfTheFloor() {
    CliTest.Run r = tinyBench("step");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("cpu: "), r.out());
    assertTrue(r.out().contains("ISA: "), r.out());
    assertTrue(r.out().contains("x FLOOR"), r.out());
    for (String row : List.of("gemm-step", "gemm-large", "step")) {
      assertTrue(
          r.out().lines().anyMatch(l -> l.startsWith("reference") && l.contains(row)), r.out());
    }
    assertFalse(r.out().contains("sequence"), r.out());
    assertTrue(r.err().contains("round 3/3 done"), r.err());
  }
}
