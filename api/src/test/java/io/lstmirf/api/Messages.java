package io.lstmirf.api;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/**
 * Asserts that a call is rejected with an {@link InvalidInputException} saying the right things.
 */
public final class Messages {
  private Messages() {}

  /**
   * Runs {@code call}, expects an {@link InvalidInputException}, and checks that its message
   * contains every one of {@code parts}.
   *
   * @return the message, for further checks
   */
  public static String assertRejected(Executable call, String... parts) {
    InvalidInputException e = assertThrows(InvalidInputException.class, call);
    for (String part : parts) {
      assertTrue(
          e.getMessage().contains(part),
          () -> "message should mention '" + part + "': " + e.getMessage());
    }
    return e.getMessage();
  }
}
