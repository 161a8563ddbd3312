package io.lstmirf.interop;

import io.lstmirf.api.InvalidInputException;

/**
 * A model file that uses something the canonical LSTM cannot represent (a bidirectional layer,
 * peepholes, a cell clip, a non-default activation, masking, ...). Such a model is refused, never
 * imported approximately. The message is one line naming the construct and where it is, e.g. {@code
 * model.onnx: LSTM node 'lstm_1': clip=3.0 cannot be imported: the canonical LSTM does not clip its
 * cell state}.
 */
public class UnsupportedModelException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final String construct;
  private final String where;

  /**
   * @param where the node or layer, e.g. {@code LSTM node 'lstm_1'}
   * @param construct what is not representable, e.g. {@code clip=3.0}
   * @param reason why, e.g. {@code the canonical LSTM does not clip its cell state}
   */
  public UnsupportedModelException(String where, String construct, String reason) {
    super(where + ": " + construct + " cannot be imported: " + reason);
    this.construct = construct;
    this.where = where;
  }

  private UnsupportedModelException(
      String message, String where, String construct, Throwable cause) {
    super(message, cause);
    this.construct = construct;
    this.where = where;
  }

  /** The same refusal with {@code source} (usually the file) in front of the message. */
  public UnsupportedModelException in(String source) {
    return new UnsupportedModelException(source + ": " + getMessage(), where, construct, this);
  }

  /** What could not be represented, e.g. {@code direction=bidirectional}. */
  public String construct() {
    return construct;
  }

  /** The node or layer it was found in. */
  public String where() {
    return where;
  }
}
