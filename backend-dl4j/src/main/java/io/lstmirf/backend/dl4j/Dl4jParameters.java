package io.lstmirf.backend.dl4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import io.lstmirf.api.Gate;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every weight of a model (or every gradient: the same layout holds both) in one flat ND4J vector,
 * with views in the shapes libnd4j's LSTM ops read: per layer {@code Wx [in, 4W]}, {@code Wr [W,
 * 4W]}, {@code b [4W]} with gate blocks i, f, g, o (and a peephole layer's {@code [3W]} p_i, p_f,
 * p_o after them), then the head's {@code [W, O]} and {@code [O]}, where {@code W} is the
 * {@linkplain #width() op width}. One flat vector lets an optimiser, a norm or a clip treat all of
 * them in one native call.
 *
 * <p>Row-major, the vector holds per layer {@code [W_ih | b]} ({@code [4W, in + 1]}: each gate
 * row's input weights, then its bias) and {@code W_hh [4W, W]}, then the head's {@code [O, W]} and
 * {@code [O]}: canonical rows, so the op views are their column-major ('f') transposes. Two things
 * about libnd4j decide this. Its matrix products return 'f' arrays, and its LSTM backprop op
 * accumulates weight gradients into the views with {@code +=}, which runs on a fast contiguous loop
 * only when both sides have the same order (with 'c' views the accumulation took a third of the
 * training step). And {@code [W_ih | b]^T} ({@link Layer#inputWeightsWithBias()}) is the input
 * weight matrix of the same cell fed one more input fixed at 1: training passes run the LSTM ops
 * that way, without a bias argument, which spares every cell op a broadcast bias add and the
 * backprop op a reduction for the bias gradient (7% of the step), while the bias gradient arrives
 * in the last row of the input-weight gradient, where the layout expects it.
 *
 * <p>libnd4j 1.0.0-M2.1's LSTM ops mis-shape a one-unit layer once the batch has more than one row
 * (wrong results from {@code lstm}, a shape error from {@code lstmLayerCell}). A one-unit model
 * therefore runs two units wide: the second unit has all-zero weights and bias, so its cell stays 0
 * and its output {@code 0.5 tanh(0)} is 0, and its zero rows in the next layer's and the head's
 * weights make it feed nothing. Zero terms add exactly, so the real unit's values are unchanged;
 * every gradient of the padding is exactly 0, so training leaves it at 0.
 */
final class Dl4jParameters implements AutoCloseable {

  /**
   * One layer's op-layout views.
   *
   * @param inputWeights {@code Wx [in, 4W]}
   * @param recurrentWeights {@code Wr [W, 4W]}
   * @param bias {@code b [4W]}
   * @param inputWeightsWithBias {@code [in + 1, 4W]}: {@code Wx} over {@code b}, for inputs with a
   *     last column of ones
   * @param peephole a peephole LSTM's {@code [3W]}: p_i, p_f, p_o, each {@code W} long (the order
   *     libnd4j's LSTM ops read, and the canonical one); null without peepholes
   */
  record Layer(
      INDArray inputWeights,
      INDArray recurrentWeights,
      INDArray bias,
      INDArray inputWeightsWithBias,
      INDArray peephole) {}

  private final LstmSpec spec;
  private final int width;
  private final INDArray flat;
  private final List<Layer> layers;
  private final INDArray headWeight;
  private final INDArray headBias;

  private Dl4jParameters(LstmSpec spec, DataType dataType) {
    this.spec = spec;
    width = Math.max(2, spec.hiddenSize());
    flat = Nd4j.zeros(dataType, length(spec, width));
    layers = new ArrayList<>(spec.numLayers());
    long at = 0;
    for (int l = 0; l < spec.numLayers(); l++) {
      int in = inputWidth(l);
      INDArray wxb = transposedView(at, 4L * width, in + 1);
      at += 4L * width * (in + 1);
      INDArray wr = transposedView(at, 4L * width, width);
      at += 4L * width * width;
      INDArray peephole = null;
      if (spec.layerKind(l).peepholes()) {
        peephole = flat.get(interval(at, at + 3L * width));
        at += 3L * width;
      }
      layers.add(
          new Layer(wxb.get(interval(0, in), all()), wr, wxb.get(point(in), all()), wxb, peephole));
    }
    if (spec.hasHead()) {
      int out = spec.headSize().getAsInt();
      headWeight = transposedView(at, out, width);
      at += (long) out * width;
      headBias = flat.get(interval(at, at + out));
    } else {
      headWeight = null;
      headBias = null;
    }
  }

  /** All zeros, for {@code spec}. */
  static Dl4jParameters zeros(LstmSpec spec, DataType dataType) {
    return new Dl4jParameters(spec, dataType);
  }

  /** {@code weights}, in the op layout. */
  static Dl4jParameters of(LstmWeights weights, DataType dataType) {
    Dl4jParameters p = new Dl4jParameters(weights.spec(), dataType);
    p.write(weights);
    return p;
  }

  /** A zero vector of the same layout: a model's gradient buffer. */
  Dl4jParameters zerosLike() {
    return new Dl4jParameters(spec, flat.dataType());
  }

  /** Units per layer as the ops see them: the hidden size, or 2 for a one-unit model. */
  int width() {
    return width;
  }

  /** The whole vector {@code [N]}; the views below share its memory. */
  INDArray flat() {
    return flat;
  }

  Layer layer(int index) {
    return layers.get(index);
  }

  /** The head's {@code [W, O]}, or null without a head. */
  INDArray headWeight() {
    return headWeight;
  }

  /** The head's {@code [O]}, or null without a head. */
  INDArray headBias() {
    return headBias;
  }

  /** Sets the forget-gate bias of one layer's real units. */
  void setForgetBias(int layer, double[] bias) {
    int from = Gate.FORGET.ordinal() * width;
    try (INDArray values = Dl4jArrays.create(new double[][] {bias}, flat.dataType())) {
      layers
          .get(layer)
          .bias()
          .get(interval(from, from + bias.length))
          .assign(values.reshape(bias.length));
    }
  }

  /** Replaces every value with {@code weights} (same spec), padding included. */
  void write(LstmWeights weights) {
    double[] packed = new double[(int) flat.length()];
    int at = 0;
    for (int l = 0; l < spec.numLayers(); l++) {
      LayerWeights w = weights.layer(l);
      int in = inputWidth(l);
      packGates(w.weightIh(), in + 1, 0, packed, at);
      packGates(Matrix.ofRowMajor(w.bias().length, 1, w.bias()), in + 1, in, packed, at);
      at += 4 * width * (in + 1);
      packGates(w.weightHh(), width, 0, packed, at);
      at += 4 * width * width;
      if (spec.layerKind(l).peepholes()) {
        double[] p = w.peephole().orElseThrow();
        int h = spec.hiddenSize();
        for (int k = 0; k < 3; k++) {
          System.arraycopy(p, k * h, packed, at + k * width, h);
        }
        at += 3 * width;
      }
    }
    if (weights.head().isPresent()) {
      HeadWeights head = weights.head().get();
      packRows(head.weight(), width, packed, at);
      at += head.outputSize() * width;
      double[] b = head.bias();
      System.arraycopy(b, 0, packed, at, b.length);
    }
    Dl4jArrays.write(flat, packed);
  }

  /** The values in the canonical layout, without the padding. */
  LstmWeights read() {
    double[] packed = Dl4jArrays.toVector(flat);
    int h = spec.hiddenSize();
    int at = 0;
    List<LayerWeights> canonical = new ArrayList<>(spec.numLayers());
    for (int l = 0; l < spec.numLayers(); l++) {
      int in = inputWidth(l);
      Matrix wx = unpackGates(packed, at, in + 1, 0, spec.layerInputSize(l));
      Matrix b = unpackGates(packed, at, in + 1, in, 1);
      at += 4 * width * (in + 1);
      Matrix wr = unpackGates(packed, at, width, 0, h);
      at += 4 * width * width;
      double[] peephole = null;
      if (spec.layerKind(l).peepholes()) {
        peephole = new double[3 * h];
        for (int k = 0; k < 3; k++) {
          System.arraycopy(packed, at + k * width, peephole, k * h, h);
        }
        at += 3 * width;
      }
      canonical.add(LayerWeights.lstm(wx, wr, b.toRowMajor(), peephole));
    }
    HeadWeights head = null;
    if (spec.hasHead()) {
      int out = spec.headSize().getAsInt();
      Matrix w = unpackRows(packed, at, out, width, h);
      at += out * width;
      head = new HeadWeights(w, java.util.Arrays.copyOfRange(packed, at, at + out));
    }
    return new LstmWeights(canonical, head);
  }

  @Override
  public void close() {
    flat.close();
  }

  /** Columns of layer {@code l}'s input: the inputs, or the op width of the layer below. */
  private int inputWidth(int l) {
    return l == 0 ? spec.inputSize() : width;
  }

  /** An 'f' view {@code [cols, rows]} of the row-major {@code [rows, cols]} block at {@code at}. */
  private INDArray transposedView(long at, long rows, long cols) {
    return flat.get(interval(at, at + rows * cols)).reshape('c', rows, cols).transpose();
  }

  private static long length(LstmSpec spec, int width) {
    long n = 0;
    for (int l = 0; l < spec.numLayers(); l++) {
      n +=
          4L * width * ((l == 0 ? spec.inputSize() : width) + width + 1)
              + (spec.layerKind(l).peepholes() ? 3L * width : 0);
    }
    return n + (spec.hasHead() ? (long) spec.headSize().getAsInt() * (width + 1) : 0);
  }

  /**
   * Writes canonical gate rows {@code m [4H, c]} into a row-major {@code [4W, cols]} block at
   * {@code at}, from column {@code firstCol}: gate k's unit u goes to row {@code k W + u}. Padding
   * rows and columns are left alone (0).
   */
  private void packGates(Matrix m, int cols, int firstCol, double[] out, int at) {
    int h = spec.hiddenSize();
    for (int k = 0; k < 4; k++) {
      for (int u = 0; u < h; u++) {
        packRow(m, k * h + u, out, at + (k * width + u) * cols + firstCol);
      }
    }
  }

  /** Writes {@code m [r, c]} into a row-major {@code [r, cols]} block at {@code at}. */
  private static void packRows(Matrix m, int cols, double[] out, int at) {
    for (int r = 0; r < m.rows(); r++) {
      packRow(m, r, out, at + r * cols);
    }
  }

  private static void packRow(Matrix m, int row, double[] out, int at) {
    for (int j = 0; j < m.cols(); j++) {
      out[at + j] = m.get(row, j);
    }
  }

  /**
   * The canonical {@code [4H, c]} gate rows of a {@code [4W, cols]} block, from {@code firstCol}.
   */
  private Matrix unpackGates(double[] packed, int at, int cols, int firstCol, int c) {
    int h = spec.hiddenSize();
    double[] m = new double[4 * h * c];
    for (int k = 0; k < 4; k++) {
      for (int u = 0; u < h; u++) {
        System.arraycopy(packed, at + (k * width + u) * cols + firstCol, m, (k * h + u) * c, c);
      }
    }
    return Matrix.ofRowMajor(4 * h, c, m);
  }

  private static Matrix unpackRows(double[] packed, int at, int rows, int cols, int c) {
    double[] m = new double[rows * c];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(packed, at + r * cols, m, r * c, c);
    }
    return Matrix.ofRowMajor(rows, c, m);
  }
}
