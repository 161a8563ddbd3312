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
   * Unavailable because loading the engine failed, with the generic fix (the native jar on the
   * class path, a writable cache directory). See {@link #failedToLoad(String, Throwable, String)}.
   */
  public static Availability failedToLoad(String engine, Throwable error) {
    return failedToLoad(engine, error, "check that the module's native jar for this platform is"
        + " on the class path and the native cache directory (" + NativeSettings.cacheDirectory()
        + ") is writable");
  }

  /**
   * Unavailable because loading the engine failed. The reason names the error's root cause, since
   * a linkage error's own message rarely says which library was missing, followed by {@code fix}.
   * A wrong lstm-irf setting (an {@link InvalidInputException} such as a bad thread count) is
   * reported as itself: the natives are not to blame, and pointing at them would mislead.
   */
  public static Availability failedToLoad(String engine, Throwable error, String fix) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof InvalidInputException) {
      return unavailable(engine + " cannot start: " + root.getMessage());
    }
    String detail = root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst()
            .orElse(""));
    return unavailable(engine + " natives failed to load (" + detail + "); " + fix);
  }
}
