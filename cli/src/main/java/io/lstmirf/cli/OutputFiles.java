package io.lstmirf.cli;

import io.lstmirf.api.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any work, that the files and folders a command will write can be written: their
 * folder must exist (it is not created: a mistyped folder would otherwise appear silently somewhere
 * and the result be looked for elsewhere), and a file must not be a folder. A file that is a
 * symbolic link is written through: the file it points to is replaced atomically and the link
 * stays.
 */
final class OutputFiles {
  private OutputFiles() {}

  /** A file {@code option} will write; null means the option was not given. */
  static void requireWritableFile(String option, Path file) {
    if (file == null) {
      return;
    }
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(option + " " + file + " is a folder; name a file in it");
    }
    requireFolder(option, file, file.toAbsolutePath().getParent());
  }

  /**
   * A folder {@code option} will create or fill ({@code sweep --out DIR}): it may be new, but the
   * folder it is in must exist, and it must not be a file.
   */
  static void requireOutputFolder(String option, Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InvalidInputException(
          option + " " + dir + " is a file, not a folder; name a" + " new or existing folder");
    }
    requireFolder(option, dir, dir.toAbsolutePath().getParent());
  }

  private static void requireFolder(String option, Path given, Path folder) {
    if (folder == null || Files.isDirectory(folder)) {
      return;
    }
    Path shown = given.getParent() != null ? given.getParent() : folder;
    if (Files.exists(folder)) {
      throw new InvalidInputException(option + " " + given + ": " + shown + " is not a folder");
    }
    throw new InvalidInputException(
        option
            + " "
            + given
            + ": folder "
            + shown
            + " does not"
            + " exist; create it first (mkdir -p "
            + shown
            + ")");
  }
}
