package io.lstmirf.backend.reference;

import io.lstmirf.api.AbstractLstmModel;
import io.lstmirf.api.AbstractLstmSession;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.Gate;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.StepResult;
import io.lstmirf.api.Trace;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The canonical LSTM in plain double-precision Java. Weights live in contiguous row-major arrays
 * ({@link Parameters}); states are {@code [layer][batch * H]}; scratch space is allocated once per
 * call, never per step. Gradients come from {@link Bptt}, training from {@link ReferenceTrainer}.
 */
final class ReferenceModel extends AbstractLstmModel {
  private final int inputSize;
  private final int hidden;
  private final int numLayers;
  private final int outputs;
  /** The live weights; trainers update them in place. */
  private final Parameters params;

  ReferenceModel(LstmWeights weights, ModelOptions options) {
    super(ReferenceBackend.NAME, weights.spec(), options);
    LstmSpec spec = weights.spec();
    inputSize = spec.inputSize();
    hidden = spec.hiddenSize();
    numLayers = spec.numLayers();
    outputs = spec.hasHead() ? spec.headSize().getAsInt() : 0;
    params = Parameters.of(weights);
  }

  /** Scratch and state for running a batch; one per call or session. */
  private final class Runner {
    final int batch;
    final double[][] h;
    final double[][] c;
    final double[] z = new double[4 * hidden];
    final double[] gates = new double[4 * hidden];
    /**
     * A whole-sequence call snapshots the transposed weights (nothing trains during it); a
     * session, which must see every trainer step, reads the live weights (null here).
     */
    final TransposedWeights transposed;

    Runner(int batch, LstmState initial, boolean snapshotWeights) {
      this.batch = batch;
      this.transposed = snapshotWeights ? new TransposedWeights(params) : null;
      h = new double[numLayers][batch * hidden];
      c = new double[numLayers][batch * hidden];
      if (initial != null) {
        load(initial);
      }
    }

    void load(LstmState state) {
      double[][][] hs = state.h();
      double[][][] cs = state.c();
      for (int l = 0; l < numLayers; l++) {
        for (int b = 0; b < batch; b++) {
          System.arraycopy(hs[l][b], 0, h[l], b * hidden, hidden);
          System.arraycopy(cs[l][b], 0, c[l], b * hidden, hidden);
        }
      }
    }

    void clear() {
      for (int l = 0; l < numLayers; l++) {
        Arrays.fill(h[l], 0);
        Arrays.fill(c[l], 0);
      }
    }

    /**
     * Advances every layer one step on {@code x[b]} (the inputs of batch row b at this step).
     * If {@code forget} is non-null, stores layer l's forget gates of row b at
     * {@code forget[l][b]}.
     */
    void step(double[][] x, double[][][] forget) {
      for (int l = 0; l < numLayers; l++) {
        for (int b = 0; b < batch; b++) {
          int off = b * hidden;
          double[] in = l == 0 ? x[b] : h[l - 1];
          int inOffset = l == 0 ? 0 : off;
          int inSize = l == 0 ? inputSize : hidden;
          if (transposed != null) {
            CellMath.preActivationsTransposed(transposed.weightIh[l], transposed.weightHh[l],
                params.bias[l], in, inOffset, inSize, h[l], off, hidden, z);
          } else {
            CellMath.preActivations(params.weightIh[l], params.weightHh[l], params.bias[l], in,
                inOffset, inSize, h[l], off, hidden, z);
          }
          CellMath.update(z, h[l], c[l], off, hidden, forget == null ? null : gates, 0);
          if (forget != null) {
            System.arraycopy(gates, Gate.FORGET.offset(hidden), forget[l][b], 0, hidden);
          }
        }
      }
    }

    void topHidden(int b, double[] out) {
      System.arraycopy(h[numLayers - 1], b * hidden, out, 0, hidden);
    }

    double[] topCell(int b) {
      return Arrays.copyOfRange(c[numLayers - 1], b * hidden, (b + 1) * hidden);
    }

    void headOutput(int b, double[] out) {
      CellMath.dense(params.headWeight, params.headBias, h[numLayers - 1], b * hidden, hidden,
          out, 0);
    }

    LstmState state() {
      double[][][] hs = new double[numLayers][batch][hidden];
      double[][][] cs = new double[numLayers][batch][hidden];
      for (int l = 0; l < numLayers; l++) {
        for (int b = 0; b < batch; b++) {
          System.arraycopy(h[l], b * hidden, hs[l][b], 0, hidden);
          System.arraycopy(c[l], b * hidden, cs[l][b], 0, hidden);
        }
      }
      return new LstmState(hs, cs);
    }
  }

  @Override
  protected ForwardResult doForward(double[][][] inputs, LstmState initialState,
      Set<Trace> traces) {
    int batch = inputs.length;
    int steps = inputs[0].length;
    Runner run = new Runner(batch, initialState, true);
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
    return new Session(batchSize);
  }

  private final class Session extends AbstractLstmSession {
    private final Runner run;

    Session(int batchSize) {
      super(ReferenceModel.this, batchSize);
      run = new Runner(batchSize, null, false);
    }

    @Override
    protected StepResult doStep(double[][] inputs) {
      run.step(inputs, null);
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
    Parameters gradients = Parameters.zeros(spec());
    double value = new Bptt(params).lossAndGradients(inputs, targets, loss, gradients);
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
