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
 * A recurrent model (see {@link LstmWeights}: canonical LSTMs, and the variants of {@link
 * LayerKind}) living in one backend's engine. Everything goes through plain Java arrays and small
 * records; no engine type leaks out. A model holds native memory until {@link #close() closed}.
 *
 * <p><b>Threads.</b> Models built by {@link AbstractLstmModel} (every backend here) may be shared
 * between threads: each call sees one consistent set of weights. Calls that read the weights
 * ({@link #forward}, {@link #weights}, {@link #forgetBias}, a session's step, state and reset) run
 * concurrently with each other; calls that change them or the engine's gradient buffers ({@link
 * #setForgetBias}, {@link #gradients}, a trainer's step and loss, {@link #close}) wait for those
 * and run alone. So a forward pass during {@code setForgetBias} on another thread gives the result
 * of the old bias or of the new one, never a mixture; an open session sees a change at its next
 * step. A session or trainer itself carries state from call to call and belongs to one thread at a
 * time.
 *
 * <p><b>Memory.</b> A forward pass is planned from its shapes and the engine's {@link
 * #footprint(Set)} before anything is allocated: a batch too large for one engine call runs in
 * pieces, and one whose results do not fit the Java heap, or one of whose sequences does not fit
 * the machine, is refused with an {@link io.lstmirf.api.memory.InsufficientMemoryException}.
 *
 * <p>Arrays are indexed {@code [batch][time][feature]}; states {@code [slot][batch][unit]}, one
 * slot per layer and direction ({@link LstmState}).
 */
public interface LstmModel extends AutoCloseable {

  /** The name of the backend that built this model. */
  String backendName();

  LstmSpec spec();

  ModelOptions options();

  /**
   * What one engine call costs in memory per element it processes, for planning large calls (see
   * {@link EngineFootprint}). Backends return what they measured; the default, {@link
   * EngineFootprint#DEFAULT}, is a generous guess for a backend that measured nothing.
   */
  default EngineFootprint footprint() {
    return EngineFootprint.DEFAULT;
  }

  /**
   * What one engine call recording {@code traces} costs, for engines whose traced calls take
   * another path than the fast one (more memory per element); {@link #footprint()} by default.
   */
  default EngineFootprint footprint(Set<Trace> traces) {
    return footprint();
  }

  /**
   * Runs whole sequences from the given initial state, recording the requested traces.
   *
   * @param inputs {@code [B][T][I]}, finite
   * @param initialState {@code [S][B][H]} ({@link LstmState}), or null for zeros
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
   *
   * @throws InvalidInputException if a layer is bidirectional ({@link #openSession})
   */
  default ForwardResult forwardStepwise(double[][][] inputs, LstmState initialState) {
    int batch = InputChecks.sequences("inputs", inputs, spec());
    int steps = inputs[0].length;
    MemoryCheck.requireHeap(
        ArraySizes.forwardResult(spec(), batch, steps, Set.of()),
        "stepping " + batch + " sequence(s) x " + steps + " steps",
        "pass fewer or shorter" + " sequences per call");
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

  /**
   * Opens a stateful session for batches of {@code batchSize}, starting from zeros.
   *
   * @throws InvalidInputException if a layer is bidirectional: its backward direction reads the
   *     sequence from its last step, which a session has not seen yet
   */
  LstmSession openSession(int batchSize);

  /**
   * The memory gate's bias the engine holds for {@code layer} ({@link CellKind}): the forget gate's
   * {@code b[H..2H-1]} of an LSTM, the update gate's {@code b_z} of a GRU; {@code [2H]}, forward
   * then backward, for a bidirectional layer.
   */
  double[] memoryGateBias(int layer);

  /**
   * Changes the memory gate's bias of one layer ({@code [directions * H]}) on the live model; open
   * sessions and trainers see the change at their next call. The other biases are unchanged. A
   * larger value keeps more memory, for both cells.
   */
  void setMemoryGateBias(int layer, double[] bias);

  /** Sets every unit's memory-gate bias, in every layer and direction, to {@code value}. */
  default void setMemoryGateBias(double value) {
    for (int l = 0; l < spec().numLayers(); l++) {
      double[] b = new double[spec().layerOutputSize(l)];
      java.util.Arrays.fill(b, value);
      setMemoryGateBias(l, b);
    }
  }

  /**
   * The forget-gate bias {@code b[H..2H-1]} the engine holds for LSTM layer {@code layer}: {@link
   * #memoryGateBias} of an LSTM.
   *
   * @throws InvalidInputException if the layer is a GRU, which has no forget gate
   */
  default double[] forgetBias(int layer) {
    requireLstm(layer);
    return memoryGateBias(layer);
  }

  /**
   * Changes the forget-gate bias of LSTM layer {@code layer} on the live model: {@link
   * #setMemoryGateBias} of an LSTM.
   *
   * @throws InvalidInputException if the layer is a GRU, which has no forget gate
   */
  default void setForgetBias(int layer, double[] bias) {
    requireLstm(layer);
    setMemoryGateBias(layer, bias);
  }

  /**
   * Sets every unit's forget-gate bias, in every layer, to {@code value}.
   *
   * @throws InvalidInputException if a layer is a GRU; use {@link #setMemoryGateBias(double)}
   */
  default void setForgetBias(double value) {
    for (int l = 0; l < spec().numLayers(); l++) {
      requireLstm(l);
    }
    setMemoryGateBias(value);
  }

  private void requireLstm(int layer) {
    InputChecks.layer(layer, spec());
    if (spec().layerKind(layer).cell() != CellKind.LSTM) {
      throw new InvalidInputException(
          "layer "
              + layer
              + " is a "
              + spec().layerKind(layer)
              + " layer and has no forget gate; its memory gate is the "
              + spec().layerKind(layer).cell().memoryGate()
              + ": use setMemoryGateBias");
    }
  }

  /** The canonical weights the engine holds now, converted back from its layout. */
  LstmWeights weights();

  /**
   * The mean squared error of the predictions (head outputs, or top hidden states without a head)
   * against {@code targets}, and its gradient with respect to every canonical weight.
   *
   * @param targets {@code [B][T][O]} for {@link LossTarget#EVERY_STEP}, {@code [B][1][O]} for
   *     {@link LossTarget#LAST_STEP}
   */
  GradientResult gradients(double[][][] inputs, double[][][] targets, LossTarget loss);

  /** Opens a trainer that updates this model's weights in place with the engine's own optimiser. */
  LstmTrainer openTrainer(TrainerConfig config);

  /** Releases native memory. Idempotent; open sessions and trainers become unusable. */
  @Override
  void close();
}
