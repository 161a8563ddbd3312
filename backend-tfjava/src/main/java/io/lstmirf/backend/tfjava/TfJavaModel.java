package io.lstmirf.backend.tfjava;

import io.lstmirf.api.AbstractLstmModel;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Trace;
import io.lstmirf.api.memory.EngineFootprint;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * A recurrent stack (canonical, peephole and bidirectional LSTM layers, GRU layers) held by a
 * TensorFlow graph ({@link TfJavaGraph}). Every public call is one {@code Session.run}; the model's
 * tensors are closed before the call returns.
 */
final class TfJavaModel extends AbstractLstmModel {
  private final TfJavaGraph graph;
  private final TfJavaTrainingGraphs training;

  TfJavaModel(LstmWeights weights, ModelOptions options) {
    super(TfJavaBackend.NAME, weights.spec(), options);
    this.graph = new TfJavaGraph(weights, options.device());
    this.training = new TfJavaTrainingGraphs(graph);
  }

  /**
   * Measured (FootprintProbe: peak resident memory of one call, H = 64 and 256, B = 1 to 16, T =
   * 2000 and 20000): 29-30 native bytes per element (BlockLSTMV2 keeps its seven gate and state
   * sequences) and 4.1 heap bytes (one float flat copy). Declared with a fifth more; a flat copy is
   * one Java float array, at most 2^31 - 9 values. A GRU's forward (its input projection {@code [T,
   * B, 3H]}, each step's h and z in TensorArrays, their gathered copies) measured 17.6 native and
   * 4.1 heap bytes per element, 19.5 and 4.1 bidirectional (FootprintProbe, H = 64, 8 x 20000
   * steps).
   */
  @Override
  public EngineFootprint footprint() {
    return new EngineFootprint(36, 5, (Integer.MAX_VALUE - 8L) * Float.BYTES);
  }

  /**
   * Traced calls hand over the cell states and gates as well, each through a flat copy
   * (FootprintStressTest, H = 64, 8 x 20000 steps, every layer kind: at most 32.5 native bytes per
   * element, a bidirectional GRU's, 31.2 the LSTMs' at most, and 12.1 heap bytes). Declared with a
   * fifth more.
   */
  @Override
  public EngineFootprint footprint(Set<Trace> traces) {
    return traces.isEmpty()
        ? footprint()
        : new EngineFootprint(39, 15, footprint().maxTensorBytes());
  }

  @Override
  protected ForwardResult doForward(
      double[][][] inputs, LstmState initialState, Set<Trace> traces) {
    TfJavaGraph.Sequence seq = graph.sequence();
    boolean cells = traces.contains(Trace.CELL_STATES);
    boolean forget = traces.contains(Trace.FORGET_GATES);
    try (TFloat32 x = TfJavaArrays.timeMajor(inputs);
        TFloat32 state = initialState == null ? null : TfJavaArrays.state(initialState)) {
      Session.Runner runner = graph.session().runner().feed(seq.inputs(), x);
      if (state != null) {
        runner.feed(seq.initialState(), state);
      }
      runner.fetch(seq.hidden()).fetch(seq.finalState());
      if (seq.output() != null) {
        runner.fetch(seq.output());
      }
      if (cells) {
        runner.fetch(seq.topCells());
      }
      if (forget) {
        seq.forgetGates().forEach(runner::fetch);
      }
      try (Result r = runner.run()) {
        int at = 2;
        Optional<double[][][]> output =
            seq.output() == null
                ? Optional.empty()
                : Optional.of(TfJavaArrays.batchMajor(r.get(at++)));
        Optional<double[][][]> cellStates =
            cells ? Optional.of(TfJavaArrays.batchMajor(r.get(at++))) : Optional.empty();
        Optional<double[][][][]> forgetGates = Optional.empty();
        if (forget) {
          double[][][][] gates = new double[seq.forgetGates().size()][][][];
          for (int l = 0; l < gates.length; l++) {
            gates[l] = TfJavaArrays.batchMajor(r.get(at + l));
          }
          forgetGates = Optional.of(gates);
        }
        return new ForwardResult(
            TfJavaArrays.batchMajor(r.get(0)),
            output,
            TfJavaArrays.state(r.get(1)),
            cellStates,
            forgetGates);
      }
    }
  }

  /**
   * A session on the native session handle ({@link TfJavaNativeSession}), or, where this TensorFlow
   * Java hides the handle, one on {@code Session.runner()} ({@link TfJavaSession}): the same graph
   * and results, about 1.6 times the CPU time per step.
   */
  @Override
  protected LstmSession doOpenSession(int batchSize) {
    return TfJavaNativeRun.session(graph.session())
        .<LstmSession>map(s -> new TfJavaNativeSession(this, graph, s, batchSize))
        .orElseGet(() -> new TfJavaSession(this, graph, batchSize));
  }

  @Override
  protected void doSetMemoryGateBias(int layer, double[] bias) {
    graph.setForgetBias(layer, bias);
  }

  @Override
  protected LstmWeights doWeights() {
    return graph.readWeights();
  }

  @Override
  protected GradientResult doGradients(double[][][] inputs, double[][][] targets, LossTarget loss) {
    TfJavaGraph.Loss l = graph.loss(loss, graph.variant(inputs[0].length, false, false));
    TfJavaGraph.Sequence seq = l.sequence();
    try (TFloat32 x = TfJavaArrays.timeMajor(inputs);
        TFloat32 y = TfJavaArrays.timeMajor(targets)) {
      Session.Runner runner =
          graph.session().runner().feed(seq.inputs(), x).feed(l.targets(), y).fetch(l.loss());
      l.gradients().forEach(runner::fetch);
      try (Result r = runner.run()) {
        List<double[]> gradients = new ArrayList<>(l.gradients().size());
        for (int k = 0; k < l.gradients().size(); k++) {
          gradients.add(TfJavaArrays.readDoubles(r.get(k + 1)));
        }
        return new GradientResult(
            TfJavaArrays.scalarValue(r.get(0)), graph.layout().toCanonical(gradients));
      }
    }
  }

  /** The batch loss without an update: the trainer's {@code loss}. */
  double loss(double[][][] inputs, double[][][] targets, LossTarget loss) {
    TfJavaGraph.Loss l = graph.loss(loss, graph.variant(inputs[0].length, false, false));
    TfJavaGraph.Sequence seq = l.sequence();
    try (TFloat32 x = TfJavaArrays.timeMajor(inputs);
        TFloat32 y = TfJavaArrays.timeMajor(targets);
        Result r =
            graph
                .session()
                .runner()
                .feed(seq.inputs(), x)
                .feed(l.targets(), y)
                .fetch(l.loss())
                .run()) {
      return TfJavaArrays.scalarValue(r.get(0));
    }
  }

  @Override
  protected LstmTrainer doOpenTrainer(TrainerConfig config) {
    return new TfJavaTrainer(this, graph, training, config);
  }

  /** The model's graph (tests count its operations). */
  TfJavaGraph graph() {
    return graph;
  }

  @Override
  protected void doClose() {
    graph.close();
  }
}
