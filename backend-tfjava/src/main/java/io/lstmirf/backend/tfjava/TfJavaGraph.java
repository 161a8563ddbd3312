package io.lstmirf.backend.tfjava;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.Device;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.train.LossTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * One model's TensorFlow graph and the session that runs it. The parameters live in resource
 * variables (so every subgraph, session and trainer reads and updates the same live values); the
 * subgraphs for whole sequences, single steps and losses are built once, on first use, and then
 * only run. Nothing here builds graph per call or per step.
 *
 * <p>Layouts: sequences are time-major {@code [T, B, F]}, states {@code [S, 2, B, H]} (h then c of
 * each layer and direction, {@link LstmSpec#stateSlot}; a GRU's c is the zeros it is given),
 * parameters as in {@link TfJavaParameters}. The layers are built by {@link TfJavaLayers}: LSTMs as
 * TensorFlow's fused {@code BlockLSTMV2} op, GRUs (and LSTMs whose recurrent input a dropout mask
 * scales) composed from TensorFlow ops; a bidirectional layer runs a second one on the
 * time-reversed sequence and reverses its outputs back. Loss, gradient and training subgraphs that
 * hold composed cells unroll them over a power-of-two length ({@link #variant}): a bounded number
 * of subgraphs per model, each built once.
 */
final class TfJavaGraph implements AutoCloseable {
  private final LstmSpec spec;
  private final TfJavaParameters layout;
  private final Graph graph;
  private final Session session;
  private final Ops tf;
  private final List<Variable> parameters = new ArrayList<>();
  private final List<Placeholder<TFloat32>> forgetBiasFeeds = new ArrayList<>();
  private final List<Op> forgetBiasAssigns = new ArrayList<>();
  private final Operand<TFloat32> noPeephole;
  private final TfJavaLayers layers;
  private Sequence sequence;
  private Step step;
  private SplitStep splitStep;
  private final Map<Variant, Sequence> trainingSequences = new HashMap<>();
  private final Map<LossKey, Loss> losses = new HashMap<>();

  /** A resource variable and the one read of it that every subgraph uses. */
  record Variable(
      String name, Shape shape, Operand<? extends TType> handle, Operand<TFloat32> value) {}

  /**
   * Whole sequences from an initial state. A training subgraph ({@link #sequence(Variant)}) has no
   * final state and no traces (null): only its predictions are differentiated.
   *
   * @param inputs {@code [T, B, I]}
   * @param initialState {@code [S, 2, B, H]}; zeros unless fed
   * @param hidden the top layer's h, {@code [T, B, D*H]}
   * @param output the head's y, {@code [T, B, O]}; null without a head
   * @param predictions what a loss compares with targets: {@code output}, else {@code hidden}
   * @param finalState {@code [S, 2, B, H]}
   * @param topCells the top layer's memory, {@code [T, B, D*H]}: c of an LSTM, h of a GRU
   * @param forgetGates each layer's memory gate, {@code [T, B, D*H]}: f of an LSTM, z of a GRU
   * @param masks the dropout masks it is fed (training subgraphs only)
   */
  record Sequence(
      Placeholder<TFloat32> inputs,
      Operand<TFloat32> initialState,
      Operand<TFloat32> hidden,
      Operand<TFloat32> output,
      Operand<TFloat32> predictions,
      Operand<TFloat32> finalState,
      Operand<TFloat32> topCells,
      List<Operand<TFloat32>> forgetGates,
      TfJavaLayers.Masks masks) {}

  /**
   * One time step.
   *
   * @param inputs {@code [B, I]}
   * @param state {@code [S, 2, B, H]} (S = L: only causal models step)
   * @param nextState {@code [S, 2, B, H]}
   * @param output the head's y, {@code [B, O]}; null without a head (the top h is in the state)
   */
  record Step(
      Placeholder<TFloat32> inputs,
      Placeholder<TFloat32> state,
      Operand<TFloat32> nextState,
      Operand<TFloat32> output) {}

  /**
   * One time step with each state slot's h and c fed and fetched as tensors of their own, and the
   * input fed time-major: what {@link TfJavaNativeSession} runs. The same ops as {@link Step} less
   * the ones that pack and unpack: no ExpandDims of the input, Unstack of the state and of each
   * slot, Stack of each slot and of the state, Squeeze of the top h (the head reads the top layer's
   * last h), at the price of two more feeds and fetches per layer. Measured (thread CPU per run
   * through {@link TfJavaNativeRun}, H = 64, B = 1, a dense head, medians of 30 rounds of 10,000
   * runs alternated in one JVM, load ~2, 2026-12-03): 18.9 us against 21.3 us for {@link Step}.
   *
   * @param inputs {@code [1, B, I]}
   * @param state h then c of each state slot, {@code [B, H]} each (S = L: only causal models step)
   * @param nextState the same, after the step
   * @param output the head's y, {@code [B, O]}; null without a head
   */
  record SplitStep(
      Placeholder<TFloat32> inputs,
      List<Placeholder<TFloat32>> state,
      List<Operand<TFloat32>> nextState,
      Operand<TFloat32> output) {}

  /**
   * The mean squared error of {@link Sequence#predictions()} and its gradients.
   *
   * @param sequence the sequence subgraph it reads
   * @param targets {@code [T', B, R]}, T' = T or 1
   * @param loss a scalar
   * @param gradients d loss / d parameter, in {@link TfJavaParameters} order
   */
  record Loss(
      Sequence sequence,
      Placeholder<TFloat32> targets,
      Operand<TFloat32> loss,
      List<Output<TFloat32>> gradients) {}

  TfJavaGraph(LstmWeights weights, Device device) {
    this.spec = weights.spec();
    this.layout = new TfJavaParameters(spec);
    this.graph = new Graph();
    Session opened = null;
    try {
      Ops root = Ops.create(graph);
      this.tf =
          device.isGpu()
              ? root.withDevice(
                  DeviceSpec.newBuilder()
                      .deviceType(DeviceSpec.DeviceType.GPU)
                      .deviceIndex(device.index())
                      .build())
              : root;
      this.noPeephole =
          tf.withName("no_peephole")
              .zeros(tf.constant(new long[] {spec.hiddenSize()}), TFloat32.class);
      this.layers = new TfJavaLayers(spec, layout, parameters, graph, noPeephole);
      opened = new Session(graph, TfJavaEngine.sessionConfig());
      this.session = opened;
      load(weights);
    } catch (RuntimeException | Error e) {
      if (opened != null) {
        opened.close(); // first: closing a graph waits for its sessions
      }
      graph.close();
      throw e;
    }
  }

  LstmSpec spec() {
    return spec;
  }

  TfJavaParameters layout() {
    return layout;
  }

  Session session() {
    return session;
  }

  Ops ops() {
    return tf;
  }

  List<Variable> parameters() {
    return parameters;
  }

  /** How many operations the graph holds: what building subgraphs once per shape bounds. */
  int operationCount() {
    int count = 0;
    for (java.util.Iterator<?> it = graph.operations(); it.hasNext(); it.next()) {
      count++;
    }
    return count;
  }

  /** Creates the variables and loads the weights, converted once, in one run. */
  private void load(LstmWeights weights) {
    List<String> names = layout.names();
    List<Shape> shapes = layout.shapes();
    List<double[]> values = layout.fromCanonical(weights);
    Ops init = tf.withSubScope("load");
    List<TFloat32> feeds = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (int k = 0; k < names.size(); k++) {
        String name = names.get(k);
        Shape shape = shapes.get(k);
        VarHandleOp handle =
            tf.withName(name.replace('/', '_'))
                .varHandleOp(TFloat32.class, shape, VarHandleOp.sharedName(name));
        parameters.add(
            new Variable(
                name,
                shape,
                handle,
                tf.withName(name.replace('/', '_') + "_read")
                    .readVariableOp(handle, TFloat32.class)));
        Placeholder<TFloat32> feed = init.placeholder(TFloat32.class, Placeholder.shape(shape));
        TFloat32 value = TfJavaArrays.of(shape, values.get(k));
        feeds.add(value);
        runner.feed(feed, value).addTarget(init.assignVariableOp(handle, feed));
      }
      runner.run().close();
    } finally {
      feeds.forEach(TFloat32::close);
    }
    Ops assign = tf.withSubScope("forget_bias");
    int h = spec.hiddenSize();
    for (int l = 0; l < spec.numLayers(); l++) {
      for (int d = 0; d < spec.layerKind(l).directions(); d++) {
        Placeholder<TFloat32> feed =
            assign.placeholder(TFloat32.class, Placeholder.shape(Shape.of(h)));
        forgetBiasFeeds.add(feed); // indexed by state slot
        forgetBiasAssigns.add(
            assign.resourceStridedSliceAssign(
                parameters.get(layout.biasIndex(l, d)).handle(),
                assign.constant(new int[] {h}),
                assign.constant(new int[] {2 * h}),
                assign.constant(new int[] {1}),
                feed));
      }
    }
  }

  /** The parameters now, converted back to the canonical layout, in one run. */
  LstmWeights readWeights() {
    Session.Runner runner = session.runner();
    parameters.forEach(p -> runner.fetch(p.value()));
    try (Result r = runner.run()) {
      List<double[]> values = new ArrayList<>(parameters.size());
      for (int k = 0; k < parameters.size(); k++) {
        values.add(TfJavaArrays.readDoubles(r.get(k)));
      }
      return layout.toCanonical(values);
    }
  }

  /**
   * Overwrites the forget-gate block {@code b[H..2H-1]} of one layer's biases in place: {@code bias
   * [D*H]}, forward then backward.
   */
  void setForgetBias(int layer, double[] bias) {
    int h = spec.hiddenSize();
    for (int d = 0; d < spec.layerKind(layer).directions(); d++) {
      int slot = spec.stateSlot(layer, d);
      try (TFloat32 value =
          TfJavaArrays.of(Shape.of(h), java.util.Arrays.copyOfRange(bias, d * h, (d + 1) * h))) {
        session
            .runner()
            .feed(forgetBiasFeeds.get(slot), value)
            .addTarget(forgetBiasAssigns.get(slot))
            .run()
            .close();
      }
    }
  }

  /**
   * What a loss or training subgraph's structure depends on beyond the loss target.
   *
   * @param unrolled 0: layers that need no loop over time (BlockLSTMV2) on sequences of any length;
   *     else the length composed cells are unrolled over (a power of two, see {@link #variant})
   * @param inputDropout whether input masks are fed
   * @param recurrentDropout whether recurrent masks are fed
   */
  record Variant(int unrolled, boolean inputDropout, boolean recurrentDropout) {
    static final Variant PLAIN = new Variant(0, false, false);
  }

  /**
   * The subgraph variant for a loss over {@code steps} steps with these masks. A composed cell (any
   * GRU layer; an LSTM layer only when its recurrent input is masked) is unrolled, so its sequences
   * are padded to the next power of two: a graph cannot shrink, and per-length unrolled graphs
   * would grow with every new length; rounded up, a model holds at most log2(T_max) + 1 unrolled
   * stacks of together fewer than 2 T_max steps (each plus its gradient and optimiser ops),
   * whatever lengths it is given, at the price of computing up to twice the steps (a training
   * window of 60 steps runs 64). Models of BlockLSTMV2 layers unroll nothing.
   */
  Variant variant(int steps, boolean inputDropout, boolean recurrentDropout) {
    boolean composed =
        recurrentDropout || spec.layerKinds().stream().anyMatch(k -> k.cell() == CellKind.GRU);
    int unrolled = composed ? (steps <= 1 ? 1 : Integer.highestOneBit(steps - 1) << 1) : 0;
    return new Variant(unrolled, inputDropout, recurrentDropout);
  }

  /**
   * The whole-sequence forward subgraph, built on first use; synchronized because forward calls on
   * several threads may ask for it first at once (they run side by side under the model's read
   * lock), and a graph must not get the subgraph twice.
   */
  synchronized Sequence sequence() {
    if (sequence == null) {
      sequence =
          buildSequence(tf.withSubScope("sequence"), Variant.PLAIN, TfJavaLayers.Mode.SEQUENCE);
    }
    return sequence;
  }

  /**
   * The sequence subgraph a loss of this variant differentiates: the forward one for {@link
   * Variant#PLAIN}, else one built on first use (fed masks, or composed cells unrolled).
   */
  synchronized Sequence sequence(Variant variant) {
    if (variant.equals(Variant.PLAIN)) {
      return sequence();
    }
    return trainingSequences.computeIfAbsent(
        variant,
        v ->
            buildSequence(
                tf.withSubScope("sequence" + trainingSequences.size()),
                v,
                v.unrolled() > 0 ? TfJavaLayers.Mode.UNROLLED : TfJavaLayers.Mode.SEQUENCE));
  }

  private Sequence buildSequence(Ops s, Variant variant, TfJavaLayers.Mode mode) {
    Placeholder<TFloat32> x =
        s.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, spec.inputSize())));
    Operand<TInt64> shape = s.shape(x, TInt64.class);
    Operand<TInt64> steps = s.stridedSlice(shape, Indices.at(0));
    Operand<TInt64> batch = s.stridedSlice(shape, Indices.at(1));
    // Zeros unless the caller feeds a state: no zero tensor crosses from Java per call.
    Operand<TInt64> stateShape =
        s.stack(
            List.of(
                s.constant((long) spec.stateSlots()),
                s.constant(2L),
                batch,
                s.constant((long) spec.hiddenSize())));
    Operand<TFloat32> state =
        s.placeholderWithDefault(
            s.zeros(stateShape, TFloat32.class),
            Shape.of(spec.stateSlots(), 2, -1, spec.hiddenSize()));
    TfJavaLayers.Masks masks =
        variant.inputDropout() || variant.recurrentDropout()
            ? layers.masks(s, variant.inputDropout(), variant.recurrentDropout())
            : TfJavaLayers.Masks.NONE;
    Operand<TFloat32> in = x;
    Operand<TInt64> runSteps = steps;
    if (mode == TfJavaLayers.Mode.UNROLLED) {
      // Padded with zeros at the end to the unrolled length; causal steps never see the padding,
      // a backward direction starts at the last real step, and the outputs are cut back below.
      runSteps = s.constant((long) variant.unrolled());
      Operand<TInt64> zero = s.constant(0L);
      in =
          s.pad(
              x,
              s.reshape(
                  s.stack(List.of(zero, s.math.sub(runSteps, steps), zero, zero, zero, zero)),
                  s.constant(new long[] {3, 2})),
              s.constant(0f));
    }
    List<TfJavaLayers.LayerRun> runs =
        layers.stack(
            s, mode, in, runSteps, steps, variant.unrolled(), layers.slots(s, state), masks);
    boolean forward = mode == TfJavaLayers.Mode.SEQUENCE;
    List<Operand<TFloat32>> finalStates = new ArrayList<>();
    List<Operand<TFloat32>> gates = new ArrayList<>();
    for (TfJavaLayers.LayerRun run : runs) {
      if (forward) {
        run.finals().forEach(hc -> finalStates.add(s.stack(hc))); // [2, B, H] each
      }
      gates.add(run.memoryGate());
    }
    TfJavaLayers.LayerRun top = runs.get(runs.size() - 1);
    Operand<TFloat32> hidden = top.h();
    if (mode == TfJavaLayers.Mode.UNROLLED) {
      // int32 bounds: TensorFlow's StridedSlice gradient pairs them with an int32 Shape.
      hidden =
          s.stridedSlice(
              hidden,
              s.constant(new int[] {0}),
              s.reshape(s.dtypes.cast(steps, TInt32.class), s.constant(new int[] {1})),
              s.constant(new int[] {1}));
    }
    Operand<TFloat32> output = null;
    if (spec.hasHead()) {
      // [T, B, D*H] -> [T * B, D*H] -> head -> [T, B, O]
      Operand<TFloat32> flat =
          head(s, s.reshape(hidden, s.constant(new long[] {-1, spec.outputSize()})));
      output =
          s.reshape(
              flat,
              s.concat(
                  List.of(
                      s.stridedSlice(shape, Indices.sliceTo(2)),
                      s.constant(new long[] {spec.headSize().getAsInt()})),
                  s.constant(0)));
    }
    return new Sequence(
        x,
        state,
        hidden,
        output,
        output != null ? output : hidden,
        forward ? s.stack(finalStates) : null,
        forward ? top.memory() : null,
        forward ? gates : null,
        masks);
  }

  /**
   * The single-step subgraph, built on first use: as few ops as the step needs. Synchronized like
   * {@link #sequence()}.
   */
  synchronized Step step() {
    if (step == null) {
      Ops s = tf.withSubScope("step");
      Placeholder<TFloat32> x =
          s.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, spec.inputSize())));
      Placeholder<TFloat32> state =
          s.placeholder(
              TFloat32.class,
              Placeholder.shape(Shape.of(spec.stateSlots(), 2, -1, spec.hiddenSize())));
      // One time step: BlockLSTMV2 on one step, a composed cell's one step; one kernel per op.
      Operand<TInt64> one = s.constant(1L);
      List<TfJavaLayers.LayerRun> runs =
          layers.stack(
              s,
              TfJavaLayers.Mode.STEP,
              s.expandDims(x, s.constant(0)),
              one,
              one,
              1,
              layers.slots(s, state),
              TfJavaLayers.Masks.NONE);
      List<Operand<TFloat32>> next = new ArrayList<>();
      for (TfJavaLayers.LayerRun run : runs) {
        run.finals().forEach(hc -> next.add(s.stack(hc))); // [2, B, H] each
      }
      Operand<TFloat32> nextState =
          next.size() == 1 ? s.expandDims(next.get(0), s.constant(0)) : s.stack(next);
      Operand<TFloat32> output =
          spec.hasHead()
              ? head(s, s.squeeze(runs.get(runs.size() - 1).h(), Squeeze.axis(List.of(0L))))
              : null;
      step = new Step(x, state, nextState, output);
    }
    return step;
  }

  /** The single-step subgraph of {@link SplitStep}, built on first use; synchronized likewise. */
  synchronized SplitStep splitStep() {
    if (splitStep == null) {
      Ops s = tf.withSubScope("split_step");
      Placeholder<TFloat32> x =
          s.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, -1, spec.inputSize())));
      Shape stateShape = Shape.of(-1, spec.hiddenSize());
      List<Placeholder<TFloat32>> state = new ArrayList<>();
      List<List<Output<TFloat32>>> slots = new ArrayList<>();
      for (int slot = 0; slot < spec.stateSlots(); slot++) {
        Placeholder<TFloat32> h = s.placeholder(TFloat32.class, Placeholder.shape(stateShape));
        Placeholder<TFloat32> c = s.placeholder(TFloat32.class, Placeholder.shape(stateShape));
        state.add(h);
        state.add(c);
        slots.add(List.of(h.output(), c.output()));
      }
      Operand<TInt64> one = s.constant(1L);
      List<TfJavaLayers.LayerRun> runs =
          layers.stack(s, TfJavaLayers.Mode.STEP, x, one, one, 1, slots, TfJavaLayers.Masks.NONE);
      List<Operand<TFloat32>> next = new ArrayList<>();
      for (int l = 0; l < runs.size(); l++) {
        for (List<Operand<TFloat32>> hc : runs.get(l).finals()) {
          next.add(hc.get(0));
          // A GRU's c is the c it was fed, and a run cannot fetch what it feeds: a copy.
          next.add(spec.layerKind(l).cell() == CellKind.GRU ? s.identity(hc.get(1)) : hc.get(1));
        }
      }
      // The top layer's only direction (causal) is the last slot: its h is the head's input.
      Operand<TFloat32> output = spec.hasHead() ? head(s, next.get(next.size() - 2)) : null;
      splitStep = new SplitStep(x, List.copyOf(state), List.copyOf(next), output);
    }
    return splitStep;
  }

  /** The loss subgraph for this target and variant, with its gradients, built on first use. */
  synchronized Loss loss(LossTarget target, Variant variant) {
    return losses.computeIfAbsent(
        new LossKey(target, variant),
        key -> {
          Sequence seq = sequence(variant);
          Ops s = tf.withSubScope("loss" + losses.size());
          Placeholder<TFloat32> targets =
              s.placeholder(
                  TFloat32.class, Placeholder.shape(Shape.of(-1, -1, spec.responseSize())));
          Operand<TFloat32> predicted =
              target == LossTarget.LAST_STEP
                  ? s.stridedSlice(seq.predictions(), Indices.sliceFrom(-1))
                  : seq.predictions();
          Operand<TFloat32> loss =
              s.math.mean(
                  s.math.squaredDifference(predicted, targets), s.constant(new int[] {0, 1, 2}));
          List<Operand<TFloat32>> values = new ArrayList<>();
          parameters.forEach(p -> values.add(p.value()));
          List<Output<TFloat32>> gradients = new ArrayList<>();
          s.gradients(loss, values).dy().forEach(g -> gradients.add(g.expect(TFloat32.class)));
          return new Loss(seq, targets, loss, gradients);
        });
  }

  private record LossKey(LossTarget target, Variant variant) {}

  /** The dense head on rows {@code h [N, H]}: {@code h K + b}, {@code [N, O]}. */
  private Operand<TFloat32> head(Ops s, Operand<TFloat32> h) {
    Ops head = s.withSubScope("head");
    int at = layout.headIndex();
    return head.math.add(
        head.linalg.matMul(h, parameters.get(at).value()), parameters.get(at + 1).value());
  }

  /** Closes the session, then the graph; frees every native buffer the model holds. */
  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
