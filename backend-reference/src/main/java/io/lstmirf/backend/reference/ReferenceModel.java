package io.lstmirf.backend.reference;

import io.lstmirf.api.AbstractLstmModel;
import io.lstmirf.api.AbstractLstmSession;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.Gate;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.StepResult;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.api.Trace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The canonical LSTM in plain double-precision Java. Weights live in contiguous row-major arrays;
 * states are {@code [layer][batch * H]}; scratch space is allocated once per call, never per step.
 */
final class ReferenceModel extends AbstractLstmModel {
  private final int inputSize;
  private final int hidden;
  private final int numLayers;
  private final double[][] weightIh;
  private final double[][] weightHh;
  private final double[][] bias;
  private final double[] headWeight;
  private final double[] headBias;
  private final int outputs;

  ReferenceModel(LstmWeights weights, ModelOptions options) {
    super(ReferenceBackend.NAME, weights.spec(), options);
    LstmSpec spec = weights.spec();
    inputSize = spec.inputSize();
    hidden = spec.hiddenSize();
    numLayers = spec.numLayers();
    weightIh = new double[numLayers][];
    weightHh = new double[numLayers][];
    bias = new double[numLayers][];
    for (int l = 0; l < numLayers; l++) {
      LayerWeights lw = weights.layer(l);
      weightIh[l] = lw.weightIh().toRowMajor();
      weightHh[l] = lw.weightHh().toRowMajor();
      bias[l] = lw.bias();
    }
    HeadWeights head = weights.head().orElse(null);
    headWeight = head == null ? null : head.weight().toRowMajor();
    headBias = head == null ? null : head.bias();
    outputs = head == null ? 0 : head.outputSize();
  }

  /** Scratch and state for running a batch; one per call or session. */
  private final class Runner {
    final int batch;
    final double[][] h;
    final double[][] c;
    final double[] z = new double[4 * hidden];
    final double[] gates = new double[4 * hidden];

    Runner(int batch, LstmState initial) {
      this.batch = batch;
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
          if (l == 0) {
            CellMath.preActivations(weightIh[0], weightHh[0], bias[0], x[b], 0, inputSize, h[0],
                off, hidden, z);
          } else {
            CellMath.preActivations(weightIh[l], weightHh[l], bias[l], h[l - 1], off, hidden,
                h[l], off, hidden, z);
          }
          CellMath.update(z, h[l], c[l], off, hidden, forget == null ? null : gates);
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
      int off = b * hidden;
      double[] top = h[numLayers - 1];
      for (int o = 0; o < outputs; o++) {
        double s = headBias[o];
        int w = o * hidden;
        for (int k = 0; k < hidden; k++) {
          s += headWeight[w + k] * top[off + k];
        }
        out[o] = s;
      }
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
    Runner run = new Runner(batch, initialState);
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
      run = new Runner(batchSize, null);
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
    System.arraycopy(forgetBias, 0, bias[layer], Gate.FORGET.offset(hidden), hidden);
  }

  @Override
  protected LstmWeights doWeights() {
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < numLayers; l++) {
      int in = spec().layerInputSize(l);
      layers.add(new LayerWeights(Matrix.ofRowMajor(4 * hidden, in, weightIh[l]),
          Matrix.ofRowMajor(4 * hidden, hidden, weightHh[l]), bias[l]));
    }
    HeadWeights head = outputs == 0 ? null
        : new HeadWeights(Matrix.ofRowMajor(outputs, hidden, headWeight), headBias);
    return new LstmWeights(layers, head);
  }

  @Override
  protected GradientResult doGradients(double[][][] inputs, double[][][] targets,
      LossTarget loss) {
    throw new UnsupportedOperationException("reference gradients: not implemented yet");
  }

  @Override
  protected LstmTrainer doOpenTrainer(TrainerConfig config) {
    throw new UnsupportedOperationException("reference training: not implemented yet");
  }

  @Override
  protected void doClose() {
    // plain Java memory: nothing to release
  }
}
