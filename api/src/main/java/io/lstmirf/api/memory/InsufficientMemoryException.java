package io.lstmirf.api.memory;

import io.lstmirf.api.LstmIrfException;

/**
 * A request that does not fit the memory this process can use, refused before any of it is
 * allocated. The message says how much it needs, how much there is, and how to proceed.
 */
public class InsufficientMemoryException extends LstmIrfException {
  private static final long serialVersionUID = 1L;

  /** Which memory ran short. */
  public enum Kind {
    /** The Java heap ({@code -Xmx}). */
    HEAP,
    /** The machine's (or the container's) physical memory, for the engine's native buffers. */
    NATIVE,
    /** One tensor larger than the engine can hand over. */
    TENSOR
  }

  private final Kind kind;
  private final long neededBytes;
  private final long availableBytes;

  public InsufficientMemoryException(
      Kind kind, long neededBytes, long availableBytes, String message) {
    super(message);
    this.kind = kind;
    this.neededBytes = neededBytes;
    this.availableBytes = availableBytes;
  }

  public Kind kind() {
    return kind;
  }

  public long neededBytes() {
    return neededBytes;
  }

  public long availableBytes() {
    return availableBytes;
  }
}
