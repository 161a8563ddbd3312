package io.lstmirf.interop;

import java.util.Objects;
import java.util.Optional;

/**
 * What a reader may be told beyond the file: which module is the LSTM and which the head, for files
 * that name their modules and may hold several ({@code --rnn NAME}, {@code --head NAME}). Formats
 * whose readers take the whole model refuse picks they cannot honour ({@link
 * ModelFormatProvider#read(java.nio.file.Path, ReadOptions)}).
 *
 * @param rnn the recurrent module to read, e.g. {@code encoder.lstm}; empty: the only one
 * @param head the linear head to read, e.g. {@code fc}; empty: the only one, if any
 */
public record ReadOptions(Optional<String> rnn, Optional<String> head) {
  /** No picks: the file's only LSTM and its only head. */
  public static final ReadOptions NONE = new ReadOptions(Optional.empty(), Optional.empty());

  public ReadOptions {
    Objects.requireNonNull(rnn, "rnn");
    Objects.requireNonNull(head, "head");
  }

  /** Picks from command-line values, either of which may be null. */
  public static ReadOptions of(String rnn, String head) {
    return new ReadOptions(Optional.ofNullable(rnn), Optional.ofNullable(head));
  }

  /** Whether nothing is picked. */
  public boolean isEmpty() {
    return rnn.isEmpty() && head.isEmpty();
  }
}
