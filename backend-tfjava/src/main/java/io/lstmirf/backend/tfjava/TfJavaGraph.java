package io.lstmirf.backend.tfjava;

import io.lstmirf.api.Device;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.train.LossTarget;
import java.util.ArrayList;
import java.util.EnumMap;
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
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * One model's TensorFlow graph and the session that runs it. The parameters live in resource
 * variables (so every subgraph, session and trainer reads and updates the same live values); the
 * subgraphs for whole sequences, single steps and losses are built once, on first use, and then
 * only run. Nothing here builds graph per call or per step.
 *
 * <p>Layouts: sequences are time-major {@code [T, B, F]}, states {@code [S, 2, B, H]} (h then c of
 * each layer and direction, {@link LstmSpec#stateSlot}), parameters as in {@link TfJavaParameters}.
 * Every layer is TensorFlow's fused {@code BlockLSTMV2} op, with its own peepholes for a peephole
 * LSTM ({@code i} and {@code f} see {@code c_{t-1}}, {@code o} sees {@code c_t}, as ONNX); a
 * bidirectional layer runs a second one on the time-reversed sequence and reverses its outputs
 * back.
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
  private Sequence sequence;
  private Step step;
  private final Map<LossTarget, Loss> losses = new EnumMap<>(LossTarget.class);

  /** A resource variable and the one read of it that every subgraph uses. */
  record Variable(
      String name, Shape shape, Operand<? extends TType> handle, Operand<TFloat32> value) {}

  /**
   * Whole sequences from an initial state.
   *
   * @param inputs {@code [T, B, I]}
   * @param initialState {@code [S, 2, B, H]}; zeros unless fed
   * @param hidden the top layer's h, {@code [T, B, D*H]}
   * @param output the head's y, {@code [T, B, O]}; null without a head
   * @param predictions what a loss compares with targets: {@code output}, else {@code hidden}
   * @param finalState {@code [S, 2, B, H]}
   * @param topCells the top layer's c, {@code [T, B, D*H]}
   * @param forgetGates each layer's f, {@code [T, B, D*H]}
   */
  record Sequence(
      Placeholder<TFloat32> inputs,
      Operand<TFloat32> initialState,
      Operand<TFloat32> hidden,
      Operand<TFloat32> output,
      Operand<TFloat32> predictions,
      Operand<TFloat32> finalState,
      Operand<TFloat32> topCells,
      List<Operand<TFloat32>> forgetGates) {}

  /**
   * One layer's results.
   *
   * @param h its outputs {@code [T, B, D*H]}, forward then backward
   * @param finals each direction's last {@code (h, c)}, {@code [2, B, H]}
   * @param cells its c, {@code [T, B, D*H]}
   * @param forget its f, {@code [T, B, D*H]}
   */
  private record LayerRun(
      Operand<TFloat32> h,
      List<Operand<TFloat32>> finals,
      Operand<TFloat32> cells,
      Operand<TFloat32> forget) {}

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
   * The mean squared error of {@link Sequence#predictions()} and its gradients.
   *
   * @param targets {@code [T', B, R]}, T' = T or 1
   * @param loss a scalar
   * @param gradients d loss / d parameter, in {@link TfJavaParameters} order
   */
  record Loss(
      Placeholder<TFloat32> targets, Operand<TFloat32> loss, List<Output<TFloat32>> gradients) {}

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
   * The whole-sequence subgraph, built on first use; synchronized because forward calls on several
   * threads may ask for it first at once (they run side by side under the model's read lock), and a
   * graph must not get the subgraph twice.
   */
  synchronized Sequence sequence() {
    if (sequence == null) {
      Ops s = tf.withSubScope("sequence");
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
      List<LayerRun> runs = layers(s, x, steps, state);
      List<Operand<TFloat32>> finalStates = new ArrayList<>();
      List<Operand<TFloat32>> forget = new ArrayList<>();
      for (LayerRun run : runs) {
        finalStates.addAll(run.finals());
        forget.add(run.forget());
      }
      LayerRun top = runs.get(runs.size() - 1);
      Operand<TFloat32> output = null;
      if (spec.hasHead()) {
        // [T, B, D*H] -> [T * B, D*H] -> head -> [T, B, O]
        Operand<TFloat32> flat =
            head(s, s.reshape(top.h(), s.constant(new long[] {-1, spec.outputSize()})));
        output =
            s.reshape(
                flat,
                s.concat(
                    List.of(
                        s.stridedSlice(shape, Indices.sliceTo(2)),
                        s.constant(new long[] {spec.headSize().getAsInt()})),
                    s.constant(0)));
      }
      sequence =
          new Sequence(
              x,
              state,
              top.h(),
              output,
              output != null ? output : top.h(),
              s.stack(finalStates),
              top.cells(),
              forget);
    }
    return sequence;
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
      // The fused op on one time step: one kernel per layer and step.
      List<LayerRun> runs = layers(s, s.expandDims(x, s.constant(0)), s.constant(1L), state);
      List<Operand<TFloat32>> next = new ArrayList<>();
      for (LayerRun run : runs) {
        next.addAll(run.finals()); // [2, B, H] each
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

  /** The loss subgraph for this target, with its gradients, built on first use. */
  Loss loss(LossTarget target) {
    return losses.computeIfAbsent(
        target,
        t -> {
          Sequence seq = sequence();
          Ops s = tf.withSubScope(t == LossTarget.LAST_STEP ? "loss_last" : "loss_every");
          Placeholder<TFloat32> targets =
              s.placeholder(
                  TFloat32.class, Placeholder.shape(Shape.of(-1, -1, spec.responseSize())));
          Operand<TFloat32> predicted =
              t == LossTarget.LAST_STEP
                  ? s.stridedSlice(seq.predictions(), Indices.sliceFrom(-1))
                  : seq.predictions();
          Operand<TFloat32> loss =
              s.math.mean(
                  s.math.squaredDifference(predicted, targets), s.constant(new int[] {0, 1, 2}));
          List<Operand<TFloat32>> values = new ArrayList<>();
          parameters.forEach(p -> values.add(p.value()));
          List<Output<TFloat32>> gradients = new ArrayList<>();
          s.gradients(loss, values).dy().forEach(g -> gradients.add(g.expect(TFloat32.class)));
          return new Loss(targets, loss, gradients);
        });
  }

  /** Stacks the layers on time-major inputs {@code [T, B, I]} from {@code state [S, 2, B, H]}. */
  private List<LayerRun> layers(
      Ops s, Operand<TFloat32> inputs, Operand<TInt64> steps, Operand<TFloat32> state) {
    List<LayerRun> runs = new ArrayList<>();
    List<Output<TFloat32>> perSlot = s.unstack(state, (long) spec.stateSlots()).output();
    Operand<TFloat32> x = inputs;
    for (int l = 0; l < spec.numLayers(); l++) {
      Ops layer = s.withSubScope("layer" + l);
      int directions = spec.layerKind(l).directions();
      List<Operand<TFloat32>> hs = new ArrayList<>();
      List<Operand<TFloat32>> cs = new ArrayList<>();
      List<Operand<TFloat32>> fs = new ArrayList<>();
      List<Operand<TFloat32>> finals = new ArrayList<>();
      for (int d = 0; d < directions; d++) {
        Ops dir = d == 0 ? layer : layer.withSubScope("backward");
        List<Output<TFloat32>> hc = dir.unstack(perSlot.get(spec.stateSlot(l, d)), 2L).output();
        BlockLSTM<TFloat32> block = block(dir, l, d, steps, d == 0 ? x : reversed(dir, x), hc);
        finals.add(
            dir.stack(
                List.of(
                    dir.stridedSlice(block.h(), Indices.at(-1)),
                    dir.stridedSlice(block.cs(), Indices.at(-1)))));
        hs.add(d == 0 ? block.h() : reversed(dir, block.h()));
        cs.add(d == 0 ? block.cs() : reversed(dir, block.cs()));
        fs.add(d == 0 ? block.f() : reversed(dir, block.f()));
      }
      LayerRun run = new LayerRun(joined(layer, hs), finals, joined(layer, cs), joined(layer, fs));
      runs.add(run);
      x = run.h();
    }
    return runs;
  }

  /**
   * One direction of one layer: BlockLSTMV2, canonical gate order, cell_clip 0 (it clips only when
   * positive; the V1 ops' forget_bias = 1 and cell_clip = 3 do not exist here), and the layer's
   * peepholes {@code [p_i, p_f, p_o]} as the op's {@code wci}, {@code wcf}, {@code wco}.
   */
  private BlockLSTM<TFloat32> block(
      Ops s, int l, int d, Operand<TInt64> steps, Operand<TFloat32> x, List<Output<TFloat32>> hc) {
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
    return s.nn.blockLSTM(
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
  }

  /** {@code x [T, ...]} in reverse time order. */
  private static Operand<TFloat32> reversed(Ops s, Operand<TFloat32> x) {
    return s.reverse(x, s.constant(new long[] {0}));
  }

  /** The directions side by side, {@code [T, B, D*H]}. */
  private static Operand<TFloat32> joined(Ops s, List<Operand<TFloat32>> directions) {
    return directions.size() == 1 ? directions.get(0) : s.concat(directions, s.constant(2));
  }

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
