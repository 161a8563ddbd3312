package io.lstmirf.backend.tfjava;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReverseSequence;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.core.TensorArray;
import org.tensorflow.op.core.TensorArrayGather;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Builds a model's layer stack into a subgraph, in one of three {@link Mode}s. An LSTM layer is
 * TensorFlow's fused {@code BlockLSTMV2} (with its own peepholes for a peephole LSTM) unless its
 * recurrent input is masked by dropout; a GRU layer, and an LSTM with a recurrent mask, is a cell
 * composed from TensorFlow ops ({@link TfJavaCells}), with its input projection {@code W_ih x + b}
 * computed for the whole sequence in one MatMul.
 *
 * <p>Why three modes: TensorFlow Java's graph gradients ({@code AddSymbolicGradients}) cannot
 * differentiate a while loop whose body needs forward values, so a composed cell has a loop over
 * time ({@code Graph.whileLoop}, one subgraph for any length) only where nothing differentiates it:
 * whole-sequence forward; stepping needs no loop; loss, gradients and training unroll the cell over
 * a fixed number of steps. Measured (GRU, H=256, B=32, thread CPU, 2026-12-03): the while loop is
 * 127 ops built in 55 ms and runs T=1000 in 240 ms; unrolled over 1024 steps the same forward is
 * 16,444 ops built in 0.5 s and runs in 238 ms, and its gradients add 83,009 ops (2.1 s), so
 * unrolling every forward length would grow the graph with each new length for no speed. Unrolled
 * over 64 steps (a training window of 60) with its gradients: 6,333 ops, 0.22 s, once. A
 * hand-written backpropagation through time in a reverse while loop would be one subgraph for every
 * length, but re-derives in graph code what TensorFlow's op gradients already give; at the lengths
 * this project trains on, unrolling costs a bounded, one-time build instead.
 */
final class TfJavaLayers {
  /** How a stack is built. */
  enum Mode {
    /** Whole sequences of any length: composed cells (GRU only) run in a while loop. */
    SEQUENCE,
    /** One step: each composed cell is one step, no loop. */
    STEP,
    /** A fixed number of steps, differentiable: composed cells unrolled over them. */
    UNROLLED
  }

  /**
   * The dropout masks a training subgraph is fed, one placeholder per state slot.
   *
   * @param input {@code [B, layer input size]} each; empty without input dropout
   * @param recurrent {@code [B, H]} each; empty without recurrent dropout
   */
  record Masks(List<Placeholder<TFloat32>> input, List<Placeholder<TFloat32>> recurrent) {
    static final Masks NONE = new Masks(List.of(), List.of());
  }

  /**
   * One layer's results.
   *
   * @param h its outputs {@code [T, B, D*H]}, forward then backward
   * @param finals each direction's last h and c, {@code [B, H]} each (not the last real step's in
   *     {@link Mode#UNROLLED} when padded: unused there)
   * @param memory its memory, {@code [T, B, D*H]}: c of an LSTM, h of a GRU
   * @param memoryGate its memory gate, {@code [T, B, D*H]}: f of an LSTM, z of a GRU
   */
  record LayerRun(
      Operand<TFloat32> h,
      List<List<Operand<TFloat32>>> finals,
      Operand<TFloat32> memory,
      Operand<TFloat32> memoryGate) {}

  /** One direction's results, in its own time order; fields as {@link LayerRun}, one direction. */
  private record DirectionRun(
      Operand<TFloat32> h,
      Operand<TFloat32> memory,
      Operand<TFloat32> memoryGate,
      Operand<TFloat32> finalH,
      Operand<TFloat32> finalC) {}

  private final LstmSpec spec;
  private final TfJavaParameters layout;
  private final List<TfJavaGraph.Variable> parameters;
  private final Graph graph;
  private final Operand<TFloat32> noPeephole;

  TfJavaLayers(
      LstmSpec spec,
      TfJavaParameters layout,
      List<TfJavaGraph.Variable> parameters,
      Graph graph,
      Operand<TFloat32> noPeephole) {
    this.spec = spec;
    this.layout = layout;
    this.parameters = parameters;
    this.graph = graph;
    this.noPeephole = noPeephole;
  }

