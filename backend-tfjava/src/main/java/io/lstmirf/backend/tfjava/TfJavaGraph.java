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
 * <p>Layouts: sequences are time-major {@code [T, B, F]}, states {@code [L, 2, B, H]} (h then c
 * of each layer), parameters as in {@link TfJavaParameters}.
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
  record Variable(String name, Shape shape, Operand<? extends TType> handle,
      Operand<TFloat32> value) {}

  /**
   * Whole sequences from an initial state.
   *
   * @param inputs {@code [T, B, I]}
   * @param initialState {@code [L, 2, B, H]}; zeros unless fed
   * @param hidden the top layer's h, {@code [T, B, H]}
   * @param output the head's y, {@code [T, B, O]}; null without a head
   * @param predictions what a loss compares with targets: {@code output}, else {@code hidden}
   * @param finalState {@code [L, 2, B, H]}
   * @param topCells the top layer's c, {@code [T, B, H]}
   * @param forgetGates every layer's f, {@code [L, T, B, H]}
   */
  record Sequence(Placeholder<TFloat32> inputs, Operand<TFloat32> initialState,
      Operand<TFloat32> hidden, Operand<TFloat32> output, Operand<TFloat32> predictions,
      Operand<TFloat32> finalState, Operand<TFloat32> topCells, Operand<TFloat32> forgetGates) {}

  /**
   * One time step.
   *
   * @param inputs {@code [B, I]}
   * @param state {@code [L, 2, B, H]}
   * @param nextState {@code [L, 2, B, H]}
   * @param output the head's y, {@code [B, O]}; null without a head (the top h is in the state)
   */
  record Step(Placeholder<TFloat32> inputs, Placeholder<TFloat32> state,
      Operand<TFloat32> nextState, Operand<TFloat32> output) {}

  /**
   * The mean squared error of {@link Sequence#predictions()} and its gradients.
   *
   * @param targets {@code [T', B, R]}, T' = T or 1
   * @param loss a scalar
   * @param gradients d loss / d parameter, in {@link TfJavaParameters} order
   */
  record Loss(Placeholder<TFloat32> targets, Operand<TFloat32> loss,
      List<Output<TFloat32>> gradients) {}

  TfJavaGraph(LstmWeights weights, Device device) {
    this.spec = weights.spec();
    this.layout = new TfJavaParameters(spec);
    this.graph = new Graph();
    Session opened = null;
    try {
      Ops root = Ops.create(graph);
      this.tf = device.isGpu() ? root.withDevice(DeviceSpec.newBuilder()
          .deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(device.index()).build()) : root;
      this.noPeephole = tf.withName("no_peephole").zeros(
          tf.constant(new long[] {spec.hiddenSize()}), TFloat32.class);
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
        VarHandleOp handle = tf.withName(name.replace('/', '_'))
            .varHandleOp(TFloat32.class, shape, VarHandleOp.sharedName(name));
        parameters.add(new Variable(name, shape, handle,
            tf.withName(name.replace('/', '_') + "_read").readVariableOp(handle,
                TFloat32.class)));
        Placeholder<TFloat32> feed = init.placeholder(TFloat32.class,
            Placeholder.shape(shape));
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
      Placeholder<TFloat32> feed = assign.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(h)));
      forgetBiasFeeds.add(feed);
      forgetBiasAssigns.add(assign.resourceStridedSliceAssign(
          parameters.get(layout.biasIndex(l)).handle(), assign.constant(new int[] {h}),
          assign.constant(new int[] {2 * h}), assign.constant(new int[] {1}), feed));
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

  /** Overwrites the forget-gate block {@code b[H..2H-1]} of one layer's bias in place. */
  void setForgetBias(int layer, double[] bias) {
    try (TFloat32 value = TfJavaArrays.of(Shape.of(bias.length), bias)) {
      session.runner().feed(forgetBiasFeeds.get(layer), value)
          .addTarget(forgetBiasAssigns.get(layer)).run().close();
    }
  }

  /**
   * The whole-sequence subgraph, built on first use; synchronized because forward calls on
   * several threads may ask for it first at once (they run side by side under the model's read
   * lock), and a graph must not get the subgraph twice.
   */
  synchronized Sequence sequence() {
    if (sequence == null) {
      Ops s = tf.withSubScope("sequence");
      Placeholder<TFloat32> x = s.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, -1, spec.inputSize())));
      Operand<TInt64> shape = s.shape(x, TInt64.class);
      Operand<TInt64> steps = s.stridedSlice(shape, Indices.at(0));
      Operand<TInt64> batch = s.stridedSlice(shape, Indices.at(1));
      // Zeros unless the caller feeds a state: no zero tensor crosses from Java per call.
      Operand<TInt64> stateShape = s.stack(List.of(s.constant((long) spec.numLayers()),
          s.constant(2L), batch, s.constant((long) spec.hiddenSize())));
      Operand<TFloat32> state = s.placeholderWithDefault(s.zeros(stateShape, TFloat32.class),
          Shape.of(spec.numLayers(), 2, -1, spec.hiddenSize()));
      List<BlockLSTM<TFloat32>> blocks = layers(s, x, steps, state);
      List<Operand<TFloat32>> finalStates = new ArrayList<>();
      List<Operand<TFloat32>> forget = new ArrayList<>();
      for (BlockLSTM<TFloat32> block : blocks) {
        finalStates.add(s.stack(List.of(s.stridedSlice(block.h(), Indices.at(-1)),
            s.stridedSlice(block.cs(), Indices.at(-1)))));
        forget.add(block.f());
      }
      BlockLSTM<TFloat32> top = blocks.get(blocks.size() - 1);
      Operand<TFloat32> output = null;
      if (spec.hasHead()) {
        // [T, B, H] -> [T * B, H] -> head -> [T, B, O]
        Operand<TFloat32> flat = head(s, s.reshape(top.h(),
            s.constant(new long[] {-1, spec.hiddenSize()})));
        output = s.reshape(flat, s.concat(List.of(s.stridedSlice(shape, Indices.sliceTo(2)),
            s.constant(new long[] {spec.headSize().getAsInt()})), s.constant(0)));
      }
      sequence = new Sequence(x, state, top.h(), output, output != null ? output : top.h(),
          s.stack(finalStates), top.cs(), s.stack(forget));
    }
    return sequence;
  }

  /**
   * The single-step subgraph, built on first use: as few ops as the step needs. Synchronized
   * like {@link #sequence()}.
   */
  synchronized Step step() {
    if (step == null) {
      Ops s = tf.withSubScope("step");
      Placeholder<TFloat32> x = s.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, spec.inputSize())));
      Placeholder<TFloat32> state = s.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(spec.numLayers(), 2, -1, spec.hiddenSize())));
      // The fused op on one time step: one kernel per layer and step.
      List<BlockLSTM<TFloat32>> blocks = layers(s, s.expandDims(x, s.constant(0)),
          s.constant(1L), state);
      List<Operand<TFloat32>> next = new ArrayList<>();
      for (BlockLSTM<TFloat32> block : blocks) {
        next.add(s.concat(List.of(block.h(), block.cs()), s.constant(0))); // [2, B, H]
      }
      Operand<TFloat32> nextState = next.size() == 1
          ? s.expandDims(next.get(0), s.constant(0)) : s.stack(next);
      Operand<TFloat32> output = spec.hasHead()
          ? head(s, s.squeeze(blocks.get(blocks.size() - 1).h(),
              Squeeze.axis(List.of(0L)))) : null;
      step = new Step(x, state, nextState, output);
    }
    return step;
  }

  /** The loss subgraph for this target, with its gradients, built on first use. */
  Loss loss(LossTarget target) {
    return losses.computeIfAbsent(target, t -> {
      Sequence seq = sequence();
      Ops s = tf.withSubScope(t == LossTarget.LAST_STEP ? "loss_last" : "loss_every");
      Placeholder<TFloat32> targets = s.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, -1, spec.responseSize())));
      Operand<TFloat32> predicted = t == LossTarget.LAST_STEP
          ? s.stridedSlice(seq.predictions(), Indices.sliceFrom(-1)) : seq.predictions();
      Operand<TFloat32> loss = s.math.mean(s.math.squaredDifference(predicted, targets),
          s.constant(new int[] {0, 1, 2}));
      List<Operand<TFloat32>> values = new ArrayList<>();
      parameters.forEach(p -> values.add(p.value()));
      List<Output<TFloat32>> gradients = new ArrayList<>();
      s.gradients(loss, values).dy().forEach(g -> gradients.add(g.expect(TFloat32.class)));
      return new Loss(targets, loss, gradients);
    });
  }

  /** Stacks the layers on time-major inputs {@code [T, B, I]} from {@code state [L, 2, B, H]}. */
  private List<BlockLSTM<TFloat32>> layers(Ops s, Operand<TFloat32> inputs,
      Operand<TInt64> steps, Operand<TFloat32> state) {
    List<BlockLSTM<TFloat32>> blocks = new ArrayList<>();
    List<Output<TFloat32>> perLayer = s.unstack(state, (long) spec.numLayers()).output();
    Operand<TFloat32> x = inputs;
    for (int l = 0; l < spec.numLayers(); l++) {
      Ops layer = s.withSubScope("layer" + l);
      List<Output<TFloat32>> hc = layer.unstack(perLayer.get(l), 2L).output();
      // BlockLSTMV2: canonical gate order, no peepholes, and cell_clip 0 (it clips only when
      // positive); the V1 ops' forget_bias = 1 and cell_clip = 3 do not exist here.
      BlockLSTM<TFloat32> block = layer.nn.blockLSTM(steps, x, hc.get(1), hc.get(0),
          parameters.get(2 * l).value(), noPeephole, noPeephole, noPeephole,
          parameters.get(2 * l + 1).value(), BlockLSTM.usePeephole(false),
          BlockLSTM.cellClip(0f));
      blocks.add(block);
      x = block.h();
    }
    return blocks;
  }

  /** The dense head on rows {@code h [N, H]}: {@code h K + b}, {@code [N, O]}. */
  private Operand<TFloat32> head(Ops s, Operand<TFloat32> h) {
    Ops head = s.withSubScope("head");
    int at = 2 * spec.numLayers();
    return head.math.add(head.linalg.matMul(h, parameters.get(at).value()),
        parameters.get(at + 1).value());
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
