package io.lstmirf.api;

/** Input that cannot be used as given: a wrong shape, a non-finite number, a malformed file. */
public class InvalidInputException extends LstmIrfException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
