package io.lstmirf.experiment.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.json.JsonFiles;
import java.util.List;

/**
 * What a bench run measured, on which processor, with how many engine threads.
 *
 * @param settings what was asked for
 * @param cpu the processor
 * @param engineThreads intra-op threads each engine was given ({@link
 *     io.lstmirf.api.EngineSettings#threads()})
 * @param backends one result per backend, in the order they ran
 */
public record BenchReport(
    BenchSettings settings, CpuInfo cpu, int engineThreads, List<BackendResult> backends) {

  /** How the LSTM cases' FLOPs are counted (see {@link LstmFlops}). */
  public static final String FLOPS_RULE =
      "forward: 2*T*B*(I+H)*4H per layer (the gate matrix"
          + " products); training: 3x the forward of the training windows, plus the forward of the"
          + " validation windows";

  public BenchReport {
    backends = List.copyOf(backends);
  }

  /** Everything, for {@code --json}: every round's time, medians, floors and multiples. */
  public ObjectNode toJson() {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    ObjectNode c = root.putObject("cpu");
    c.put("model", cpu.model());
    cpu.isa().forEach(c.putArray("isa")::add);
    c.put("logicalCores", cpu.logicalCores());
    root.put("engineThreads", engineThreads);
    root.put("rounds", settings.rounds());
    ObjectNode setup = root.putObject("setup");
    setup.put("stepHidden", settings.stepHidden());
    setup.put("steps", settings.steps());
    setup.put("seqLength", settings.seqLength());
    setup.put("seqHidden", settings.seqHidden());
    setup.put("seqBatch", settings.seqBatch());
    setup.put("gemmSize", settings.gemmSize());
    setup.put("irfShocks", settings.irfShocks());
    settings.cases().forEach(k -> setup.withArray("cases").add(k.id()));
    root.put("flops", FLOPS_RULE);
    root.put(
        "cpuSeconds",
        "CPU seconds of the measuring thread: on a shared machine the wall"
            + " clock also counts time other processes held the core; with one engine thread every"
            + " engine computes on that thread");
    root.put(
        "timesFloor",
        "median seconds over the seconds the FLOPs take at the engine's own"
            + " matrix-product rate (gemm-step for timesFloor, gemm-large for timesLargeFloor)");
    ArrayNode list = root.putArray("results");
    for (BackendResult b : backends) {
      ObjectNode n = list.addObject();
      n.put("backend", b.backend());
      n.put("description", b.description());
      n.put("precision", b.precision().id());
      n.put("stepFloorGflops", b.stepFloorRate() / 1e9);
      n.put("largeFloorGflops", b.largeFloorRate() / 1e9);
      n.put("irfOverForward", b.irfOverForward());
      ArrayNode ms = n.putArray("measurements");
      for (Measurement m : b.measurements()) {
        ObjectNode o = ms.addObject();
        o.put("name", m.name());
        o.put("shape", m.shape());
        o.put("flops", m.flops());
        o.put("medianSeconds", m.median());
        ArrayNode rounds = o.putArray("seconds");
        for (double s : m.seconds()) {
          rounds.add(s);
        }
        o.put("medianCpuSeconds", m.medianCpu());
        ArrayNode cpu = o.putArray("cpuSeconds");
        for (double s : m.cpuSeconds()) {
          cpu.add(s);
        }
        o.put("gflops", m.flopsPerSecond() / 1e9);
        o.put("floorSeconds", m.flops() / b.stepFloorRate());
        o.put("timesFloor", b.timesFloor(m));
        o.put("timesLargeFloor", b.timesLargeFloor(m));
      }
    }
    return root;
  }
}
