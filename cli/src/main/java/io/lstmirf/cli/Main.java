package io.lstmirf.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Entry point of the {@code lstm-irf} command. Exit codes: 0 success, 1 runtime error (bad input
 * files, unavailable backend, engine failure), 2 usage error. Errors are one line on stderr; the
 * stack trace only with {@code --debug}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    int code = run(args, System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** Runs one command line with the given streams and returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    Injector injector = Guice.createInjector(new CliModule(outWriter, errWriter));
    CommandLine cli = new CommandLine(LstmIrfCommand.class, new GuiceFactory(injector))
        .setOut(outWriter)
        .setErr(errWriter)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new ErrorReporter())
        .setParameterExceptionHandler(ErrorReporter::usageError);
    try {
      return cli.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }
}
