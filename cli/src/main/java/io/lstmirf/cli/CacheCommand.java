package io.lstmirf.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.EngineSettings;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.json.JsonFiles;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lstm-irf cache}: where the engines' natives are extracted and how much room they take
 * (about 1.5 GB for all three engines); {@code --clear} deletes them. The next use of an engine
 * extracts its natives again from the jars, offline.
 */
@Command(
    name = "cache",
    mixinStandardHelpOptions = true,
    description =
        "Show the native cache (the engines' libraries, extracted from their jars on"
            + " first use) with its size per engine, or delete it with --clear.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf cache",
      "  lstm-irf cache --clear",
      "  LSTM_IRF_CACHE_DIR=/tmp/natives lstm-irf cache"
    })
final class CacheCommand implements Runnable {
  private final Console console;

  @Option(
      names = "--clear",
      description =
          "Delete the cache. Engines extract their natives"
              + " again, from the jars and offline, the next time they load.")
  boolean clear;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Inject
  CacheCommand(Console console) {
    this.console = console;
  }

  @Override
  public void run() {
    Path root = EngineSettings.cacheDirectory();
    if (clear) {
      long freed = size(root);
      delete(root);
      console.err().printf("cache: deleted %s (%s)%n", root, human(freed));
      console.err().flush();
      return;
    }
    List<Path> engines = children(root);
    if (json) {
      ObjectNode n = JsonFiles.MAPPER.createObjectNode();
      n.put("path", root.toString());
      n.put("bytes", size(root));
      ObjectNode per = n.putObject("engines");
      engines.forEach(e -> per.put(e.getFileName().toString(), size(e)));
      console.printJson(n);
      return;
    }
    console
        .out()
        .printf(
            "native cache: %s (set -Dlstmirf.cache.dir or LSTM_IRF_CACHE_DIR to" + " move it)%n",
            root);
    for (Path e : engines) {
      console.out().printf("  %-10s %10s%n", e.getFileName(), human(size(e)));
    }
    console.out().printf("  %-10s %10s%n", "total", human(size(root)));
    console.out().flush();
  }

  private static List<Path> children(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new LstmIrfException("cannot list the native cache " + dir + ": " + reason(e), e);
    }
  }

  /** Bytes under {@code path}; 0 if it does not exist. */
  static long size(Path path) {
    if (!Files.exists(path)) {
      return 0;
    }
    long[] total = {0};
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              total[0] += attrs.size();
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new LstmIrfException("cannot read the native cache " + path + ": " + reason(e), e);
    }
    return total[0];
  }

  private static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      // deleted meanwhile: what we wanted
    } catch (IOException e) {
      throw new LstmIrfException(
          "cannot delete the native cache "
              + root
              + ": "
              + reason(e)
              + "; check its permissions, or delete it by hand",
          e);
    } catch (UncheckedIOException e) {
      throw new LstmIrfException(
          "cannot delete the native cache " + root + ": " + reason(e.getCause()), e);
    }
  }

  private static String reason(IOException e) {
    return e.getClass()
            .getSimpleName()
            .replace("Exception", "")
            .replaceAll("([a-z])([A-Z])", "$1 $2")
            .toLowerCase(Locale.ROOT)
        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
  }

  private static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
