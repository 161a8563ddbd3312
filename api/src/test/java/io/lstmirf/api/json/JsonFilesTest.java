package io.lstmirf.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {
  @TempDir Path dir;

  @Test
  void writesAtomicallyWithOrdinaryPermissions() throws Exception {
    assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class),
        "POSIX permissions only");
    Path file = dir.resolve("report.html");
    JsonFiles.writeAtomically(file, "one");
    assertEquals("one", Files.readString(file));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
    JsonFiles.writeAtomically(file, "two");
    assertEquals("two", Files.readString(file));
    assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
        "a replaced file keeps its permissions");
    try (var entries = Files.list(dir)) {
      assertEquals(List.of(file), entries.toList(), "no temporary file is left behind");
    }
  }
}
