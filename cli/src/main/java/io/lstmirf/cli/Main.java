package io.lstmirf.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Entry point of the {@code lstm-irf} command. Exit codes: 0 success, 1 runtime error (bad input
 * files, unavailable backend, engine failure, not enough memory, output that could not be written),
 * 2 usage error. Errors are one line on stderr; the stack trace only with {@code --debug}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    // The raw descriptor, not System.out: a PrintStream hides a failed write (a full disk, a
    // closed stdout) and the exit status would say success.
    int code = run(args, new FileOutputStream(FileDescriptor.out), System.err);
    System.exit(code);
  }

  /** Runs one command line with the given streams and returns the exit code. */
  public static int run(String[] args, OutputStream out, OutputStream err) {
    PrintWriter errWriter =
        new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    Console console = new Console(out, errWriter);
    int code;
    try {
      Injector injector = Guice.createInjector(new CliModule(console));
      CommandLine cli =
          LstmIrfCommand.commandLine(new GuiceFactory(injector))
              .setOut(console.out())
              .setErr(errWriter)
              .setCaseInsensitiveEnumValuesAllowed(true)
              .setExecutionExceptionHandler(new ErrorReporter())
              .setParameterExceptionHandler(ErrorReporter::usageError);
      code = cli.execute(args);
      if (code == 0) {
        console.finish();
      }
    } catch (Throwable e) { // OutOfMemoryError and the like pass picocli by; report them too
      code = ErrorReporter.report(e, errWriter, ErrorReporter.debug(args));
    } finally {
      try {
        console.finish();
      } catch (RuntimeException e) {
        // already reported, or the command failed first: its error is the one that counts
      }
      errWriter.flush();
    }
    return code;
  }
}
