package io.lstmirf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident set size, as the soak tests bound it. How a test lets memory settle before
 * reading (collections, waits, {@code malloc_trim}) depends on its engine and stays with the test;
 * this only reads the number.
 */
public final class ResidentMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ResidentMemory() {}

  /** {@code VmRSS} of this process in KiB, from {@code /proc/self/status} (Linux). */
  public static long kib() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D+", ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + STATUS + " (the soak tests need Linux)", e);
    }
    throw new IllegalStateException("no VmRSS in " + STATUS + " (the soak tests need Linux)");
  }
}
