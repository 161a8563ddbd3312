package io.lstmirf.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.json.JsonFiles;
import java.io.PrintWriter;

/**
 * Where commands write: results (JSON) on stdout, progress and messages on stderr, so that stdout
 * can always be piped into a JSON tool.
 */
public final class Console {
  private final PrintWriter out;
  private final PrintWriter err;

  public Console(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /** Prints a JSON document on one line of stdout. */
  public void printJson(JsonNode json) {
    try {
      out.println(JsonFiles.MAPPER.writeValueAsString(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise output", e);
    }
    out.flush();
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }
}
