package io.lstmirf.api.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The processor this JVM runs on, as far as engines' kernel choices depend on it: the model name
 * and the vector instruction sets that oneDNN, MKL and OpenBLAS select kernels by (read from {@code
 * /proc/cpuinfo} on Linux; elsewhere only {@code os.arch}).
 *
 * @param model the processor's model name
 * @param instructionSets the relevant flags it has, e.g. {@code avx2}, {@code avx512f}
 */
public record CpuInfo(String model, List<String> instructionSets) {
  /** The flags worth naming: those engines choose kernels by. */
  private static final List<String> RELEVANT =
      List.of(
          "avx2",
          "fma",
          "avx512f",
          "avx512bw",
          "avx512_vnni",
          "avx512_bf16",
          "avx512_fp16",
          "avx512_vp2intersect",
          "avx_vnni",
          "amx_tile",
          "amx_bf16",
          "asimd",
          "sve");

  private static final CpuInfo CURRENT = read();

  public CpuInfo {
    instructionSets = List.copyOf(instructionSets);
  }

  /** This machine's processor. */
  public static CpuInfo current() {
    return CURRENT;
  }

  /** {@code "AMD EPYC (avx2, fma, avx512f, ...)"}. */
  public String describe() {
    return model
        + (instructionSets.isEmpty() ? "" : " (" + String.join(", ", instructionSets) + ")");
  }

  private static CpuInfo read() {
    String arch = System.getProperty("os.arch");
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      String model = field(lines, "model name");
      Set<String> flags =
          Arrays.stream(field(lines, "flags").split("\\s+")).collect(Collectors.toSet());
      flags.addAll(Arrays.asList(field(lines, "Features").split("\\s+"))); // aarch64
      return new CpuInfo(
          model.isEmpty() ? arch : model, RELEVANT.stream().filter(flags::contains).toList());
    } catch (IOException | RuntimeException e) {
      return new CpuInfo(arch, List.of());
    }
  }

  private static String field(List<String> lines, String name) {
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }
}
