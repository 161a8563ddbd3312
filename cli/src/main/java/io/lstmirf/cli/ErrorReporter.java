package io.lstmirf.cli;

import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.memory.InsufficientMemoryException;
import io.lstmirf.api.memory.MemoryCheck;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Turns every failure, errors included, into one clear line on stderr and an exit code: 1 for
 * runtime errors (bad files, engines, memory, output that could not be written), 2 for usage
 * errors. The stack trace is printed only with {@code --debug}. Picocli hands it the exceptions of
 * a command; {@link Main} hands it whatever escapes picocli (an {@link OutOfMemoryError}, a failed
 * final flush of stdout).
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
  static final int RUNTIME_ERROR = 1;
  static final int USAGE_ERROR = 2;

  /** How the launcher passes JVM options. */
  static final String JAVA_OPTS = "LSTM_IRF_JAVA_OPTS";

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    return report(e, cmd.getErr(), debug(parseResult));
  }

  /** Reports {@code error} in one line (plus its stack trace with {@code debug}). */
  static int report(Throwable error, PrintWriter err, boolean debug) {
    if (error instanceof CommandLine.ParameterException p) {
      return usageError(p, null);
    }
    err.println("lstm-irf: " + describe(error));
    if (debug) {
      error.printStackTrace(err);
    }
    err.flush();
    return RUNTIME_ERROR;
  }

  private static String describe(Throwable e) {
    if (e instanceof InsufficientMemoryException m) {
      return "error: "
          + m.getMessage()
          + (m.kind() == InsufficientMemoryException.Kind.HEAP
              ? " (for ./lstm-irf: "
                  + JAVA_OPTS
                  + "=-Xmx"
                  + suggestedHeapGib(m.neededBytes() - m.availableBytes())
                  + "g)"
              : "");
    }
    if (e instanceof LstmIrfException
        || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException) {
      return "error: " + e.getMessage();
    }
    if (e instanceof OutOfMemoryError) {
      long max = Runtime.getRuntime().maxMemory();
      return "error: out of memory ("
          + (e.getMessage() == null ? "Java heap" : e.getMessage())
          + "; the maximum Java heap is "
          + MemoryCheck.size(max)
          + "): ask"
          + " for less at once (fewer sequences, a shorter horizon, a smaller data file), or"
          + " give it more memory: "
          + JAVA_OPTS
          + "=-Xmx"
          + suggestedHeapGib(max)
          + "g";
    }
    if (e instanceof StackOverflowError) {
      return "error: the input is nested too deeply to process (stack overflow)";
    }
    return "internal error: " + e + " (rerun with --debug for the stack trace and report it)";
  }

  /** Whole GiB of heap that would hold {@code more} bytes beyond today's maximum, with room. */
  static long suggestedHeapGib(long more) {
    double gib = (Runtime.getRuntime().maxMemory() + Math.max(0, more) * 1.25) / (1L << 30);
    return Math.max(2, (long) Math.ceil(gib));
  }

  static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("lstm-irf: usage error: " + e.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      err.println(
          "Try 'lstm-irf "
              + cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^lstm-irf ?", "")
              + (cmd.getCommandSpec().qualifiedName().equals("lstm-irf") ? "" : " ")
              + "--help' for the options.");
    }
    err.flush();
    return USAGE_ERROR;
  }

  /** Whether {@code --debug} was given, for failures outside a parsed command line. */
  static boolean debug(String[] args) {
    return Arrays.asList(args).contains("--debug");
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
