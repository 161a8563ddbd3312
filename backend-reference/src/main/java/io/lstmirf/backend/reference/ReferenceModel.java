package io.lstmirf.backend.reference;

import io.lstmirf.api.AbstractLstmModel;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Trace;
import io.lstmirf.api.memory.EngineFootprint;
import io.lstmirf.api.train.DropoutMasks;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.Optional;
import java.util.Set;

/**
 * Every variant in plain double-precision Java: LSTMs with and without peepholes, GRUs, forward and
 * bidirectional layers. Weights live in contiguous row-major arrays ({@link ReferenceParameters});
 * whole sequences run on a {@link ReferenceSequence}, sessions on a {@link ReferenceRunner}, whose
 * scratch space is allocated once, never per step. Gradients come from {@link ReferenceBptt},
 * training from {@link ReferenceTrainer}.
 */
final class ReferenceModel extends AbstractLstmModel {
  private final int hidden;
  private final int outputs;

  /** The live weights; trainers update them in place. */
  private final ReferenceParameters params;

  ReferenceModel(LstmWeights weights, ModelOptions options) {
    super(ReferenceBackend.NAME, weights.spec(), options);
    LstmSpec spec = weights.spec();
    hidden = spec.hiddenSize();
    outputs = spec.hasHead() ? spec.headSize().getAsInt() : 0;
    params = ReferenceParameters.of(weights);
  }

  /**
   * Pure Java: no native memory; on the heap, beside the result arrays, a layer's outputs in time
   * order ({@code [T][B*out]}, 8 bytes per element) until the layer above or the result has read
   * them (FootprintProbe, H = 64, 8 x 20000 steps: 8.2 bytes per element). Declared with a fifth
   * more.
   */
  @Override
  public EngineFootprint footprint() {
    return new EngineFootprint(0, 10, Long.MAX_VALUE);
  }

  @Override
  protected ForwardResult doForward(
      double[][][] inputs, LstmState initialState, Set<Trace> traces) {
    ReferenceSequence run = new ReferenceSequence(params, false);
    run.run(
        inputs,
        initialState,
        DropoutMasks.NONE,
        traces.contains(Trace.CELL_STATES),
        traces.contains(Trace.FORGET_GATES));
    int batch = inputs.length;
    int steps = inputs[0].length;
    int width = spec().outputSize();
    double[][][] hiddenOut = new double[batch][steps][width];
    double[][][] out = outputs == 0 ? null : new double[batch][steps][outputs];
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        System.arraycopy(run.top[t], b * width, hiddenOut[b][t], 0, width);
        if (out != null) {
          ReferenceCell.dense(
              params.headWeight, params.headBias, run.top[t], b * width, width, out[b][t], 0);
        }
      }
    }
    return new ForwardResult(
        hiddenOut,
        Optional.ofNullable(out),
        run.finalState(),
        Optional.ofNullable(run.cellTrace),
        Optional.ofNullable(run.gateTrace));
  }

  @Override
  protected LstmSession doOpenSession(int batchSize) {
    return new ReferenceSession(this, params, batchSize);
  }

  @Override
  protected void doSetMemoryGateBias(int layer, double[] bias) {
    for (int d = 0; d < spec().layerKind(layer).directions(); d++) {
      ReferenceParameters.Slot slot = params.slot(layer, d);
      int block = slot.kind.cell().memoryGateBlock();
      System.arraycopy(bias, d * hidden, slot.bias, block * hidden, hidden);
    }
  }

  @Override
  protected LstmWeights doWeights() {
    return params.toWeights();
  }

  @Override
  protected GradientResult doGradients(double[][][] inputs, double[][][] targets, LossTarget loss) {
    ReferenceParameters gradients = ReferenceParameters.zeros(spec());
    double value =
        new ReferenceBptt(params)
            .lossAndGradients(inputs, targets, loss, DropoutMasks.NONE, gradients);
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
