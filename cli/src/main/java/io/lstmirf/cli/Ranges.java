package io.lstmirf.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Range checks of numeric options, as usage errors (exit 2) that name the option, the value and the
 * range: a count of 0 or a sum past {@link Integer#MAX_VALUE} must never reach the code that
 * divides by it or allocates with it.
 */
final class Ranges {
  /** The longest sequence: array lengths are ints, and a few steps of slack avoid wrap-round. */
  static final int MAX_STEPS = Integer.MAX_VALUE - 8;

  private Ranges() {}

  /** Requires {@code value >= min}. */
  static void atLeast(CommandSpec command, String option, long value, long min) {
    if (value < min) {
      throw usage(command, option + " must be at least " + min + ", got " + value);
    }
  }

  /** Requires {@code min <= value <= max}. */
  static void within(CommandSpec command, String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw usage(command, option + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  static ParameterException usage(CommandSpec command, String message) {
    return new ParameterException(command.commandLine(), message);
  }
}
