package io.lstmirf.cli;

import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.io.IoErrors;
import java.io.IOException;

/** Results could not be written (a full disk, a closed pipe, a closed stdout): exit 1. */
final class OutputFailedException extends LstmIrfException {
  private static final long serialVersionUID = 1L;

  OutputFailedException(String where, IOException cause) {
    super(
        "cannot write " + where + ": " + IoErrors.reason(cause) + "; the output is incomplete",
        cause);
  }
}
