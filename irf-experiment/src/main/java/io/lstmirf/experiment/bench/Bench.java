package io.lstmirf.experiment.bench;

import io.lstmirf.api.EngineSettings;
import io.lstmirf.api.LstmBackend;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the bench: every workload of every backend once to warm up (JIT, native initialisation, the
 * products' repeat counts), then {@code rounds} rounds, each running every backend's workloads in
 * turn, so that the machine's noise hits all backends alike; medians over rounds.
 */
public final class Bench {
  private Bench() {}

  /**
   * Measures {@code backends} (available ones) as {@code settings} say, telling {@code progress}
   * after each round.
   */
  public static BenchReport run(
      List<LstmBackend> backends, BenchSettings settings, PrintWriter progress) {
    BenchInputs inputs = BenchInputs.of(settings);
    List<BackendWorkloads> all = new ArrayList<>();
    try {
      for (LstmBackend b : backends) {
        all.add(BackendWorkloads.of(b, settings, inputs));
      }
      progress.printf(
          "bench: %d round(s) after a warm-up; floors: the engines' own matrix"
              + " products; cases: %s%n",
          settings.rounds(), settings.cases().stream().map(BenchCase::id).toList());
      all.forEach(w -> w.workloads().forEach(Workload::time));
      Timing[][][] timings = new Timing[all.size()][][];
      for (int b = 0; b < all.size(); b++) {
        timings[b] = new Timing[all.get(b).workloads().size()][settings.rounds()];
      }
      for (int r = 0; r < settings.rounds(); r++) {
        for (int b = 0; b < all.size(); b++) {
          List<Workload> list = all.get(b).workloads();
          for (int w = 0; w < list.size(); w++) {
            timings[b][w][r] = list.get(w).time();
          }
        }
        progress.printf("bench: round %d/%d done%n", r + 1, settings.rounds());
        progress.flush();
      }
      List<BackendResult> results = new ArrayList<>();
      for (int b = 0; b < all.size(); b++) {
        results.add(result(all.get(b), timings[b]));
      }
      return new BenchReport(settings, CpuInfo.current(), EngineSettings.threads(), results);
    } finally {
      all.forEach(BackendWorkloads::close);
    }
  }

  private static BackendResult result(BackendWorkloads w, Timing[][] timings) {
    List<Measurement> list = new ArrayList<>();
    for (int i = 0; i < timings.length; i++) {
      Workload work = w.workloads().get(i);
      double[] wall = new double[timings[i].length];
      double[] cpu = new double[timings[i].length];
      for (int r = 0; r < wall.length; r++) {
        wall[r] = timings[i][r].seconds();
        cpu[r] = timings[i][r].cpuSeconds();
      }
      list.add(new Measurement(work.name(), work.shape(), work.flops(), wall, cpu));
    }
    return new BackendResult(w.backend().name(), w.backend().description(), w.precision(), list);
  }
}
