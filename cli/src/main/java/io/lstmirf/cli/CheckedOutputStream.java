package io.lstmirf.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output that remembers its first failure. A {@link java.io.PrintWriter} over it still
 * swallows the exception (so a table printed line by line does not need a try at every line), but
 * the failure is kept here with the operating system's reason, and {@link Console#finish} turns it
 * into an exit status of 1: output that was lost is never reported as success.
 */
final class CheckedOutputStream extends FilterOutputStream {
  private IOException failure;

  CheckedOutputStream(OutputStream out) {
    super(out);
  }

  /** The first write or flush that failed, or null. */
  IOException failure() {
    return failure;
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw remember(e);
    }
  }

  /** Standard output stays open for whoever writes after the command (picocli, the JVM). */
  @Override
  public void close() throws IOException {
    flush();
  }

  private IOException remember(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }
}
