package io.lstmirf.cli;

import io.lstmirf.api.LstmIrfException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns failures into one clear line on stderr and an exit code: 1 for runtime errors, 2 for
 * usage errors. The stack trace is printed only with {@code --debug}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
  static final int RUNTIME_ERROR = 1;
  static final int USAGE_ERROR = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd,
      CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (e instanceof LstmIrfException) {
      err.println("lstm-irf: error: " + e.getMessage());
    } else if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
      err.println("lstm-irf: error: " + e.getMessage());
    } else {
      err.println("lstm-irf: internal error: " + e + " (rerun with --debug for the stack trace"
          + " and report it)");
    }
    if (debug(parseResult)) {
      e.printStackTrace(err);
    }
    err.flush();
    return RUNTIME_ERROR;
  }

  static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("lstm-irf: usage error: " + e.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      err.println("Try 'lstm-irf " + cmd.getCommandSpec().qualifiedName(" ")
          .replaceFirst("^lstm-irf ?", "") + (cmd.getCommandSpec().qualifiedName().equals(
              "lstm-irf") ? "" : " ") + "--help' for the options.");
    }
    err.flush();
    return USAGE_ERROR;
  }

  private static boolean debug(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }
}
