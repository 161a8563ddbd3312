package io.lstmirf.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code lstm-irf} command; the work is done by its subcommands. */
@Command(
    name = "lstm-irf",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "How long does an LSTM remember? Impulse responses and forget-gate analysis,"
            + " with the same numbers on every engine.",
    subcommands = {
      BackendsCommand.class,
      InitCommand.class,
      ForwardCommand.class,
      GradientsCommand.class,
      IrfCommand.class,
      GirfCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      CrossCheckCommand.class,
      VarIrfCommand.class,
      FitCommand.class,
      MirfCommand.class,
      CompareCommand.class,
      BenchCommand.class,
      SweepCommand.class,
      CacheCommand.class,
      CompletionCommand.class,
      HelpCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf backends",
      "  lstm-irf irf -m docs/examples/closed-form-lstm.json -n 100 --shock-time 30",
      "  lstm-irf help irf",
      "%nSee README.md for every command, with example files under docs/examples."
    })
final class LstmIrfCommand implements Runnable {

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean debug;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /**
   * The command tree with every command's help complete: picocli's own {@code help} command takes
   * its examples here, as it has no annotation of ours.
   */
  static picocli.CommandLine commandLine(picocli.CommandLine.IFactory factory) {
    picocli.CommandLine cli = new picocli.CommandLine(LstmIrfCommand.class, factory);
    cli.getSubcommands()
        .get("help")
        .getCommandSpec()
        .usageMessage()
        .footerHeading("%nExamples:%n")
        .footer("  lstm-irf help", "  lstm-irf help irf", "  lstm-irf help var-irf");
    return cli;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(),
        "missing command: choose one of " + String.join(", ", spec.subcommands().keySet()));
  }
}
