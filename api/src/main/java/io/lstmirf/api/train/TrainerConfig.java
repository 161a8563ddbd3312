package io.lstmirf.api.train;

import io.lstmirf.api.InvalidInputException;
import java.util.Objects;

/**
 * What one optimiser step does: the optimiser, the loss, clipping of the gradient by its global
 * norm (over every weight) before the update, {@code g *= clipNorm / max(norm, clipNorm)}, and
 * dropout in the forward pass of the step.
 *
 * @param optimizer Adam or SGD
 * @param loss which time steps the MSE covers
 * @param clipNorm the largest global gradient norm; 0 turns clipping off
 * @param dropout input and recurrent dropout of training steps ({@link Dropout#NONE}: off)
 */
public record TrainerConfig(
    Optimizer optimizer, LossTarget loss, double clipNorm, Dropout dropout) {

  public TrainerConfig {
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(loss, "loss");
    if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
      throw new InvalidInputException("clipNorm must be >= 0 (0 = no clipping), got " + clipNorm);
    }
    if (dropout == null) {
      dropout = Dropout.NONE;
    }
  }

  /** Without dropout. */
  public TrainerConfig(Optimizer optimizer, LossTarget loss, double clipNorm) {
    this(optimizer, loss, clipNorm, Dropout.NONE);
  }

  /** This configuration with {@code newDropout}. */
  public TrainerConfig withDropout(Dropout newDropout) {
    return new TrainerConfig(optimizer, loss, clipNorm, newDropout);
  }

  /** No clipping. */
  public static TrainerConfig of(Optimizer optimizer, LossTarget loss) {
    return new TrainerConfig(optimizer, loss, 0);
  }

  public boolean clips() {
    return clipNorm > 0;
  }
}
