package io.lstmirf.api;

/**
 * An engine failed: its natives would not load, or a computation failed inside it. Backends wrap
 * the engine's own errors (DJL's {@code EngineException}, TensorFlow's status errors, ND4J's
 * runtime errors) in this one type, so that callers and the command line report every engine the
 * same way; the message names the backend and the root cause in one line.
 */
public class EngineException extends LstmIrfException {
  private static final long serialVersionUID = 1L;

  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Wraps an engine's error: {@code "<backend> engine failed: <root cause>"}.
   *
   * @param backend the backend's name
   * @param error what the engine threw
   */
  public static EngineException wrap(String backend, Throwable error) {
    return new EngineException(backend + " engine failed: " + rootCause(error), error);
  }

  /**
   * The innermost cause of {@code error} as one line, {@code "SimpleClassName: first line of its
   * message"}: a wrapped linkage or native error's own message rarely says what went wrong, and a
   * multi-line native message would break a one-line report.
   */
  public static String rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    String first = message == null ? "" : message.lines().findFirst().orElse("");
    return root.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
  }
}
