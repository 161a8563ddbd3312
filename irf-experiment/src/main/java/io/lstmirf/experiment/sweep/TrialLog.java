package io.lstmirf.experiment.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.json.JsonFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * trials.jsonl: one JSON line per finished trial, appended, flushed and fsynced as each finishes,
 * so that a crash loses at most the trial in progress.
 *
 * <p>Opening reads what is there. A crash during an append can leave a torn last line (no newline,
 * or not valid JSON): it is dropped, the file is cut back to the last whole line, and a note goes
 * to {@code notes}. A bad line before the last one cannot come from a crash, so it is an error
 * naming the line rather than something to guess about. Thread-safe.
 */
public final class TrialLog implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final Map<TrialKey, TrialResult> results;

  private TrialLog(Path file, FileChannel channel, Map<TrialKey, TrialResult> results) {
    this.file = file;
    this.channel = channel;
    this.results = results;
  }

  /** Opens (creating if needed) the log at {@code file}, recovering a torn last line. */
  public static TrialLog open(Path file, PrintWriter notes) {
    try {
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        Map<TrialKey, TrialResult> results = new LinkedHashMap<>();
        long good = load(file, results, notes);
        if (good < channel.size()) {
          channel.truncate(good);
          channel.force(true);
        }
        channel.position(good);
        return new TrialLog(file, channel, results);
      } catch (RuntimeException | IOException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw new LstmIrfException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads every whole line; returns the length of the file's intact part. */
  private static long load(Path file, Map<TrialKey, TrialResult> out, PrintWriter notes)
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    List<int[]> lines = new ArrayList<>(); // [start, end) of each newline-terminated line
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        lines.add(new int[] {start, i});
        start = i + 1;
      }
    }
    long good = start;
    if (start < bytes.length) {
      notes.println(
          "lstm-irf: "
              + file
              + ": dropped a torn last line ("
              + (bytes.length - start)
              + " bytes without a newline, from a run that was interrupted while writing); that"
              + " trial runs again");
    }
    for (int n = 0; n < lines.size(); n++) {
      int[] span = lines.get(n);
      String text = new String(bytes, span[0], span[1] - span[0], StandardCharsets.UTF_8);
      if (text.isBlank()) {
        continue;
      }
      TrialResult r;
      try {
        r = TrialJson.read(JsonFiles.MAPPER.readTree(text));
      } catch (JsonProcessingException | InvalidInputException e) {
        if (n == lines.size() - 1 && start == bytes.length) {
          notes.println(
              "lstm-irf: "
                  + file
                  + ": dropped a torn last line (line "
                  + (n + 1)
                  + " is not a whole trial record); that trial runs again");
          return span[0];
        }
        throw new InvalidInputException(
            file
                + ", line "
                + (n + 1)
                + " is not a trial record ("
                + e.getMessage().lines().findFirst().orElse("")
                + "); this is not what an"
                + " interrupted run leaves behind, so the file was edited or damaged: remove that"
                + " line to run its trial again",
            e);
      }
      if (out.putIfAbsent(r.key(), r) != null) {
        notes.println(
            "lstm-irf: "
                + file
                + ", line "
                + (n + 1)
                + ": trial "
                + r.key().id()
                + " is recorded twice; keeping the first record");
      }
    }
    return good;
  }

  /** The trials recorded so far, in the order they finished. */
  public synchronized Map<TrialKey, TrialResult> results() {
    return new LinkedHashMap<>(results);
  }

  /** Whether {@code key} is recorded. */
  public synchronized boolean contains(TrialKey key) {
    return results.containsKey(key);
  }

  /** Appends one trial as one line and forces it to disk before returning. */
  public synchronized void append(TrialResult r) {
    String line = TrialJson.line(r) + "\n";
    ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new LstmIrfException("cannot append to " + file + ": " + e.getMessage(), e);
    }
    results.put(r.key(), r);
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new LstmIrfException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }
}