  /** Placeholders for the masks a training step with this dropout is fed. */
  Masks masks(Ops s, boolean input, boolean recurrent) {
    List<Placeholder<TFloat32>> in = new ArrayList<>();
    List<Placeholder<TFloat32>> rec = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      for (int d = 0; d < spec.layerKind(l).directions(); d++) {
        // indexed by state slot: layers and directions in slot order
        if (input) {
          in.add(mask(s, "input_mask", spec.layerInputSize(l)));
        }
        if (recurrent) {
          rec.add(mask(s, "recurrent_mask", spec.hiddenSize()));
        }
      }
    }
    return new Masks(in, rec);
  }

  private static Placeholder<TFloat32> mask(Ops s, String name, int width) {
    return s.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, width)));
  }

  /**
   * Stacks the layers on time-major inputs.
   *
   * @param inputs {@code [T, B, I]}; in {@link Mode#UNROLLED} padded at the end to {@code unrolled}
   *     steps
   * @param steps {@code T}: the steps to run ({@code unrolled} in {@link Mode#UNROLLED})
   * @param realSteps the steps the caller gave (before padding): where a backward direction starts
   * @param unrolled the number of steps in {@link Mode#UNROLLED}; else unused
   * @param state each state slot's h and c, {@code [B, H]} each ({@link #slots})
   */
  List<LayerRun> stack(
      Ops s,
      Mode mode,
      Operand<TFloat32> inputs,
      Operand<TInt64> steps,
      Operand<TInt64> realSteps,
      int unrolled,
      List<List<Output<TFloat32>>> state,
      Masks masks) {
    List<LayerRun> runs = new ArrayList<>();
    Operand<TFloat32> x = inputs;
    for (int l = 0; l < spec.numLayers(); l++) {
      Ops layer = s.withSubScope("layer" + l);
      int directions = spec.layerKind(l).directions();
      List<Operand<TFloat32>> hs = new ArrayList<>();
      List<Operand<TFloat32>> memories = new ArrayList<>();
      List<Operand<TFloat32>> gates = new ArrayList<>();
      List<List<Operand<TFloat32>>> finals = new ArrayList<>();
      for (int d = 0; d < directions; d++) {
        Ops dir = d == 0 ? layer : layer.withSubScope("backward");
        int slot = spec.stateSlot(l, d);
        List<Output<TFloat32>> hc = state.get(slot);
        Operand<TFloat32> in = d == 0 ? x : reversed(dir, mode, x, realSteps);
        if (!masks.input().isEmpty()) {
          in = dir.math.mul(in, masks.input().get(slot)); // [B, in] over every step
        }
        Operand<TFloat32> recurrentMask =
            masks.recurrent().isEmpty() ? null : masks.recurrent().get(slot);
        DirectionRun run =
            spec.layerKind(l).cell() == CellKind.LSTM && recurrentMask == null
                ? block(dir, mode, l, d, steps, in, hc)
                : composed(dir, mode, l, d, in, steps, unrolled, hc, recurrentMask);
        finals.add(List.of(run.finalH(), run.finalC()));
        hs.add(d == 0 ? run.h() : reversed(dir, mode, run.h(), realSteps));
        memories.add(d == 0 ? run.memory() : reversed(dir, mode, run.memory(), realSteps));
        gates.add(d == 0 ? run.memoryGate() : reversed(dir, mode, run.memoryGate(), realSteps));
      }
      LayerRun run =
          new LayerRun(joined(layer, hs), finals, joined(layer, memories), joined(layer, gates));
      runs.add(run);
      x = run.h();
    }
    return runs;
  }

  /** Each state slot's h and c, {@code [B, H]} each, out of a state {@code [S, 2, B, H]}. */
  List<List<Output<TFloat32>>> slots(Ops s, Operand<TFloat32> state) {
    List<List<Output<TFloat32>>> slots = new ArrayList<>();
    for (Output<TFloat32> slot : s.unstack(state, (long) spec.stateSlots()).output()) {
      slots.add(s.unstack(slot, 2L).output());
    }
    return slots;
  }

  /**
   * One direction of one LSTM layer: BlockLSTMV2, canonical gate order, cell_clip 0 (it clips only
   * when positive; the V1 ops' forget_bias = 1 and cell_clip = 3 do not exist here), and the
   * layer's peepholes {@code [p_i, p_f, p_o]} as the op's {@code wci}, {@code wcf}, {@code wco}.
   */
  private DirectionRun block(
      Ops s,
      Mode mode,
      int l,
      int d,
      Operand<TInt64> steps,
      Operand<TFloat32> x,
      List<Output<TFloat32>> hc) {
    int k = layout.kernelIndex(l, d);
    boolean peepholes = spec.layerKind(l).peepholes();
    Operand<TFloat32> wci = noPeephole;
    Operand<TFloat32> wcf = noPeephole;
    Operand<TFloat32> wco = noPeephole;
    if (peepholes) {
      Operand<TFloat32> p = parameters.get(k + 2).value();
      int h = spec.hiddenSize();
      wci = s.stridedSlice(p, Indices.slice(0, h));
      wcf = s.stridedSlice(p, Indices.slice(h, 2L * h));
      wco = s.stridedSlice(p, Indices.slice(2L * h, 3L * h));
    }
    BlockLSTM<TFloat32> block =
        s.nn.blockLSTM(
            steps,
            x,
            hc.get(1),
            hc.get(0),
            parameters.get(k).value(),
            wci,
            wcf,
            wco,
            parameters.get(k + 1).value(),
            BlockLSTM.usePeephole(peepholes),
            BlockLSTM.cellClip(0f));
    return new DirectionRun(
        block.h(), block.cs(), block.f(), last(s, mode, block.h()), last(s, mode, block.cs()));
  }

  /**
   * The last step of {@code [T, B, H]}: in {@link Mode#STEP} (T = 1) a Squeeze, which reshapes
   * without copying or validating slice bounds (StridedSlice's validation showed in a step's
   * profile), else a StridedSlice.
   */
  private static Operand<TFloat32> last(Ops s, Mode mode, Operand<TFloat32> sequence) {
    return mode == Mode.STEP
        ? s.squeeze(sequence, Squeeze.axis(List.of(0L)))
        : s.stridedSlice(sequence, Indices.at(-1));
  }

  /** One direction of a composed cell (a GRU, or an LSTM with a recurrent mask). */
  private DirectionRun composed(
      Ops s,
      Mode mode,
      int l,
      int d,
      Operand<TFloat32> x,
      Operand<TInt64> steps,
      int unrolled,
      List<Output<TFloat32>> hc,
      Operand<TFloat32> recurrentMask) {
    LayerKind kind = spec.layerKind(l);
    int k = layout.kernelIndex(l, d);
    int in = spec.layerInputSize(l);
    int h = spec.hiddenSize();
    int width = kind.cell().gates() * h;
    Operand<TFloat32> kernel = parameters.get(k).value();
    TfJavaCells.Weights w =
        new TfJavaCells.Weights(
            s.stridedSlice(kernel, Indices.slice(in, in + h)),
            kind.cell() == CellKind.GRU ? parameters.get(k + 2).value() : null,
            kind.peepholes() ? parameters.get(k + 2).value() : null);
    // W_ih x + b for every step at once: [T * B, in] x [in, G*H], back to [T, B, G*H].
    Operand<TInt64> shape = s.shape(x, TInt64.class);
    Operand<TFloat32> projected =
        s.reshape(
            s.math.add(
                s.linalg.matMul(
                    s.reshape(x, s.constant(new long[] {-1, in})),
                    s.stridedSlice(kernel, Indices.slice(0, in))),
                parameters.get(k + 1).value()),
            s.concat(
                List.of(s.stridedSlice(shape, Indices.sliceTo(2)), s.constant(new long[] {width})),
                s.constant(0)));
    return switch (mode) {
      case STEP -> one(s, w, s.stridedSlice(projected, Indices.at(0)), hc, recurrentMask);
      case UNROLLED -> unroll(s, w, projected, unrolled, hc, recurrentMask);
      case SEQUENCE -> loop(s, l, d, w, projected, steps, hc);
    };
  }

  /** One step, as a sequence of one. */
  private static DirectionRun one(
      Ops s,
      TfJavaCells.Weights w,
      Operand<TFloat32> projected,
      List<Output<TFloat32>> hc,
      Operand<TFloat32> recurrentMask) {
    TfJavaCells.Step step =
        TfJavaCells.step(
            s, w, projected, hc.get(0), masked(s, hc.get(0), recurrentMask), hc.get(1));
    Operand<TFloat32> memory = w.recurrentBias() != null ? step.h() : step.c();
    Operand<TInt32> time = s.constant(0);
    return new DirectionRun(
        s.expandDims(step.h(), time),
        s.expandDims(memory, time),
        s.expandDims(step.memoryGate(), time),
        step.h(),
        step.c());
  }

  /**
   * The cell unrolled over {@code steps} steps: differentiable by TensorFlow's graph gradients
   * (every op has a C++ gradient), built once per length (see {@link TfJavaGraph#variant}).
   */
  private static DirectionRun unroll(
      Ops s,
      TfJavaCells.Weights w,
      Operand<TFloat32> projected,
      int steps,
      List<Output<TFloat32>> hc,
      Operand<TFloat32> recurrentMask) {
    List<Output<TFloat32>> xs = s.unstack(projected, (long) steps).output();
    Operand<TFloat32> h = hc.get(0);
    Operand<TFloat32> c = hc.get(1);
    List<Operand<TFloat32>> hs = new ArrayList<>(steps);
    List<Operand<TFloat32>> cs = new ArrayList<>(steps);
    List<Operand<TFloat32>> gates = new ArrayList<>(steps);
    for (int t = 0; t < steps; t++) {
      TfJavaCells.Step step = TfJavaCells.step(s, w, xs.get(t), h, masked(s, h, recurrentMask), c);
      h = step.h();
      c = step.c();
      hs.add(h);
      cs.add(w.recurrentBias() != null ? h : c);
      gates.add(step.memoryGate());
    }
    return new DirectionRun(s.stack(hs), s.stack(cs), s.stack(gates), h, c);
  }

  /**
   * A GRU over a sequence of any length in TensorFlow's while loop: one subgraph for every length,
   * forward only (nothing differentiates it). The loop carries what its body reads (the step's
   * projection, {@code W_hh^T}, {@code b_hn}): a while body built through the C API reads only its
   * loop variables. Each step's h and z go into TensorArrays.
   */
  private DirectionRun loop(
      Ops s,
      int l,
      int d,
      TfJavaCells.Weights w,
      Operand<TFloat32> projected,
      Operand<TInt64> steps,
      List<Output<TFloat32>> hc) {
    if (w.recurrentBias() == null) {
      throw new IllegalStateException("only a GRU runs in a while loop; an LSTM is BlockLSTMV2");
    }
    int h = spec.hiddenSize();
    Operand<TInt32> count = s.dtypes.cast(steps, TInt32.class);
    TensorArray hs =
        s.tensorArray(count, TFloat32.class, TensorArray.elementShape(Shape.of(-1, h)));
    TensorArray zs =
        s.tensorArray(count, TFloat32.class, TensorArray.elementShape(Shape.of(-1, h)));
    Output<?>[] init = {
      s.constant(0).asOutput(),
      hc.get(0),
      projected.asOutput(),
      w.recurrentKernel().asOutput(),
      w.recurrentBias().asOutput(),
      count.asOutput(),
      hs.handle(),
      hs.flow(),
      zs.handle(),
      zs.flow()
    };
    Output<?>[] out =
        graph.whileLoop(
            init,
            (g, in, result) ->
                result[0] =
                    Ops.create(g)
                        .math
                        .less(in[0].expect(TInt32.class), in[5].expect(TInt32.class))
                        .asOutput(),
            (g, in, result) -> {
              Ops b = Ops.create(g);
              Operand<TInt32> t = in[0].expect(TInt32.class);
              Operand<TFloat32> hPrev = in[1].expect(TFloat32.class);
              TfJavaCells.Step step =
                  TfJavaCells.step(
                      b,
                      new TfJavaCells.Weights(
                          in[3].expect(TFloat32.class), in[4].expect(TFloat32.class), null),
                      b.gather(in[2].expect(TFloat32.class), t, b.constant(0)),
                      hPrev,
                      hPrev,
                      hPrev);
              result[0] = b.math.add(t, b.constant(1)).asOutput();
              result[1] = step.h().asOutput();
              System.arraycopy(in, 2, result, 2, 5);
              result[7] =
                  b.tensorArrayWrite(in[6], t, step.h(), in[7].expect(TFloat32.class)).flowOut();
              result[8] = in[8];
              result[9] =
                  b.tensorArrayWrite(in[8], t, step.memoryGate(), in[9].expect(TFloat32.class))
                      .flowOut();
            },
            s.scope().makeOpName("gru_loop_" + l + "_" + d));
    Operand<TInt32> times = s.range(s.constant(0), count, s.constant(1));
    TensorArrayGather.Options shape = TensorArrayGather.elementShape(Shape.of(-1, h));
    Operand<TFloat32> allH =
        s.tensorArrayGather(out[6], times, out[7].expect(TFloat32.class), TFloat32.class, shape);
    Operand<TFloat32> allZ =
        s.tensorArrayGather(out[8], times, out[9].expect(TFloat32.class), TFloat32.class, shape);
    // The memory trace is h itself; its own op, as one run cannot fetch one output twice.
    return new DirectionRun(allH, s.identity(allH), allZ, out[1].expect(TFloat32.class), hc.get(1));
  }

  private static Operand<TFloat32> masked(Ops s, Operand<TFloat32> h, Operand<TFloat32> mask) {
    return mask == null ? h : s.math.mul(h, mask);
  }

  /**
   * {@code x [T, B, ...]} in reverse time order: its first {@code realSteps} steps reversed, so
   * that a padded sequence's backward direction still starts at the last real step.
   */
  private static Operand<TFloat32> reversed(
      Ops s, Mode mode, Operand<TFloat32> x, Operand<TInt64> realSteps) {
    if (mode != Mode.UNROLLED) {
      return s.reverse(x, s.constant(new long[] {0}));
    }
    Operand<TInt64> batch = s.stridedSlice(s.shape(x, TInt64.class), Indices.slice(1, 2));
    return s.reverseSequence(x, s.fill(batch, realSteps), 0L, ReverseSequence.batchDim(1L));
  }

  /** The directions side by side, {@code [T, B, D*H]}. */
  private static Operand<TFloat32> joined(Ops s, List<Operand<TFloat32>> directions) {
    return directions.size() == 1 ? directions.get(0) : s.concat(directions, s.constant(2));
  }
}
