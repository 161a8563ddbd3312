package io.lstmirf.api;

/**
 * A backend (or one of its devices or precisions) cannot be used on this machine: missing or broken
 * natives, no GPU, an unsupported precision. The message says why and what to do instead.
 */
public class BackendUnavailableException extends LstmIrfException {
  private static final long serialVersionUID = 1L;

  public BackendUnavailableException(String message) {
    super(message);
  }

  public BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
