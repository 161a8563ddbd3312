package io.lstmirf.backend.tfjava;

import io.lstmirf.api.AbstractLstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_Tensor;
import org.tensorflow.types.TFloat32;

/**
 * Steps the model's single-step graph ({@link TfJavaGraph#step()}) as {@link TfJavaSession} does,
 * through a run prepared once ({@link TfJavaNativeRun}): one {@code TF_SessionRun} per step on
 * native tensors, no Java tensor wrapper, runner or result per step. The state {@code [L, 2, B, H]}
 * a run returns is fed to the next as it is; the input tensor is allocated once and overwritten;
 * only the step's response is copied out.
 */
final class TfJavaNativeSession extends AbstractLstmSession {
  private final LstmSpec spec;
  private final TfJavaNativeRun run;
  private final TF_Tensor input;
  private final float[] inputScratch;
  private final float[] hiddenScratch;
  private final float[] outputScratch;
  private final long[] stateShape;
  private final long topHiddenOffset;

  /** The current state; this session owns it. */
  private TF_Tensor state;

  TfJavaNativeSession(TfJavaModel model, TfJavaGraph graph, TF_Session handle, int batchSize) {
    super(model, batchSize);
    this.spec = graph.spec();
    TfJavaGraph.Step step = graph.step();
    List<Operand<TFloat32>> fetches = new ArrayList<>(List.of(step.nextState()));
    if (step.output() != null) {
      fetches.add(step.output());
    }
    int hidden = spec.hiddenSize();
    int slots = spec.stateSlots();
    this.stateShape = new long[] {slots, 2, batchSize, hidden};
    this.topHiddenOffset = 2L * (slots - 1) * batchSize * hidden;
    this.inputScratch = new float[batchSize * spec.inputSize()];
    this.hiddenScratch = new float[batchSize * hidden];
    this.outputScratch =
        step.output() == null ? null : new float[batchSize * spec.headSize().getAsInt()];
    TfJavaNativeRun prepared =
        new TfJavaNativeRun(handle, List.of(step.inputs(), step.state()), fetches);
    TF_Tensor in = null;
    try {
      in = TfJavaNativeRun.allocate(batchSize, spec.inputSize());
      replaceState(new float[slots * 2 * batchSize * hidden]);
    } catch (RuntimeException | Error e) {
      TfJavaNativeRun.delete(in);
      prepared.close();
      throw e;
    }
    this.run = prepared;
    this.input = in;
    run.feed(0, input);
  }

  @Override
  protected StepResult doStep(double[][] inputs) {
    TfJavaNativeRun.write(input, TfJavaArrays.flatten(inputs, inputScratch));
    run.feed(1, state);
    run.run();
    TF_Tensor next = run.fetched(0);
    TF_Tensor output = outputScratch == null ? null : run.fetched(1);
    try {
      TfJavaNativeRun.delete(state);
      state = next;
      int batch = batchSize();
      TfJavaNativeRun.read(state, topHiddenOffset, hiddenScratch);
      double[][] hidden = TfJavaArrays.rows(hiddenScratch, 0, batch, spec.hiddenSize());
      if (output == null) {
        return new StepResult(hidden, Optional.empty());
      }
      TfJavaNativeRun.read(output, 0, outputScratch);
      return new StepResult(
          hidden,
          Optional.of(TfJavaArrays.rows(outputScratch, 0, batch, outputScratch.length / batch)));
    } finally {
      TfJavaNativeRun.delete(output);
    }
  }

  @Override
  protected LstmState doState() {
    float[] flat = new float[Math.toIntExact(2 * stateShape[0] * stateShape[2] * stateShape[3])];
    TfJavaNativeRun.read(state, 0, flat);
    return TfJavaArrays.state(flat, (int) stateShape[0], (int) stateShape[2], (int) stateShape[3]);
  }

  @Override
  protected void doSetState(LstmState newState) {
    replaceState(TfJavaArrays.flatState(newState));
  }

  @Override
  protected void doReset() {
    replaceState(new float[Math.toIntExact(2 * stateShape[0] * stateShape[2] * stateShape[3])]);
  }

  @Override
  protected void doClose() {
    try {
      TfJavaNativeRun.delete(state);
      state = null;
      TfJavaNativeRun.delete(input);
    } finally {
      run.close();
    }
  }

  /** A new state tensor holding {@code flat} ({@code [L, 2, B, H]}); the old one is freed. */
  private void replaceState(float[] flat) {
    TF_Tensor tensor = TfJavaNativeRun.allocate(stateShape);
    TfJavaNativeRun.write(tensor, flat); // TensorFlow allocates uninitialised
    TfJavaNativeRun.delete(state);
    state = tensor;
  }
}
