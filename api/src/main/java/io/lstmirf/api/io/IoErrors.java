package io.lstmirf.api.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operating system's reason for a failed file operation, as a short phrase ("permission
 * denied", "no such file or directory", "no space left on device"). Java's file exceptions often
 * carry only the path as their message, which the caller has already named, so printing it gives
 * the path twice and no reason.
 */
public final class IoErrors {
  /** {@code FileNotFoundException} and friends: {@code "path (Reason)"}. */
  private static final Pattern PARENTHESISED = Pattern.compile(".*\\(([^()]+)\\)\\s*$");

  private IoErrors() {}

  /** The reason for {@code e}, without the path. */
  public static String reason(IOException e) {
    if (e instanceof CharacterCodingException) {
      return "it is not UTF-8 text";
    }
    if (e instanceof FileSystemException f) {
      if (f.getReason() != null && !f.getReason().isBlank()) {
        return lowerFirst(f.getReason());
      }
      if (e instanceof AccessDeniedException) {
        return "permission denied";
      }
      if (e instanceof NoSuchFileException) {
        return "no such file or directory";
      }
      if (e instanceof NotDirectoryException) {
        return "not a directory";
      }
      if (e instanceof FileAlreadyExistsException) {
        return "a file of that name exists";
      }
      if (e instanceof DirectoryNotEmptyException) {
        return "the directory is not empty";
      }
      if (e instanceof FileSystemLoopException) {
        return "too many levels of symbolic links";
      }
      return e.getClass().getSimpleName();
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    Matcher m = PARENTHESISED.matcher(message);
    return lowerFirst(m.matches() ? m.group(1) : message.lines().findFirst().orElse(message));
  }

  /** "Permission denied" reads as "permission denied" mid-sentence; "UTF-8 ..." stays. */
  private static String lowerFirst(String s) {
    if (s.length() > 1
        && Character.isUpperCase(s.charAt(0))
        && Character.isLowerCase(s.charAt(1))) {
      return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
    return s;
  }
}
