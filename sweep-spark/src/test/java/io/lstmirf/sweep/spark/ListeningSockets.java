package io.lstmirf.sweep.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets this process listens on, read from Linux's /proc: the socket inodes among the
 * process's file descriptors, matched with the LISTEN rows of /proc/net/tcp and tcp6.
 */
final class ListeningSockets {
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  /** {@code address:port} of every listening socket of this process. */
  static List<String> ofThisProcess() throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // the descriptor closed while listing
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> rows = Files.readAllLines(Path.of(table));
      for (String row : rows.subList(1, rows.size())) {
        String[] f = row.trim().split("\\s+");
        if (f[3].equals(LISTEN) && inodes.contains(f[9])) {
          String[] local = f[1].split(":");
          out.add(address(local[0]).getHostAddress() + ":" + Integer.parseInt(local[1], 16));
        }
      }
    }
    return out;
  }

  /** Whether {@code addressAndPort} (as listed) is a loopback address. */
  static boolean isLoopback(String addressAndPort) throws IOException {
    String host = addressAndPort.substring(0, addressAndPort.lastIndexOf(':'));
    return InetAddress.getByName(host).isLoopbackAddress();
  }

  /** /proc's hex address: 32-bit words in the host's (little-endian) byte order. */
  private static InetAddress address(String hex) throws IOException {
    byte[] raw = HexFormat.of().parseHex(hex);
    byte[] ordered = new byte[raw.length];
    for (int w = 0; w < raw.length; w += 4) {
      for (int b = 0; b < 4; b++) {
        ordered[w + b] = raw[w + 3 - b];
      }
    }
    return InetAddress.getByAddress(ordered);
  }
}
