package io.lstmirf.api;

/**
 * Whether a backend can run here, and if not, why and what to do about it.
 *
 * @param available true when models can be created
 * @param reason empty when available; otherwise the problem and the fix, in one sentence
 */
public record Availability(boolean available, String reason) {

  private static final Availability AVAILABLE = new Availability(true, "");

  public Availability {
    reason = reason == null ? "" : reason;
    if (!available && reason.isBlank()) {
      throw new IllegalArgumentException("an unavailable backend must say why");
    }
  }

  /** Available. */
  public static Availability ok() {
    return AVAILABLE;
  }

  /** Unavailable, with the problem and the fix. */
  public static Availability unavailable(String reason) {
    return new Availability(false, reason);
  }
}
