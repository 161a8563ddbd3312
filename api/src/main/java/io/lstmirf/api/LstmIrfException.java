package io.lstmirf.api;

/**
 * Base of every exception this library throws on purpose. The message names the problem and, where
 * there is one, the fix; callers (the CLI in particular) may show it to a user as it is.
 */
public class LstmIrfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LstmIrfException(String message) {
    super(message);
  }

  public LstmIrfException(String message, Throwable cause) {
    super(message, cause);
  }
}
