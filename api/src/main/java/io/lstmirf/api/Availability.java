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

  /**
   * Unavailable because loading the engine failed: the reason names the error and its root
   * cause, since a linkage error's own message rarely says which library was missing.
   */
  public static Availability failedToLoad(String engine, Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String detail = root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst()
            .orElse(""));
    return unavailable(engine + " natives failed to load (" + detail + "); check that the"
        + " module's native jar for this platform is on the class path and the native cache"
        + " directory (" + NativeSettings.cacheDirectory() + ") is writable");
  }
}
