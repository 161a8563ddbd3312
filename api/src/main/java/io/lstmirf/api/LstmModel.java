package io.lstmirf.api;

import io.lstmirf.api.memory.ArraySizes;
import io.lstmirf.api.memory.EngineFootprint;
import io.lstmirf.api.memory.MemoryCheck;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.Set;

/**
 * A canonical LSTM (see {@link LstmWeights}) living in one backend's engine. Everything goes
 * through plain Java arrays and small records; no engine type leaks out. A model holds native
 * memory until {@link #close() closed}.
 *
 * <p><b>Threads.</b> Models built by {@link AbstractLstmModel} (every backend here) may be shared
 * between threads: each call sees one consistent set of weights. Calls that read the weights
 * ({@link #forward}, {@link #weights}, {@link #forgetBias}, a session's step, state and reset)
 * run concurrently with each other; calls that change them or the engine's gradient buffers
 * ({@link #setForgetBias}, {@link #gradients}, a trainer's step and loss, {@link #close}) wait
 * for those and run alone. So a forward pass during {@code setForgetBias} on another thread
 * gives the result of the old bias or of the new one, never a mixture; an open session sees a
 * change at its next step. A session or trainer itself carries state from call to call and
 * belongs to one thread at a time.
 *
 * <p><b>Memory.</b> A forward pass is planned from its shapes and the engine's
 * {@link #footprint()} before anything is allocated: a batch too large for one engine call runs
 * in pieces, and one whose results do not fit the Java heap, or one of whose sequences does not
 * fit the machine, is refused with an {@link io.lstmirf.api.memory.InsufficientMemoryException}.
 *
 * <p>Arrays are indexed {@code [batch][time][feature]}; states {@code [layer][batch][unit]}.
 */
public interface LstmModel extends AutoCloseable {

  /** The name of the backend that built this model. */
  String backendName();

  LstmSpec spec();

  ModelOptions options();

  /**
   * What one engine call costs in memory per element it processes, for planning large calls
   * (see {@link EngineFootprint}). Backends return what they measured; the default,
   * {@link EngineFootprint#DEFAULT}, is a generous guess for a backend that measured nothing.
   */
  default EngineFootprint footprint() {
    return EngineFootprint.DEFAULT;
  }

  /**
   * Runs whole sequences from the given initial state, recording the requested traces.
   *
   * @param inputs {@code [B][T][I]}, finite
   * @param initialState {@code [L][B][H]}, or null for zeros
   * @param traces extra per-step quantities to record; empty for the fast path
   */
  ForwardResult forward(double[][][] inputs, LstmState initialState, Set<Trace> traces);

  /** Runs whole sequences from the given initial state, without traces. */
  default ForwardResult forward(double[][][] inputs, LstmState initialState) {
    return forward(inputs, initialState, Set.of());
  }

  /** Runs whole sequences from the zero state, without traces. */
  default ForwardResult forward(double[][][] inputs) {
    return forward(inputs, null, Set.of());
  }

  /**
   * Runs whole sequences through a stateful session, one time step per call, the way an online
   * application (and the original analysis) drives an LSTM. Must equal {@link #forward} to the
   * precision's tolerance; the conformance suite checks that it does.
   */
  default ForwardResult forwardStepwise(double[][][] inputs, LstmState initialState) {
    int batch = InputChecks.sequences("inputs", inputs, spec());
    int steps = inputs[0].length;
    MemoryCheck.requireHeap(ArraySizes.forwardResult(spec(), batch, steps, Set.of()),
        "stepping " + batch + " sequence(s) x " + steps + " steps", "pass fewer or shorter"
        + " sequences per call");
    double[][][] hidden = new double[batch][steps][];
    double[][][] output = spec().hasHead() ? new double[batch][steps][] : null;
    double[][] x = new double[batch][];
    try (LstmSession session = openSession(batch)) {
      if (initialState != null) {
        session.setState(initialState);
      }
      for (int t = 0; t < steps; t++) {
        for (int b = 0; b < batch; b++) {
          x[b] = inputs[b][t];
        }
        StepResult r = session.step(x);
        for (int b = 0; b < batch; b++) {
          hidden[b][t] = r.hidden()[b];
          if (output != null) {
            output[b][t] = r.output().orElseThrow()[b];
          }
        }
      }
      return new ForwardResult(hidden, java.util.Optional.ofNullable(output), session.state());
    }
  }

  /** Opens a stateful session for batches of {@code batchSize}, starting from zeros. */
  LstmSession openSession(int batchSize);

  /** The forget-gate bias {@code b[H..2H-1]} the engine holds for {@code layer}. */
  double[] forgetBias(int layer);

  /**
   * Changes the forget-gate bias of one layer on the live model; open sessions and trainers see
   * the change at their next call. The other gates' biases are unchanged.
   */
  void setForgetBias(int layer, double[] bias);

  /** Sets every unit's forget-gate bias, in every layer, to {@code value}. */
  default void setForgetBias(double value) {
    double[] b = new double[spec().hiddenSize()];
    java.util.Arrays.fill(b, value);
    for (int l = 0; l < spec().numLayers(); l++) {
      setForgetBias(l, b);
    }
  }

  /** The canonical weights the engine holds now, converted back from its layout. */
  LstmWeights weights();

  /**
   * The mean squared error of the predictions (head outputs, or top hidden states without a
   * head) against {@code targets}, and its gradient with respect to every canonical weight.
   *
   * @param targets {@code [B][T][O]} for {@link LossTarget#EVERY_STEP}, {@code [B][1][O]} for
   *     {@link LossTarget#LAST_STEP}
   */
  GradientResult gradients(double[][][] inputs, double[][][] targets, LossTarget loss);

  /**
   * Opens a trainer that updates this model's weights in place with the engine's own optimiser.
   */
  LstmTrainer openTrainer(TrainerConfig config);

  /** Releases native memory. Idempotent; open sessions and trainers become unusable. */
  @Override
  void close();
}
