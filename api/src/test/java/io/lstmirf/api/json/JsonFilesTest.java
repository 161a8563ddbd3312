package io.lstmirf.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lstmirf.api.LstmIrfException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {

  private static List<String> listing(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesReplaceTheTargetAndLeaveNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("sub").resolve("out.json");
    JsonFiles.writeAtomically(target, "{\"a\": 1}");
    assertEquals("{\"a\": 1}", Files.readString(target));
    JsonFiles.writeAtomically(target, "{\"a\": 2}");
    assertEquals("{\"a\": 2}", Files.readString(target));
    assertEquals(List.of("out.json"), listing(target.getParent()), "only the target is left");
  }

  @Test
  void aFailedWriteKeepsThePreviousFileAndLeavesNoTemporaryFile(@TempDir Path dir)
      throws Exception {
    // The target is a non-empty directory, so the final move must fail.
    Path target = dir.resolve("out.json");
    Files.createDirectories(target);
    Files.writeString(target.resolve("keep"), "previous");
    LstmIrfException e =
        assertThrows(LstmIrfException.class, () -> JsonFiles.writeAtomically(target, "new"));
    assertTrue(e.getMessage().startsWith("cannot write " + target), e.getMessage());
    assertEquals("previous", Files.readString(target.resolve("keep")));
    assertEquals(List.of("out.json"), listing(dir), "the temporary file was removed");
  }

  /**
   * A reader polling the file while it is rewritten sees either the whole old version or the whole
   * new one, never a mix or a truncated file.
   */
  @Test
  void readersNeverSeeAHalfWrittenFile(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("big.json");
    byte[] a = new byte[512 * 1024];
    byte[] b = new byte[512 * 1024];
    java.util.Arrays.fill(a, (byte) 'a');
    java.util.Arrays.fill(b, (byte) 'b');
    JsonFiles.writeAtomically(target, a);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> reads =
          reader.submit(
              () -> {
                int n = 0;
                while (writing.get()) {
                  byte[] seen = Files.readAllBytes(target);
                  String s = new String(seen, StandardCharsets.US_ASCII);
                  if (seen.length != a.length || !(s.indexOf('b') < 0 || s.indexOf('a') < 0)) {
                    throw new AssertionError(
                        "read a partial or mixed file of " + seen.length + " bytes");
                  }
                  n++;
                }
                return n;
              });
      for (int i = 0; i < 60; i++) {
        JsonFiles.writeAtomically(target, i % 2 == 0 ? b : a);
      }
      writing.set(false);
      assertTrue(reads.get(30, TimeUnit.SECONDS) > 0, "the reader ran");
    } finally {
      writing.set(false);
      reader.shutdownNow();
    }
    assertEquals(List.of("big.json"), listing(dir));
  }

  @Test
  void parseErrorsNameTheSource() {
    String m =
        assertThrows(
                io.lstmirf.api.InvalidInputException.class,
                () -> JsonFiles.parse("{\"a\": [1, 2,, 3]}", "my.json"))
            .getMessage();
    assertTrue(m.startsWith("my.json is not valid JSON at line 1, column 13"), m);
  }

  @Test
  void writesWithOrdinaryPermissionsOrThoseOfTheReplacedFile(@TempDir Path dir) throws Exception {
    assumeTrue(
        Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class),
        "POSIX permissions only");
    Path file = dir.resolve("report.html");
    JsonFiles.writeAtomically(file, "one");
    assertEquals(
        "rw-r--r--",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
        "readable like any file the user writes, not owner-only like a temporary file");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
    JsonFiles.writeAtomically(file, "two");
    assertEquals("two", Files.readString(file));
    assertEquals(
        "rw-rw----",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
        "a replaced file keeps its permissions");
    assertEquals(List.of("report.html"), listing(dir));
  }
}
