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
 * Steps the model's single-step graph ({@link TfJavaGraph#splitStep()}) through a run prepared once
 * ({@link TfJavaNativeRun}): one {@code TF_SessionRun} per step on native tensors, no Java tensor
 * wrapper, runner or result per step. Each state slot's h and c that a run returns are fed to the
 * next as they are; the input tensor is allocated once and overwritten; only the step's response is
 * copied out.
 */
final class TfJavaNativeSession extends AbstractLstmSession {
  private final LstmSpec spec;
  private final TfJavaNativeRun run;
  private final TF_Tensor input;
  private final float[] inputScratch;
  private final float[] hiddenScratch;
  private final float[] outputScratch;

  /** h then c of each state slot, {@code [B, H]} each: feeds 1.. of the run; this session's. */
  private final TF_Tensor[] state;

  TfJavaNativeSession(TfJavaModel model, TfJavaGraph graph, TF_Session handle, int batchSize) {
    super(model, batchSize);
    this.spec = graph.spec();
    TfJavaGraph.SplitStep step = graph.splitStep();
    List<Operand<TFloat32>> feeds = new ArrayList<>(List.of(step.inputs()));
    feeds.addAll(step.state());
    List<Operand<TFloat32>> fetches = new ArrayList<>(step.nextState());
    if (step.output() != null) {
      fetches.add(step.output());
    }
    this.state = new TF_Tensor[step.state().size()];
    this.inputScratch = new float[batchSize * spec.inputSize()];
    this.hiddenScratch = new float[batchSize * spec.hiddenSize()];
    this.outputScratch =
        step.output() == null ? null : new float[batchSize * spec.headSize().getAsInt()];
    TfJavaNativeRun prepared = new TfJavaNativeRun(handle, feeds, fetches);
    TF_Tensor in = null;
    try {
      in = TfJavaNativeRun.allocate(1, batchSize, spec.inputSize());
      replaceState(new float[state.length * hiddenScratch.length]);
    } catch (RuntimeException | Error e) {
      TfJavaNativeRun.delete(in);
      freeState();
      prepared.close();
      throw e;
    }
    this.run = prepared;
    this.input = in;
    run.feed(0, input);
  }

  @Override
  protected StepResult doStep(double[][] inputs) {
    TfJavaNativeRun.write(input, TfJavaArrays.flatten(inputs, inputScratch), 0);
    for (int k = 0; k < state.length; k++) {
      run.feed(k + 1, state[k]);
    }
    run.run();
    for (int k = 0; k < state.length; k++) {
      TfJavaNativeRun.delete(state[k]);
      state[k] = run.fetched(k);
    }
    TF_Tensor output = outputScratch == null ? null : run.fetched(state.length);
    try {
      int batch = batchSize();
      TfJavaNativeRun.read(state[state.length - 2], hiddenScratch, 0);
      double[][] hidden = TfJavaArrays.rows(hiddenScratch, 0, batch, spec.hiddenSize());
      if (output == null) {
        return new StepResult(hidden, Optional.empty());
      }
      TfJavaNativeRun.read(output, outputScratch, 0);
      return new StepResult(
          hidden,
          Optional.of(TfJavaArrays.rows(outputScratch, 0, batch, outputScratch.length / batch)));
    } finally {
      TfJavaNativeRun.delete(output);
    }
  }

  @Override
  protected LstmState doState() {
    int block = hiddenScratch.length;
    float[] flat = new float[state.length * block]; // [L, 2, B, H]: h then c of each slot
    for (int k = 0; k < state.length; k++) {
      TfJavaNativeRun.read(state[k], flat, k * block, block);
    }
    return TfJavaArrays.state(flat, state.length / 2, batchSize(), spec.hiddenSize());
  }

  @Override
  protected void doSetState(LstmState newState) {
    replaceState(TfJavaArrays.flatState(newState));
  }

  @Override
  protected void doReset() {
    replaceState(new float[state.length * hiddenScratch.length]);
  }

  @Override
  protected void doClose() {
    try {
      freeState();
      TfJavaNativeRun.delete(input);
    } finally {
      run.close();
    }
  }

  /**
   * New state tensors holding {@code flat} ({@code [L, 2, B, H]}, h then c of each slot); the old
   * ones are freed once all the new ones exist.
   */
  private void replaceState(float[] flat) {
    int block = hiddenScratch.length;
    TF_Tensor[] fresh = new TF_Tensor[state.length];
    try {
      for (int k = 0; k < fresh.length; k++) {
        fresh[k] = TfJavaNativeRun.allocate(batchSize(), spec.hiddenSize());
        TfJavaNativeRun.write(fresh[k], flat, k * block, block); // allocated uninitialised
      }
    } catch (RuntimeException | Error e) {
      for (TF_Tensor t : fresh) {
        TfJavaNativeRun.delete(t);
      }
      throw e;
    }
    freeState();
    System.arraycopy(fresh, 0, state, 0, state.length);
  }

  private void freeState() {
    for (int k = 0; k < state.length; k++) {
      TfJavaNativeRun.delete(state[k]);
      state[k] = null;
    }
  }
}
