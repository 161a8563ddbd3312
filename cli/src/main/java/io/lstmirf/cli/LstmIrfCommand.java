package io.lstmirf.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code lstm-irf} command; the work is done by its subcommands. */
@Command(name = "lstm-irf",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "How long does an LSTM remember? Impulse responses and forget-gate analysis,"
        + " with the same numbers on every engine.",
    subcommands = {
        BackendsCommand.class,
        ForwardCommand.class,
        GradientsCommand.class,
        IrfCommand.class,
        GirfCommand.class,
        VarIrfCommand.class,
        BenchCommand.class,
        SweepCommand.class
    })
final class LstmIrfCommand implements Runnable {

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean debug;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "missing command: choose one of " + String.join(", ", spec.subcommands().keySet()));
  }
}
