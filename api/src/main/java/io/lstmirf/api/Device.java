package io.lstmirf.api;

import java.util.Locale;

/**
 * Where a model runs: the CPU, or GPU number {@code index}. Written {@code cpu} or {@code gpu:N}.
 *
 * @param kind CPU or GPU
 * @param index the GPU ordinal; always 0 for the CPU
 */
public record Device(Kind kind, int index) {

  /** The CPU. */
  public static final Device CPU = new Device(Kind.CPU, 0);

  /** The kind of processor. */
  public enum Kind {
    CPU,
    GPU
  }

  public Device {
    if (kind == null) {
      throw new InvalidInputException("device kind must not be null");
    }
    if (index < 0 || (kind == Kind.CPU && index != 0)) {
      throw new InvalidInputException("invalid device index " + index + " for " + kind);
    }
  }

  /** GPU number {@code index}. */
  public static Device gpu(int index) {
    return new Device(Kind.GPU, index);
  }

  /** Parses {@code cpu}, {@code gpu} (= {@code gpu:0}) or {@code gpu:N}. */
  public static Device parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("cpu")) {
      return CPU;
    }
    if (t.equals("gpu") || t.equals("cuda")) {
      return gpu(0);
    }
    for (String prefix : new String[] {"gpu:", "cuda:"}) {
      if (t.startsWith(prefix)) {
        try {
          return gpu(Integer.parseInt(t.substring(prefix.length())));
        } catch (NumberFormatException e) {
          break;
        }
      }
    }
    throw new InvalidInputException("unknown device '" + text + "': use cpu, gpu or gpu:N");
  }

  public boolean isGpu() {
    return kind == Kind.GPU;
  }

  @Override
  public String toString() {
    return kind == Kind.CPU ? "cpu" : "gpu:" + index;
  }
}
