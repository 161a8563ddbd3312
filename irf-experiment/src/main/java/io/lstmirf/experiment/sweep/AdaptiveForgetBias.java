package io.lstmirf.experiment.sweep;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.train.EpochListener;
import io.lstmirf.api.train.EpochReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The original experiment's adaptive forget bias, as an epoch listener. After every epoch, with
 * {@code gap = validation loss - training loss}: {@code gap > 0.1} raises the bias by 0.2 (to at
 * most 2.0), {@code gap < -0.1} lowers it by 0.2 (to at least 0.5), and otherwise it stays.
 *
 * <p>The bias is one number for every unit, as in the original. When the rule moves it, the new
 * value is written into the live model with {@link LstmModel#setMemoryGateBias(double)} (the forget
 * gate's, or a GRU's update gate's), replacing whatever training had made of the forget biases, and
 * training continues from there; when it does not move, the model is left alone. The value after
 * every epoch is kept as the trajectory.
 *
 * <p>The thresholds are absolute: on a series scaled to [0, 1] a mean squared error rarely reaches
 * 0.1 at all, in which case the rule never fires and this arm trains exactly like the fixed arm at
 * its starting value. The trajectory makes that visible.
 */
public final class AdaptiveForgetBias implements EpochListener {
  /** The loss gap beyond which the rule acts. */
  public static final double GAP = 0.1;

  /** How far one epoch moves the bias. */
  public static final double STEP = 0.2;

  /** The lowest bias the rule sets. */
  public static final double MIN = 0.5;

  /** The highest bias the rule sets. */
  public static final double MAX = 2.0;

  private double bias;
  private final List<Double> trajectory = new ArrayList<>();

  /**
   * @param start the bias the model was initialised with, in [{@value #MIN}, {@value #MAX}]
   */
  public AdaptiveForgetBias(double start) {
    requireInRange(start);
    this.bias = start;
  }

  static void requireInRange(double start) {
    if (!(start >= MIN && start <= MAX)) {
      throw new InvalidInputException(
          "the adaptive rule keeps the forget bias in ["
              + MIN
              + ", "
              + MAX
              + "]; a start of "
              + start
              + " is outside it");
    }
  }

  @Override
  public void onEpoch(EpochReport report, LstmModel model) {
    if (!report.hasValidation()) {
      throw new LstmIrfException(
          "the adaptive forget bias needs a validation loss every epoch;"
              + " train with a validation set");
    }
    double gap = report.validationLoss() - report.trainLoss();
    double next = bias;
    if (gap > GAP) {
      next = Math.min(MAX, bias + STEP);
    } else if (gap < -GAP) {
      next = Math.max(MIN, bias - STEP);
    }
    next = Math.round(next * 1e9) / 1e9; // 1.0 + 0.2 + 0.2 is 1.4, not 1.4000000000000001
    if (next != bias) {
      bias = next;
      model.setMemoryGateBias(bias);
    }
    trajectory.add(bias);
  }

  /** The bias now. */
  public double bias() {
    return bias;
  }

  /** The bias after each epoch so far. */
  public List<Double> trajectory() {
    return List.copyOf(trajectory);
  }
}
