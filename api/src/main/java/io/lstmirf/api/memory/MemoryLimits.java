package io.lstmirf.api.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The memory this process can still use: Java heap for arrays, and physical memory for the engines'
 * native buffers (the machine's available memory, or the container's cgroup limit if lower, less
 * what the Java heap may still claim up to its maximum).
 *
 * @param heapMax the maximum heap ({@code -Xmx})
 * @param heapFree the heap not in use now
 * @param nativeFree physical memory an engine can still take; {@link Long#MAX_VALUE} when the
 *     system does not say
 */
public record MemoryLimits(long heapMax, long heapFree, long nativeFree) {

  /** The limits now. */
  public static MemoryLimits current() {
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    long heapStillToCommit = Math.max(0, rt.maxMemory() - rt.totalMemory());
    long system = systemAvailable();
    long nativeFree = system == Long.MAX_VALUE ? system : Math.max(0, system - heapStillToCommit);
    return new MemoryLimits(rt.maxMemory(), rt.maxMemory() - used, nativeFree);
  }

  /**
   * The limits after a full collection: garbage left by earlier work (a parsed file) is not a
   * shortage. Only called when a request looks too large, so a fitting one pays nothing.
   */
  public static MemoryLimits afterCollection() {
    System.gc();
    return current();
  }

  /** {@code MemAvailable} of /proc/meminfo, or the cgroup's room if less. */
  static long systemAvailable() {
    long available = meminfoAvailable().orElse(Long.MAX_VALUE);
    OptionalLong cgroup = cgroupRoom();
    return cgroup.isPresent() ? Math.min(available, cgroup.getAsLong()) : available;
  }

  private static OptionalLong meminfoAvailable() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: no limit known
    }
    return OptionalLong.empty();
  }

  /** cgroup v2 ({@code memory.max - memory.current}) or v1 ({@code limit - usage}). */
  private static OptionalLong cgroupRoom() {
    for (List<String> pair :
        List.of(
            List.of("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"),
            List.of(
                "/sys/fs/cgroup/memory/memory.limit_in_bytes",
                "/sys/fs/cgroup/memory/memory.usage_in_bytes"))) {
      try {
        String limit = Files.readString(Path.of(pair.get(0))).trim();
        if (limit.equals("max")) {
          return OptionalLong.empty();
        }
        long max = Long.parseLong(limit);
        long current = Long.parseLong(Files.readString(Path.of(pair.get(1))).trim());
        // v1 reports "no limit" as a huge number
        return max >= Long.MAX_VALUE / 4
            ? OptionalLong.empty()
            : OptionalLong.of(Math.max(0, max - current));
      } catch (IOException | RuntimeException e) {
        // try the other layout
      }
    }
    return OptionalLong.empty();
  }
}
