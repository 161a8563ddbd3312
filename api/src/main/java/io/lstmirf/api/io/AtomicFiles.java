package io.lstmirf.api.io;

import io.lstmirf.api.LstmIrfException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files and directories atomically, whatever they hold (JSON, a model file, a chart, a
 * SavedModel directory): the content is written to a temporary sibling and moved into place, so
 * a crash never leaves it half-written and never destroys the previous version.
 */
public final class AtomicFiles {

  /** Fills a temporary path (an empty file, or an empty directory for {@link #writeDirectory}). */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path tmp) throws IOException;
  }

  private AtomicFiles() {}

  /** Writes {@code bytes} to {@code file} atomically. */
  public static void write(Path file, byte[] bytes) {
    write(file, tmp -> Files.write(tmp, bytes));
  }

  /** Writes {@code file} atomically with what {@code content} writes into a temporary file. */
  public static void write(Path file, Content content) {
    Path target = file.toAbsolutePath();
    Path tmp = null;
    try {
      Files.createDirectories(target.getParent());
      tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      content.writeTo(tmp);
      shareLikeAnOrdinaryFile(tmp, target, "rw-r--r--");
      moveIntoPlace(tmp, target);
      tmp = null;
    } catch (IOException e) {
      throw new LstmIrfException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /**
   * Writes a directory (a TensorFlow SavedModel, say) atomically: {@code content} fills an empty
   * temporary sibling, which then replaces {@code dir}. A directory that was there is moved aside
   * first and deleted after, so either the old or the new one is in place at every moment but the
   * instant between the two renames.
   */
  public static void writeDirectory(Path dir, Content content) {
    Path target = dir.toAbsolutePath();
    Path tmp = null;
    Path old = null;
    try {
      Files.createDirectories(target.getParent());
      tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName());
      content.writeTo(tmp);
      shareLikeAnOrdinaryFile(tmp, target, "rwxr-xr-x");
      if (Files.exists(target)) {
        old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old");
        Files.delete(old);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } catch (IOException e) {
      if (old != null && !Files.exists(target)) {
        try {
          Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
          old = null;
        } catch (IOException ignored) {
          // the write already failed; that error is the one to report
        }
      }
      throw new LstmIrfException("cannot write " + dir + ": " + e.getMessage(), e);
    } finally {
      deleteTreeQuietly(tmp);
      deleteTreeQuietly(old);
    }
  }

  private static void moveIntoPlace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (DirectoryNotEmptyException e) {
      throw new IOException(target + " is a directory", e);
    }
  }

  /**
   * Temporary files are created readable by their owner only; a file that replaces one should be
   * as readable as any file the user writes: the permissions of the one it replaces, else
   * {@code fallback}.
   */
  private static void shareLikeAnOrdinaryFile(Path tmp, Path target, String fallback)
      throws IOException {
    if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.exists(target)
        ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString(fallback);
    Files.setPosixFilePermissions(tmp, permissions);
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // the write already failed or succeeded; a stray temporary file is not worth an error
      }
    }
  }

  private static void deleteTreeQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
          Files.delete(f);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ignored) {
      // left behind as a hidden sibling; the result the caller asked for is unaffected
    }
  }
}
