package io.lstmirf.backend.reference;

import io.lstmirf.api.AbstractLstmSession;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.StepResult;
import java.util.Optional;

/**
 * A stateful session on a reference model: one {@link ReferenceRunner} whose state carries over
 * between steps and which reads the model's live weights, so that trainer steps and {@code
 * setMemoryGateBias} show at the next step.
 */
final class ReferenceSession extends AbstractLstmSession {
  private final ReferenceRunner run;
  private final int hidden;
  private final int outputs;

  ReferenceSession(ReferenceModel model, ReferenceParameters params, int batchSize) {
    super(model, batchSize);
    run = new ReferenceRunner(params, batchSize);
    hidden = params.spec.hiddenSize();
    outputs = params.spec.headSize().orElse(0);
  }

  @Override
  protected StepResult doStep(double[][] inputs) {
    run.step(inputs);
    double[][] hs = new double[run.batch][hidden];
    double[][] ys = outputs == 0 ? null : new double[run.batch][outputs];
    for (int b = 0; b < run.batch; b++) {
      run.topHidden(b, hs[b]);
      if (ys != null) {
        run.headOutput(b, ys[b]);
      }
    }
    return new StepResult(hs, Optional.ofNullable(ys));
  }

  @Override
  protected LstmState doState() {
    return run.state();
  }

  @Override
  protected void doSetState(LstmState state) {
    run.load(state);
  }

  @Override
  protected void doReset() {
    run.clear();
  }

  @Override
  protected void doClose() {
    // plain Java memory: nothing to release
  }
}
