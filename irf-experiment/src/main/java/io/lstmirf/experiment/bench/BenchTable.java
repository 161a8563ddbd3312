package io.lstmirf.experiment.bench;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The bench report as a table for people: per backend, each measurement's median and range over
 * rounds, its rate, and how many times the floor it took.
 */
public final class BenchTable {
  private static final String ROW = "%-10s %-8s %-15s %-36s %10s %21s %10s %8s %8s %8s%n";

  private BenchTable() {}

  public static void print(BenchReport report, PrintWriter out) {
    CpuInfo cpu = report.cpu();
    out.printf(
        "cpu: %s, %d logical core(s); ISA: %s%n",
        cpu.model(),
        cpu.logicalCores(),
        cpu.isa().isEmpty() ? "unknown" : String.join(" ", cpu.isa()));
    out.printf(
        "engine threads: %d; %d round(s), medians; x floor = time / (FLOPs at the engine's"
            + " own gemm-step rate), x large = the same at its gemm-large rate%n",
        report.engineThreads(), report.settings().rounds());
    out.printf("FLOPs: %s%n", BenchReport.FLOPS_RULE);
    out.printf(
        "CPU: the measuring thread's CPU time (median); wall time above it is time the"
            + " machine gave to other work%n");
    out.printf(
        Locale.ROOT,
        ROW,
        "BACKEND",
        "PREC",
        "CASE",
        "SHAPE",
        "MEDIAN",
        "RANGE",
        "CPU",
        "GFLOP/s",
        "x FLOOR",
        "x LARGE");
    for (BackendResult b : report.backends()) {
      for (Measurement m : b.measurements()) {
        out.printf(
            Locale.ROOT,
            ROW,
            b.backend(),
            b.precision().id(),
            m.name(),
            m.shape(),
            seconds(m.median()),
            seconds(m.min()) + " - " + seconds(m.max()),
            seconds(m.medianCpu()),
            String.format(Locale.ROOT, "%.2f", m.flopsPerSecond() / 1e9),
            times(b.timesFloor(m)),
            times(b.timesLargeFloor(m)));
      }
      double ratio = b.irfOverForward();
      if (!Double.isNaN(ratio)) {
        out.printf(
            Locale.ROOT,
            "%-10s batched IRF / one forward of the same batch: %.2fx%n",
            b.backend(),
            ratio);
      }
    }
    out.flush();
  }

  /** Seconds in the unit that suits them: us, ms or s, three significant figures or so. */
  static String seconds(double s) {
    if (!Double.isFinite(s)) {
      return "-";
    }
    if (s < 1e-3) {
      return String.format(Locale.ROOT, "%.1f us", s * 1e6);
    }
    if (s < 1) {
      return String.format(Locale.ROOT, "%.1f ms", s * 1e3);
    }
    return String.format(Locale.ROOT, "%.2f s", s);
  }

  private static String times(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.1fx", x) : "-";
  }
}
