package io.lstmirf.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.lstmirf.api.Availability;
import io.lstmirf.api.LstmBackend;

/** Checks on the engine behind a backend under test. */
public final class Engines {
  private Engines() {}

  /**
   * Fails, never skips, when the backend cannot run here: the tests exist to run its engine, so a
   * missing native is a failure that names the backend's own reason.
   */
  public static void requireAvailable(LstmBackend backend) {
    Availability a = backend.availability();
    if (!a.available()) {
      fail("backend '" + backend.name() + "' is unavailable: " + a.reason());
    }
  }
}
