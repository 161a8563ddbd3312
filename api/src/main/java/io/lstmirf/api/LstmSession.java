package io.lstmirf.api;

/**
 * A stateful view of a model that advances one time step per {@link #step} call, carrying {@code
 * (h, c)} of every layer between calls, the way an LSTM runs online. A session starts from the zero
 * state, sees weight changes made on its model (a live {@code setForgetBias}), and holds native
 * memory until closed. Not thread-safe.
 */
public interface LstmSession extends AutoCloseable {

  /** The batch size every {@link #step} input must have. */
  int batchSize();

  /**
   * Advances one time step.
   *
   * @param inputs {@code [B][I]}
   * @throws InvalidInputException on a wrong shape or a non-finite value
   */
  StepResult step(double[][] inputs);

  /** A copy of the current state. */
  LstmState state();

  /**
   * Replaces the current state, e.g. to resume from a saved {@link #state()}.
   *
   * @throws InvalidInputException unless the state is {@code [L][B][H]} and finite
   */
  void setState(LstmState state);

  /** Back to the zero state. */
  void reset();

  /** Releases native memory. Idempotent. */
  @Override
  void close();
}
