package io.lstmirf.backend.dl4j;

import io.lstmirf.api.AbstractLstmSession;
import io.lstmirf.api.CellKind;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Steps a {@link Dl4jModel} one time step per call with one {@code lstmLayerCell} op per LSTM layer
 * ({@link Dl4jGruOps}' bound step per GRU layer) and one {@code xw_plus_b} for the head. Every
 * array and op context is made when the session opens: the state lives in two buffers per layer
 * that the ops read from and write to in turn (so a step never copies the state), and each op is
 * bound once per buffer parity. A step's only native work besides the ops is one copy of the inputs
 * in and of the results out. Buffers are {@link Dl4jParameters#width()} units wide; only the real
 * units are read or written. The ops read the model's live weights, so a trainer step or a new
 * forget bias shows at the next step.
 */
final class Dl4jSession extends AbstractLstmSession {
  private final Dl4jModel model;
  private final int layers;
  private final int hidden;
  private final INDArray input;

  /** {@code [layer][parity]}: the state is in parity {@link #current}. */
  private final INDArray[][] h;

  private final INDArray[][] c;
  private final INDArray output;

  /**
   * {@code [parity][layer]}: reads state parity p, writes 1 - p; one {@code lstmLayerCell} for an
   * LSTM layer, the ops of {@link Dl4jGruOps#forward} for a GRU layer.
   */
  private final List<List<List<Dl4jLstmOps.BoundOp>>> cells = new ArrayList<>(2);

  /** Per GRU layer the step's values; null for LSTM layers. */
  private final Dl4jGruOps.Step[] gruValues;

  /** {@code [parity]}: the head on the top layer's new hidden state; null without a head. */
  private final Dl4jLstmOps.BoundOp[] heads;

  private final float[] floatInput;
  private final double[] doubleInput;
  private int current;

  Dl4jSession(Dl4jModel model, int batchSize) {
    super(model, batchSize);
    this.model = model;
    LstmSpec spec = model.spec();
    DataType type = model.dataType();
    layers = spec.numLayers();
    hidden = spec.hiddenSize();
    Dl4jParameters w = model.parameters();
    int width = w.width();
    input = Nd4j.create(type, batchSize, spec.inputSize());
    h = new INDArray[layers][2];
    c = new INDArray[layers][2];
    for (int l = 0; l < layers; l++) {
      for (int p = 0; p < 2; p++) {
        h[l][p] = Nd4j.zeros(type, batchSize, width);
        c[l][p] = Nd4j.zeros(type, batchSize, width);
      }
    }
    gruValues = new Dl4jGruOps.Step[layers];
    for (int l = 0; l < layers; l++) {
      if (spec.layerKind(l).cell() == CellKind.GRU) {
        gruValues[l] = Dl4jGruOps.Step.create(type, batchSize, width);
      }
    }
    heads = spec.hasHead() ? new Dl4jLstmOps.BoundOp[2] : null;
    output = spec.hasHead() ? Nd4j.create(type, batchSize, spec.headSize().getAsInt()) : null;
    for (int p = 0; p < 2; p++) {
      List<List<Dl4jLstmOps.BoundOp>> parity = new ArrayList<>(layers);
      cells.add(parity);
      for (int l = 0; l < layers; l++) {
        INDArray x = l == 0 ? input : h[l - 1][1 - p];
        parity.add(
            gruValues[l] != null
                ? Dl4jGruOps.forward(
                    x, false, w.layer(l), h[l][p], h[l][p], h[l][1 - p], gruValues[l])
                : List.of(
                    Dl4jLstmOps.cell(x, w.layer(l), h[l][p], c[l][p], h[l][1 - p], c[l][1 - p])));
      }
      if (heads != null) {
        heads[p] = Dl4jLstmOps.dense(h[layers - 1][1 - p], w.headWeight(), w.headBias(), output);
      }
    }
    int inputs = batchSize * spec.inputSize();
    floatInput = type == DataType.FLOAT ? new float[inputs] : null;
    doubleInput = type == DataType.FLOAT ? null : new double[inputs];
  }

  @Override
  protected StepResult doStep(double[][] inputs) {
    writeInput(inputs);
    for (List<Dl4jLstmOps.BoundOp> layer : cells.get(current)) {
      for (Dl4jLstmOps.BoundOp op : layer) {
        op.run();
      }
    }
    if (heads != null) {
      heads[current].run();
    }
    current = 1 - current;
    return new StepResult(
        Dl4jArrays.toArray2(Dl4jArrays.units(h[layers - 1][current], hidden)),
        heads == null ? Optional.empty() : Optional.of(Dl4jArrays.toArray2(output)));
  }

  private void writeInput(double[][] inputs) {
    int at = 0;
    if (floatInput != null) {
      for (double[] row : inputs) {
        for (double v : row) {
          floatInput[at++] = (float) v;
        }
      }
      input.data().setData(floatInput);
    } else {
      for (double[] row : inputs) {
        System.arraycopy(row, 0, doubleInput, at, row.length);
        at += row.length;
      }
      input.data().setData(doubleInput);
    }
  }

  @Override
  protected LstmState doState() {
    double[][][] hs = new double[layers][][];
    double[][][] cs = new double[layers][][];
    for (int l = 0; l < layers; l++) {
      hs[l] = Dl4jArrays.toArray2(Dl4jArrays.units(h[l][current], hidden));
      cs[l] = Dl4jArrays.toArray2(Dl4jArrays.units(c[l][current], hidden));
    }
    return new LstmState(hs, cs);
  }

  @Override
  protected void doSetState(LstmState state) {
    double[][][] hs = state.h();
    double[][][] cs = state.c();
    DataType type = model.dataType();
    for (int l = 0; l < layers; l++) {
      try (INDArray hl = Dl4jArrays.create(hs[l], type);
          INDArray cl = Dl4jArrays.create(cs[l], type)) {
        Dl4jArrays.units(h[l][current], hidden).assign(hl);
        Dl4jArrays.units(c[l][current], hidden).assign(cl);
      }
    }
  }

  @Override
  protected void doReset() {
    for (int l = 0; l < layers; l++) {
      h[l][current].assign(0);
      c[l][current].assign(0);
    }
  }

  @Override
  protected void doClose() {
    cells.forEach(parity -> parity.forEach(layer -> layer.forEach(Dl4jLstmOps.BoundOp::close)));
    for (Dl4jGruOps.Step values : gruValues) {
      if (values != null) {
        values.close();
      }
    }
    if (heads != null) {
      for (Dl4jLstmOps.BoundOp head : heads) {
        head.close();
      }
      output.close();
    }
    for (int l = 0; l < layers; l++) {
      for (int p = 0; p < 2; p++) {
        h[l][p].close();
        c[l][p].close();
      }
    }
    input.close();
  }
}
