package io.lstmirf.api.io;

import io.lstmirf.api.LstmIrfException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files and directories atomically, whatever they hold (JSON, a model file, a chart, a
 * SavedModel directory): the content is written to a temporary sibling and moved into place, so a
 * crash or a full disk never leaves it half-written and never destroys the previous version. Files
 * are forced to disk before they replace the old one. A path that is a symbolic link is written
 * through: the file it points to is replaced and the link stays. Errors carry the operating
 * system's reason ({@link IoErrors}).
 */
public final class AtomicFiles {

  /** Fills a temporary path (an empty file, or an empty directory for {@link #writeDirectory}). */
  @FunctionalInterface
  public interface Content {
    /** Writes the whole content into {@code tmp}, which exists and is empty. */
    void writeTo(Path tmp) throws IOException;
  }

  /** What {@link #stream} writes: the whole content into a buffered stream it does not close. */
  @FunctionalInterface
  public interface StreamContent {
    /** Writes the whole content; {@code out} is buffered, flushed and closed by the caller. */
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /** Writes {@code bytes} to {@code file} atomically. */
  public static void write(Path file, byte[] bytes) {
    write(file, tmp -> Files.write(tmp, bytes));
  }

  /** Streams {@code content} into {@code file} atomically, without holding it in memory. */
  public static void stream(Path file, StreamContent content) {
    write(
        file,
        tmp -> {
          try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
              OutputStream out =
                  new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
            content.writeTo(out);
            out.flush();
          }
        });
  }

  /** Writes {@code file} atomically with what {@code content} writes into a temporary file. */
  public static void write(Path file, Content content) {
    Path tmp = null;
    try {
      Path target = throughLinks(file.toAbsolutePath());
      Files.createDirectories(target.getParent());
      tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      content.writeTo(tmp);
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        channel.force(true); // on disk before it replaces the old file
      }
      shareLikeAnOrdinaryFile(tmp, target, "rw-r--r--");
      moveIntoPlace(tmp, target);
      tmp = null;
    } catch (IOException e) {
      throw new LstmIrfException("cannot write " + file + ": " + IoErrors.reason(e), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /**
   * The file a path finally names, following symbolic links (relative ones from the link's folder),
   * so that replacing it keeps the links; a dangling link names the file to create.
   */
  static Path throughLinks(Path path) throws IOException {
    Path p = path;
    for (int hops = 0; Files.isSymbolicLink(p); hops++) {
      if (hops == 40) {
        throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
      }
      p = p.getParent().resolve(Files.readSymbolicLink(p));
    }
    return p;
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
      throw new LstmIrfException("cannot write " + dir + ": " + IoErrors.reason(e), e);
    } finally {
      deleteTreeQuietly(tmp);
      deleteTreeQuietly(old);
    }
  }

  private static void moveIntoPlace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (DirectoryNotEmptyException e) {
      throw new IOException(target + " is a directory", e);
    }
  }

  /**
   * Temporary files are created readable by their owner only; a file that replaces one should be as
   * readable as any file the user writes: the permissions of the one it replaces, else {@code
   * fallback}.
   */
  private static void shareLikeAnOrdinaryFile(Path tmp, Path target, String fallback)
      throws IOException {
    if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    Set<PosixFilePermission> permissions =
        Files.exists(target)
            ? Files.getPosixFilePermissions(target)
            : PosixFilePermissions.fromString(fallback);
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
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
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
