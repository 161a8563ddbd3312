package io.lstmirf.api.json;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.io.IoErrors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File errors carry the operating system's reason once, not the path twice; a write that fails
 * half-way leaves nothing behind and loses nothing; symbolic links are written through.
 */
class FileErrorsTest {
  @TempDir Path dir;

  @Test
  void theReasonIsTheOperatingSystemsNotThePathAgain() {
    assertEquals("permission denied", IoErrors.reason(new AccessDeniedException("/a/m.json")));
    assertEquals(
        "no space left on device",
        IoErrors.reason(new FileSystemException("/a", null, "No space left on device")));
    assertEquals(
        "permission denied",
        IoErrors.reason(new FileNotFoundException("/a/m.json (Permission denied)")));
    assertEquals("bad file descriptor", IoErrors.reason(new IOException("Bad file descriptor")));
    String m =
        JsonFiles.cannotRead(
                Path.of("/a/m.json"), "model file", new AccessDeniedException("/a/m.json"))
            .getMessage();
    assertEquals("cannot read model file /a/m.json: permission denied", m);
  }

  @Test
  void readingAFolderOrThroughAFileSaysSo() throws IOException {
    assertRejected(
        () -> ModelJson.read(dir), "cannot read model file " + dir + ": is a" + " directory");
    Path file = Files.writeString(dir.resolve("f.json"), "{}");
    assertRejected(
        () -> InputJson.read(file.resolve("x.json")),
        "cannot read input file",
        ": not a directory");
  }

  @Test
  void aWriteThatFailsHalfWayLeavesThePreviousFileAndNoTemporaryOne() throws IOException {
    Path target = dir.resolve("results.json");
    Files.writeString(target, "previous results");
    LstmIrfException e =
        assertThrows(
            LstmIrfException.class,
            () ->
                JsonFiles.writeAtomically(
                    target,
                    out -> {
                      out.write(new byte[100_000]);
                      throw new FileSystemException(
                          target.toString(), null, "No space left on device");
                    }));
    assertEquals("cannot write " + target + ": no space left on device", e.getMessage());
    assertEquals("previous results", Files.readString(target));
    assertEquals(List.of("results.json"), listing(dir));
  }

  @Test
  void aSymbolicLinkIsWrittenThroughAndStaysALink() throws IOException {
    Path real = Files.createDirectory(dir.resolve("plots")).resolve("irf.png");
    Files.writeString(real, "old");
    Path link = Files.createSymbolicLink(dir.resolve("latest.png"), Path.of("plots/irf.png"));
    JsonFiles.writeAtomically(link, "new");
    assertTrue(Files.isSymbolicLink(link), "the link was not replaced");
    assertEquals("new", Files.readString(real));
    assertEquals(List.of("irf.png"), listing(real.getParent()), "no temporary file left");
    Path dangling = Files.createSymbolicLink(dir.resolve("next.png"), dir.resolve("made.png"));
    JsonFiles.writeAtomically(dangling, "made");
    assertTrue(Files.isSymbolicLink(dangling));
    assertEquals("made", Files.readString(dir.resolve("made.png")));
  }

  private static List<String> listing(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
