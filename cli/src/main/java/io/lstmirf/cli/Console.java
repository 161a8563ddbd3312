package io.lstmirf.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.api.json.NonFiniteAsNull;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where commands write: results (JSON) on stdout or, with {@code --out}, atomically into a file;
 * progress and messages on stderr, so that stdout can always be piped into a JSON tool. JSON is
 * streamed to its destination as it is generated, never built as one string. Every write is
 * checked: a result that could not be written ends the command with exit 1 ({@link #finish()}), and
 * a non-finite number, written as {@code null}, is named in a warning.
 */
public final class Console {
  private final CheckedOutputStream stdout;
  private final PrintWriter out;
  private final PrintWriter err;

  /** A console on raw standard output and a writer for standard error. */
  public Console(OutputStream stdout, PrintWriter err) {
    this.stdout = new CheckedOutputStream(new BufferedOutputStream(stdout, 1 << 16));
    this.out = new PrintWriter(new OutputStreamWriter(this.stdout, StandardCharsets.UTF_8));
    this.err = err;
  }

  /** The body of a JSON document, written straight to its destination. */
  @FunctionalInterface
  public interface JsonBody {
    void write(JsonGenerator g) throws IOException;
  }

  /** Prints a JSON document on one line of stdout. */
  public void printJson(JsonNode json) {
    writeJson(null, g -> JsonFiles.MAPPER.writeTree(g, json));
  }

  /** Writes a JSON document to {@code file} atomically, or to stdout if {@code file} is null. */
  public void printJson(JsonNode json, Path file) {
    writeJson(file, g -> JsonFiles.MAPPER.writeTree(g, json));
  }

  /**
   * Streams one JSON document, followed by a newline, to {@code file} (atomically: a failure leaves
   * any previous file as it was) or, if {@code file} is null, to stdout.
   *
   * @throws OutputFailedException if it could not be written, with the operating system's reason
   */
  public void writeJson(Path file, JsonBody body) {
    JsonGenerator[] used = new JsonGenerator[1];
    if (file == null) {
      out.flush(); // what was printed before comes first
      try {
        write(stdout, body, used);
      } catch (IOException e) {
        throw new OutputFailedException("the results to standard output", e);
      }
    } else {
      JsonFiles.writeAtomically(file, stream -> write(stream, body, used));
      err.println("lstm-irf: wrote " + file);
    }
    NonFiniteAsNull.replaced(used[0])
        .ifPresent(r -> err.println("lstm-irf: warning: " + r.warning()));
    err.flush();
  }

  private static void write(OutputStream stream, JsonBody body, JsonGenerator[] used)
      throws IOException {
    JsonGenerator g = JsonFiles.MAPPER.createGenerator(stream);
    used[0] = g;
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    body.write(g);
    g.writeRaw('\n');
    g.close(); // flushes into stream, which stays open
    stream.flush();
  }

  /** Standard output, for tables; checked by {@link #finish()}. */
  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  /**
   * Flushes everything and fails if any write to stdout failed, however it was written.
   *
   * @throws OutputFailedException with the operating system's reason
   */
  public void finish() {
    out.flush();
    err.flush();
    if (stdout.failure() != null) {
      throw new OutputFailedException("to standard output", stdout.failure());
    }
    if (out.checkError()) {
      throw new OutputFailedException("to standard output", new IOException("write failed"));
    }
  }
}
