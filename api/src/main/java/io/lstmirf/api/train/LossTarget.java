package io.lstmirf.api.train;

/**
 * Which predictions the mean squared error is taken over. The prediction at a time step is the head
 * output, or the top layer's hidden state when the model has no head.
 */
public enum LossTarget {
  /** Many-to-one: only the last time step; targets are {@code [B][1][O]}. */
  LAST_STEP,
  /** Many-to-many: every time step; targets are {@code [B][T][O]}. */
  EVERY_STEP;

  /** Time steps the targets of a {@code timeSteps}-long input have. */
  public int targetSteps(int timeSteps) {
    return this == LAST_STEP ? 1 : timeSteps;
  }
}
