package io.lstmirf.cli;

import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.Shock;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The impulse and horizon options {@code irf} and {@code girf} share. Used as a picocli mixin. */
public final class ShockOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = {"-n", "--horizon"},
      required = true,
      paramLabel = "N",
      description = "Lags after the shock to report: response[j] for j = 0..N-1.")
  int horizon;

  @Option(
      names = "--shock-time",
      required = true,
      paramLabel = "T0",
      description = "Time step (0-based) the shock is added at.")
  int shockTime;

  @Option(
      names = "--shock",
      defaultValue = "1.0",
      paramLabel = "S",
      description =
          "Shock size added to the input (negative for a negative shock; default"
              + " ${DEFAULT-VALUE}).")
  double size;

  @Option(
      names = {"-k", "--channel"},
      defaultValue = "0",
      paramLabel = "K",
      description = "Input channel (0-based) the shock hits (default ${DEFAULT-VALUE}).")
  int channel;

  @Option(
      names = "--mode",
      defaultValue = "sequence",
      paramLabel = "MODE",
      description =
          "sequence (baseline and shocked rows in one batched forward call) or step"
              + " (a stateful session, one step per call). Default: ${DEFAULT-VALUE}.")
  IrfMode mode;

  /**
   * Checks the ranges before any work: a horizon of at least one lag, a shock time of at least 0,
   * and a sequence of {@code T0 + N} steps that an int can count (beyond it, arithmetic would wrap
   * round).
   *
   * @return the sequence length {@code T0 + N}
   */
  public int validate() {
    Ranges.atLeast(command, "--horizon", horizon, 1);
    Ranges.atLeast(command, "--shock-time", shockTime, 0);
    Ranges.atLeast(command, "--channel", channel, 0);
    long steps = (long) shockTime + horizon;
    if (steps > Ranges.MAX_STEPS) {
      throw Ranges.usage(
          command,
          "--shock-time "
              + shockTime
              + " + --horizon "
              + horizon
              + " = "
              + steps
              + " steps, more than one sequence can have ("
              + Ranges.MAX_STEPS
              + "); use a"
              + " shorter --horizon or an earlier --shock-time");
    }
    return (int) steps;
  }

  /** The shock the options describe. */
  public Shock shock() {
    return new Shock(shockTime, channel, size);
  }

  public int horizon() {
    return horizon;
  }

  public IrfMode mode() {
    return mode;
  }
}
