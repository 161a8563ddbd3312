package io.lstmirf.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.Trace;
import io.lstmirf.api.train.DropoutMasks;
import io.lstmirf.api.train.LossTarget;
import java.util.Set;

/**
 * A model's computations as PyTorch ops on its {@link DjlParameters}: a model of canonical LSTMs
 * through PyTorch's multi-layer fused LSTM op, a stack with variant layers (GRU, peepholes,
 * bidirectional) layer by layer ({@link DjlLayers}), session steps through {@link DjlCells}.
 *
 * <p>Every result is attached to the manager of the input it was computed from (PyTorch's engine
 * attaches an op's result to its first operand's manager), so callers that put their inputs in a
 * short-lived sub-manager get every intermediate released with it. Nothing here starts from a
 * parameter array, which would leave results in the model's own manager.
 */
final class DjlLstm {
  private final DjlParameters parameters;
  private final DjlLayers layers;
  private final LstmSpec spec;
  private final int numLayers;
  private final int hidden;

  DjlLstm(DjlParameters parameters) {
    this.parameters = parameters;
    this.layers = new DjlLayers(parameters);
    this.spec = parameters.spec();
    this.numLayers = spec.numLayers();
    this.hidden = spec.hiddenSize();
  }

  /**
   * What a forward pass leaves in the engine.
   *
   * @param hidden top layer's outputs {@code [B, T, D*H]}
   * @param finalHidden every layer's and direction's last {@code h}, {@code [S, B, H]}
   * @param finalCell every layer's and direction's last {@code c}, {@code [S, B, H]}
   * @param cellStates top layer's memory ({@code c_t}, a GRU's {@code h_t}), {@code [B, T, D*H]},
   *     or null if not traced
   * @param forgetGates every layer's memory gate ({@code f_t}, a GRU's {@code z_t}), each {@code
   *     [B, T, D*H]}, or null if not traced
   */
  record Run(
      NDArray hidden,
      NDArray finalHidden,
      NDArray finalCell,
      NDArray cellStates,
      NDList forgetGates) {}

  /**
   * All layers at once through PyTorch's fused LSTM op: {@code (outputs [B, T, H], h_n, c_n)}.
   *
   * @param inputs {@code [B, T, I]}
   * @param h0 {@code [L, B, H]}
   * @param c0 {@code [L, B, H]}
   */
  NDList fused(NDArray inputs, NDArray h0, NDArray c0) {
    return lstm(inputs, h0, c0, parameters.lstmParameters(), numLayers, false);
  }

  /**
   * Advances every layer one time step, replacing each layer's state in place (the arrays keep
   * their identity; {@link NDArray#intern} swaps in the new values), and returns the top layer's
   * {@code h} array. Intermediates attach to the manager of {@code x} and of the state arrays:
   * callers put all of them in one short-lived manager.
   *
   * <p>Sessions of models with GRU or peephole layers step here, op by op through {@link DjlCells};
   * a model of canonical LSTMs steps through {@link DjlStepModule} instead (one libtorch call per
   * step). Over a whole sequence the fused op wins, so {@link #fused} serves sequences.
   *
   * @param x {@code [B, I]}
   * @param h each layer's {@code h}, {@code [B, H]}
   * @param c each layer's {@code c}, {@code [B, H]}
   */
  NDArray step(NDArray x, NDArray[] h, NDArray[] c) {
    NDArray layerInput = x;
    for (int l = 0; l < numLayers; l++) {
      DjlParameters.Direction p = parameters.direction(l, 0);
      DjlCells.Step s =
          DjlCells.step(
              p, parameters.biasHh(p, x.getManager()), layerInput, h[l], c[l], null, null);
      // Results live in x's manager; move them into the caller's state arrays (a GRU's c stays).
      if (s.c() != c[l]) {
        c[l].intern(s.c());
      }
      h[l].intern(s.h());
      layerInput = h[l];
    }
    return layerInput;
  }

  /**
   * A forward pass: a model of canonical LSTMs through the fused op alone unless traces are asked
   * for; traces and any other model layer by layer ({@link DjlLayers}), a traced layer step by
   * step. Traces used to come from the fused op's outputs, each step's pre-activations computed
   * again from them in two large products and the cell states in a loop over time: for the bench's
   * batched IRF (B=1025, T=130, H=50) that cost 3.6-4.0x one forward (CPU), the recomputation (two
   * [B*T x 4H] products and their sum, 43% of the samples) more than the fused op itself (31%); the
   * steps cost 1.3-1.6x.
   */
  Run forward(NDArray inputs, NDArray h0, NDArray c0, Set<Trace> traces) {
    if (!spec.isCanonical() || !traces.isEmpty()) {
      return layers.run(inputs, h0, c0, traces, DropoutMasks.NONE, false);
    }
    NDList out = fused(inputs, h0, c0);
    return new Run(out.get(0), out.get(1), out.get(2), null, null);
  }

  /**
   * Head outputs for hidden states {@code [..., H]}, or the hidden states themselves when the model
   * has no head.
   */
  NDArray responses(NDArray hiddenStates) {
    if (!parameters.hasHead()) {
      return hiddenStates;
    }
    return Linear.linear(hiddenStates, parameters.headWeight(), parameters.headBias())
        .singletonOrThrow();
  }

  /**
   * The mean over all {@code B * T' * O} elements of {@code (prediction - target)^2}, from the zero
   * state. (DJL's L2Loss would halve it.)
   *
   * @param targets {@code [B, T', O]} with {@code T'} as {@code loss} says
   * @param training true when gradients will be taken (cuDNN's LSTM keeps what backward needs only
   *     in training mode; on the CPU it changes nothing, as there is no dropout)
   * @param masks a training step's dropout masks, or {@link DropoutMasks#NONE}
   */
  NDArray meanSquaredError(
      NDArray inputs, NDArray targets, LossTarget loss, boolean training, DropoutMasks masks) {
    long batch = inputs.getShape().get(0);
    NDArray zeros =
        inputs
            .getManager()
            .zeros(new Shape(spec.stateSlots(), batch, hidden), inputs.getDataType());
    NDArray top =
        spec.isCanonical() && masks.isNone()
            ? lstm(inputs, zeros, zeros, parameters.lstmParameters(), numLayers, training).get(0)
            : layers.run(inputs, zeros, zeros, Set.of(), masks, training).hidden();
    if (loss == LossTarget.LAST_STEP) {
      top = top.get(new NDIndex(":, -1:, :"));
    }
    return responses(top).sub(targets).square().mean();
  }

  /** PyTorch's {@code torch::lstm}: with biases, no dropout, one direction, batch first. */
  private static NDList lstm(
      NDArray inputs, NDArray h0, NDArray c0, NDList params, int layers, boolean training) {
    return inputs
        .getNDArrayInternal()
        .lstm(inputs, new NDList(h0, c0), params, true, layers, 0.0, training, false, true);
  }
}
