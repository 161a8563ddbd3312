package io.lstmirf.backend.reference;

import io.lstmirf.api.AbstractLstmModel;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.Gate;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Trace;
import io.lstmirf.api.memory.EngineFootprint;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The canonical LSTM in plain double-precision Java. Weights live in contiguous row-major arrays
 * ({@link ReferenceParameters}); a call or session runs on a {@link ReferenceRunner}, whose
 * scratch space is allocated once, never per step. Gradients come from {@link ReferenceBptt}, training from {@link ReferenceTrainer}.
 */
final class ReferenceModel extends AbstractLstmModel {
  private final int hidden;
  private final int numLayers;
  private final int outputs;
  /** The live weights; trainers update them in place. */
  private final ReferenceParameters params;

  ReferenceModel(LstmWeights weights, ModelOptions options) {
    super(ReferenceBackend.NAME, weights.spec(), options);
    LstmSpec spec = weights.spec();
    hidden = spec.hiddenSize();
    numLayers = spec.numLayers();
    outputs = spec.hasHead() ? spec.headSize().getAsInt() : 0;
    params = ReferenceParameters.of(weights);
  }

  /**
   * Pure Java: no native memory, and the calling thread allocates nothing beyond the result
   * arrays (FootprintProbe measured 0.0-0.1 bytes per element); one byte of slack.
   */
  @Override
  public EngineFootprint footprint() {
    return new EngineFootprint(0, 1, Long.MAX_VALUE);
  }

  @Override
  protected ForwardResult doForward(double[][][] inputs, LstmState initialState,
      Set<Trace> traces) {
    int batch = inputs.length;
    int steps = inputs[0].length;
    ReferenceRunner run = new ReferenceRunner(params, batch, initialState, true);
    double[][][] hiddenOut = new double[batch][steps][hidden];
    double[][][] out = outputs == 0 ? null : new double[batch][steps][outputs];
    double[][][] cells = traces.contains(Trace.CELL_STATES) ? new double[batch][steps][] : null;
    double[][][][] forget = traces.contains(Trace.FORGET_GATES)
        ? new double[numLayers][batch][steps][hidden] : null;
    double[][][] forgetAtStep = forget == null ? null : new double[numLayers][batch][];
    double[][] x = new double[batch][];
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        x[b] = inputs[b][t];
        if (forget != null) {
          for (int l = 0; l < numLayers; l++) {
            forgetAtStep[l][b] = forget[l][b][t];
          }
        }
      }
      run.step(x, forgetAtStep);
      for (int b = 0; b < batch; b++) {
        run.topHidden(b, hiddenOut[b][t]);
        if (out != null) {
          run.headOutput(b, out[b][t]);
        }
        if (cells != null) {
          cells[b][t] = run.topCell(b);
        }
      }
    }
    return new ForwardResult(hiddenOut, Optional.ofNullable(out), run.state(),
        Optional.ofNullable(cells), Optional.ofNullable(forget));
  }

  @Override
  protected LstmSession doOpenSession(int batchSize) {
    return new ReferenceSession(this, params, batchSize);
  }

  @Override
  protected void doSetForgetBias(int layer, double[] forgetBias) {
    System.arraycopy(forgetBias, 0, params.bias[layer], Gate.FORGET.offset(hidden), hidden);
  }

  @Override
  protected LstmWeights doWeights() {
    return params.toWeights();
  }

  @Override
  protected GradientResult doGradients(double[][][] inputs, double[][][] targets,
      LossTarget loss) {
    ReferenceParameters gradients = ReferenceParameters.zeros(spec());
    double value = new ReferenceBptt(params).lossAndGradients(inputs, targets, loss, gradients);
    return new GradientResult(value, gradients.toWeights());
  }

  @Override
  protected LstmTrainer doOpenTrainer(TrainerConfig config) {
    return new ReferenceTrainer(this, config, params);
  }

  @Override
  protected void doClose() {
    // plain Java memory: nothing to release
  }
}
