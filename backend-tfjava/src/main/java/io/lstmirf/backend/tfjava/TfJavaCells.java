package io.lstmirf.backend.tfjava;

import io.lstmirf.api.Gate;
import io.lstmirf.api.GruGate;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One time step of one direction of a cell composed from TensorFlow's own ops (MatMul, Sigmoid,
 * Tanh, Mul, AddV2, Split), for what {@code BlockLSTMV2} cannot compute: the canonical GRU
 * (TensorFlow's {@code GRUBlockCell} applies the reset gate before {@code W_hn}, a different cell)
 * and an LSTM whose recurrent input is masked by dropout. Every op here has a gradient in
 * TensorFlow's C++ registry, so graph autograd differentiates an unrolled sequence of these steps.
 */
final class TfJavaCells {
  private TfJavaCells() {}

  /**
   * A step's results.
   *
   * @param h the new hidden state {@code [B, H]}
   * @param c the new cell state; a GRU's (which has none) is the one given
   * @param memoryGate f of an LSTM, z of a GRU, {@code [B, H]}
   */
  record Step(Operand<TFloat32> h, Operand<TFloat32> c, Operand<TFloat32> memoryGate) {}

  /**
   * One direction's weights, as graph values.
   *
   * @param recurrentKernel {@code W_hh^T}, {@code [H, G*H]}
   * @param recurrentBias a GRU's {@code b_hn [H]}; null for an LSTM
   * @param peephole an LSTM's {@code [p_i, p_f, p_o]}, {@code [3H]}; null without peepholes
   */
  record Weights(
      Operand<TFloat32> recurrentKernel,
      Operand<TFloat32> recurrentBias,
      Operand<TFloat32> peephole) {}

  /**
   * One step.
   *
   * @param fromInput {@code W_ih x_t + b}, {@code [B, G*H]} (computed for the whole sequence at
   *     once, outside the step)
   * @param h {@code h_{t-1}}, {@code [B, H]}
   * @param recurrentInput what {@code W_hh} reads: {@code h_{t-1}}, or it times the dropout mask
   * @param c {@code c_{t-1}} (a GRU passes it through)
   */
  static Step step(
      Ops s,
      Weights w,
      Operand<TFloat32> fromInput,
      Operand<TFloat32> h,
      Operand<TFloat32> recurrentInput,
      Operand<TFloat32> c) {
    Operand<TFloat32> fromState = s.linalg.matMul(recurrentInput, w.recurrentKernel());
    return w.recurrentBias() != null
        ? gru(s, w, fromInput, fromState, h, c)
        : lstm(s, w, s.math.add(fromInput, fromState), c);
  }

  /** {@code h' = (1 - z) n + z h}, written {@code n + z (h - n)}. */
  private static Step gru(
      Ops s,
      Weights w,
      Operand<TFloat32> fromInput,
      Operand<TFloat32> fromState,
      Operand<TFloat32> h,
      Operand<TFloat32> c) {
    List<Output<TFloat32>> xs = blocks(s, fromInput, 3);
    List<Output<TFloat32>> hs = blocks(s, fromState, 3);
    // A gate's block index: its first row for blocks of one row.
    int r = GruGate.RESET.offset(1);
    int z = GruGate.UPDATE.offset(1);
    int n = GruGate.NEW.offset(1);
    Operand<TFloat32> reset = s.math.sigmoid(s.math.add(xs.get(r), hs.get(r)));
    Operand<TFloat32> update = s.math.sigmoid(s.math.add(xs.get(z), hs.get(z)));
    Operand<TFloat32> candidate =
        s.math.tanh(
            s.math.add(xs.get(n), s.math.mul(reset, s.math.add(hs.get(n), w.recurrentBias()))));
    Operand<TFloat32> next = s.math.add(candidate, s.math.mul(update, s.math.sub(h, candidate)));
    return new Step(next, c, update);
  }

  /** The canonical LSTM, with ONNX's peepholes when the layer has them. */
  private static Step lstm(Ops s, Weights w, Operand<TFloat32> preActivation, Operand<TFloat32> c) {
    List<Output<TFloat32>> g = blocks(s, preActivation, 4);
    Operand<TFloat32> in = g.get(Gate.INPUT.offset(1));
    Operand<TFloat32> forget = g.get(Gate.FORGET.offset(1));
    Operand<TFloat32> out = g.get(Gate.OUTPUT.offset(1));
    List<Output<TFloat32>> p = w.peephole() == null ? null : blocks0(s, w.peephole(), 3);
    if (p != null) {
      in = s.math.add(in, s.math.mul(c, p.get(0)));
      forget = s.math.add(forget, s.math.mul(c, p.get(1)));
    }
    Operand<TFloat32> f = s.math.sigmoid(forget);
    Operand<TFloat32> cell =
        s.math.add(
            s.math.mul(f, c),
            s.math.mul(s.math.sigmoid(in), s.math.tanh(g.get(Gate.CELL.offset(1)))));
    if (p != null) {
      out = s.math.add(out, s.math.mul(cell, p.get(2)));
    }
    return new Step(s.math.mul(s.math.sigmoid(out), s.math.tanh(cell)), cell, f);
  }

  /** {@code x [B, k*H]} as k blocks {@code [B, H]}. */
  private static List<Output<TFloat32>> blocks(Ops s, Operand<TFloat32> x, int k) {
    return s.split(s.constant(1), x, (long) k).output();
  }

  /** {@code v [k*H]} as k blocks {@code [H]}. */
  private static List<Output<TFloat32>> blocks0(Ops s, Operand<TFloat32> v, int k) {
    return s.split(s.constant(0), v, (long) k).output();
  }
}
