package io.lstmirf.api.train;

import io.lstmirf.api.LstmModel;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * An {@link EpochListener} that prints one line per epoch, as Keras' {@code fit(verbose=2)} does:
 *
 * <pre>
 * Epoch 3/50 - 0.21s - loss: 1.234e-03 - val_loss: 1.567e-03
 * </pre>
 *
 * <p>Pass it to {@link Training#fit}; {@code andThen} chains it with other listeners.
 */
public final class ConsoleProgress implements EpochListener {
  private final PrintStream out;

  /** Prints to {@code out}. */
  public ConsoleProgress(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** Prints to standard error, so that results on standard output stay clean. */
  public static ConsoleProgress toStandardError() {
    return new ConsoleProgress(System.err);
  }

  @Override
  public void onEpoch(EpochReport report, LstmModel model) {
    out.println(line(report));
    out.flush();
  }

  /** The line printed for one epoch. */
  public static String line(EpochReport r) {
    return String.format(
        Locale.ROOT,
        "Epoch %d/%d - %.2fs - loss: %.3e%s",
        r.epoch(),
        r.epochs(),
        r.seconds(),
        r.trainLoss(),
        r.hasValidation()
            ? String.format(Locale.ROOT, " - val_loss: %.3e", r.validationLoss())
            : "");
  }
}
