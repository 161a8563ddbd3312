package io.lstmirf.backend.tfjava;

import io.lstmirf.api.AbstractLstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.StepResult;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Steps the model's single-step graph once per call. The state {@code [L, 2, B, H]} never leaves
 * the engine between steps: the tensor a run returns is fed to the next run as it is, and only the
 * step's response is copied out. One {@code Session.run} per step; the input tensor is allocated
 * once and overwritten. Models open it only where TensorFlow Java hides its native session handle;
 * elsewhere they open the faster {@link TfJavaNativeSession}.
 */
final class TfJavaSession extends AbstractLstmSession {
  private final TfJavaGraph.Step graph;
  private final org.tensorflow.Session session;
  private final LstmSpec spec;
  private final TFloat32 input;
  private final float[] inputScratch;
  private final float[] hiddenScratch;

  /** The current state, and what owns it: a {@link Result} of the last run, or the tensor. */
  private Tensor state;

  private AutoCloseable stateOwner;

  TfJavaSession(TfJavaModel model, TfJavaGraph graph, int batchSize) {
    super(model, batchSize);
    this.graph = graph.step();
    this.session = graph.session();
    this.spec = graph.spec();
    this.input = TFloat32.tensorOf(Shape.of(batchSize, spec.inputSize()));
    this.inputScratch = new float[batchSize * spec.inputSize()];
    this.hiddenScratch = new float[batchSize * spec.hiddenSize()];
    replaceState(TfJavaArrays.zeroState(spec.numLayers(), batchSize, spec.hiddenSize()));
  }

  @Override
  protected StepResult doStep(double[][] inputs) {
    TfJavaArrays.write(inputs, input, inputScratch);
    org.tensorflow.Session.Runner runner =
        session
            .runner()
            .feed(graph.inputs(), input)
            .feed(graph.state(), state)
            .fetch(graph.nextState());
    if (graph.output() != null) {
      runner.fetch(graph.output());
    }
    Result r = runner.run();
    closeState();
    state = r.get(0);
    stateOwner = r;
    Optional<double[][]> output =
        graph.output() == null ? Optional.empty() : Optional.of(TfJavaArrays.rows(r.get(1)));
    return new StepResult(TfJavaArrays.topHidden(state, hiddenScratch), output);
  }

  @Override
  protected LstmState doState() {
    return TfJavaArrays.state(state);
  }

  @Override
  protected void doSetState(LstmState newState) {
    replaceState(TfJavaArrays.state(newState));
  }

  @Override
  protected void doReset() {
    replaceState(TfJavaArrays.zeroState(spec.numLayers(), batchSize(), spec.hiddenSize()));
  }

  @Override
  protected void doClose() {
    try {
      closeState();
    } finally {
      input.close();
    }
  }

  private void replaceState(TFloat32 tensor) {
    closeState();
    state = tensor;
    stateOwner = tensor;
  }

  private void closeState() {
    if (stateOwner != null) {
      try {
        stateOwner.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not release a TensorFlow tensor", e);
      }
      stateOwner = null;
      state = null;
    }
  }
}
