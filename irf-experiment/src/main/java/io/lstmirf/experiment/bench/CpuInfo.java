package io.lstmirf.experiment.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The processor the bench ran on, from {@code /proc/cpuinfo}: its model name and the
 * instruction-set flags that decide how fast matrix kernels can be (SSE, AVX, FMA, AMX and their
 * kin). Outside Linux both are unknown.
 *
 * @param model the model name, or {@code unknown}
 * @param isa the vector instruction-set flags, sorted; empty when unknown
 * @param logicalCores processors the JVM may use
 */
public record CpuInfo(String model, List<String> isa, int logicalCores) {
  private static final Pattern VECTOR_FLAG =
      Pattern.compile("(sse.*|ssse3|avx.*|fma.?|f16c|amx.*|vnni.*|bmi.?)");

  public CpuInfo {
    isa = List.copyOf(isa);
  }

  /** This machine's processor. */
  public static CpuInfo current() {
    int cores = Runtime.getRuntime().availableProcessors();
    try {
      return parse(Files.readAllLines(Path.of("/proc/cpuinfo")), cores);
    } catch (IOException | SecurityException e) {
      return new CpuInfo("unknown", List.of(), cores);
    }
  }

  /** The first processor's model name and vector flags in {@code /proc/cpuinfo}'s lines. */
  static CpuInfo parse(List<String> lines, int cores) {
    String model = field(lines, "model name");
    String flags = field(lines, "flags");
    List<String> isa =
        flags == null
            ? List.of()
            : Arrays.stream(flags.trim().split("\\s+"))
                .filter(f -> VECTOR_FLAG.matcher(f).matches())
                .sorted()
                .distinct()
                .toList();
    return new CpuInfo(model == null ? "unknown" : model, isa, cores);
  }

  private static String field(List<String> lines, String name) {
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }
}
