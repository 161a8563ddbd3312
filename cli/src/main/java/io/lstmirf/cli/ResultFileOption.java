package io.lstmirf.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --out FILE} option of the commands that print one JSON document; a mixin. */
public final class ResultFileOption {

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description =
          "Write the JSON to FILE instead of stdout, atomically: a failure (a full"
              + " disk) leaves no partial file and any previous FILE as it was. Its folder must"
              + " exist; a symbolic link is written through.")
  Path file;

  /** The file, or null for stdout. */
  public Path file() {
    return file;
  }

  /** Fails before any work if the file cannot be written (its folder is missing, ...). */
  public void check() {
    OutputFiles.requireWritableFile("--out", file);
  }
}
