package io.lstmirf.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import io.lstmirf.api.CellKind;
import io.lstmirf.api.Gate;
import io.lstmirf.api.GruGate;

/**
 * One time step of one direction of any cell, composed from PyTorch ops: the canonical LSTM, the
 * LSTM with ONNX's peepholes (PyTorch has no peephole op), and PyTorch's GRU; with dropout masks
 * applied to the layer's input and recurrent input (PyTorch's fused ops cannot take a recurrent
 * mask). Serves sessions, traced sequences, peephole layers and training with dropout; the fused
 * {@code lstm} / {@code gru} ops serve the rest.
 *
 * <p>Every result attaches to the manager of {@code x} (PyTorch's engine attaches an op's result to
 * its first operand's manager, so parameters never come first, and slices of parameters are moved
 * to that manager): callers free a step's intermediates with it.
 */
final class DjlCells {
  private DjlCells() {}

  /**
   * A step's results.
   *
   * @param h the new hidden state {@code [B, H]}
   * @param c the new cell state, or the given one for a GRU (which has none)
   * @param memoryGate the memory gate's activation: f of an LSTM, z of a GRU
   */
  record Step(NDArray h, NDArray c, NDArray memoryGate) {}

  /**
   * One step.
   *
   * @param p the direction's parameters
   * @param biasHh PyTorch's {@code b_hh} of the direction ({@link DjlParameters#biasHh})
   * @param x {@code [B, in]}
   * @param h {@code [B, H]}
   * @param c {@code [B, H]} (ignored by a GRU)
   * @param inputMask {@code [B, in]} or null
   * @param recurrentMask {@code [B, H]} or null
   */
  static Step step(
      DjlParameters.Direction p,
      NDArray biasHh,
      NDArray x,
      NDArray h,
      NDArray c,
      NDArray inputMask,
      NDArray recurrentMask) {
    NDArray xin = inputMask == null ? x : x.mul(inputMask);
    NDArray hin = recurrentMask == null ? h : h.mul(recurrentMask);
    NDArray fromInput = Linear.linear(xin, p.weightIh(), p.bias()).singletonOrThrow();
    NDArray fromState = Linear.linear(hin, p.weightHh(), biasHh).singletonOrThrow();
    if (p.cell() == CellKind.GRU) {
      return gru(fromInput, fromState, h, c);
    }
    return lstm(p, fromInput.addi(fromState), c);
  }

  private static Step lstm(DjlParameters.Direction p, NDArray z, NDArray c) {
    NDList gates = z.split(4, 1);
    NDArray in = gates.get(Gate.INPUT.ordinal());
    NDArray forget = gates.get(Gate.FORGET.ordinal());
    NDArray out = gates.get(Gate.OUTPUT.ordinal());
    NDManager scope = z.getManager();
    if (p.peephole() != null) {
      long h = c.getShape().get(1);
      in = in.add(c.mul(slice(p.peephole(), 0, h, scope)));
      forget = forget.add(c.mul(slice(p.peephole(), h, 2 * h, scope)));
    }
    NDArray f = Activation.sigmoid(forget);
    NDArray cell =
        f.mul(c).addi(Activation.sigmoid(in).mul(Activation.tanh(gates.get(Gate.CELL.ordinal()))));
    if (p.peephole() != null) {
      long h = c.getShape().get(1);
      out = out.add(cell.mul(slice(p.peephole(), 2 * h, 3 * h, scope)));
    }
    return new Step(Activation.sigmoid(out).mul(cell.tanh()), cell, f);
  }

  /** {@code h' = (1 - z) n + z h = n + z (h - n)}, {@code n = tanh(x_n + r (W_hn h + b_hn))}. */
  private static Step gru(NDArray fromInput, NDArray fromState, NDArray h, NDArray c) {
    NDList xs = fromInput.split(3, 1);
    NDList hs = fromState.split(3, 1);
    int r = GruGate.RESET.ordinal();
    int z = GruGate.UPDATE.ordinal();
    int n = GruGate.NEW.ordinal();
    NDArray reset = Activation.sigmoid(xs.get(r).add(hs.get(r)));
    NDArray update = Activation.sigmoid(xs.get(z).add(hs.get(z)));
    NDArray candidate = Activation.tanh(xs.get(n).add(reset.mul(hs.get(n))));
    NDArray next = candidate.add(update.mul(h.sub(candidate)));
    return new Step(next, c, update);
  }

  /** {@code v[from:to]} of a parameter, owned by {@code scope} rather than the model. */
  private static NDArray slice(NDArray v, long from, long to, NDManager scope) {
    NDArray part = v.get(new NDIndex("{}:{}", from, to));
    part.attach(scope);
    return part;
  }
}
