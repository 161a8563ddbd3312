package io.lstmirf.api.train;

/**
 * Trains its model in place with the engine's own autograd and optimiser. Optimiser state (Adam's
 * moments, the step count) lives here; weight changes made on the model meanwhile (a live {@code
 * setForgetBias}) are trained from at the next step. Not thread-safe.
 */
public interface LstmTrainer extends AutoCloseable {

  /**
   * One optimiser step on one batch.
   *
   * @param inputs {@code [B][T][I]}
   * @param targets {@code [B][T][O]} or {@code [B][1][O]}, as the config's {@link LossTarget}
   * @return the batch loss before the update
   */
  double step(double[][][] inputs, double[][][] targets);

  /** The loss on a batch, without updating anything. */
  double loss(double[][][] inputs, double[][][] targets);

  /** Releases native memory; the trained weights stay in the model. */
  @Override
  void close();
}
