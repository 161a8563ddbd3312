package io.lstmirf.cli;

import picocli.CommandLine.Option;

/**
 * How many histories a generalized IRF draws from the data, and the seed of the draw ({@code girf},
 * {@code mirf}, {@code compare}). Used as a picocli mixin.
 */
public final class HistoryOptions {

  @Option(
      names = "--histories",
      defaultValue = "500",
      paramLabel = "M",
      description =
          "Histories to draw without replacement (per model); all if the data hold"
              + " fewer (default ${DEFAULT-VALUE}).")
  int histories;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "SEED",
      description = "Seed of the draw of histories (default ${DEFAULT-VALUE}).")
  long seed;

  public int histories() {
    return histories;
  }

  public long seed() {
    return seed;
  }
}
