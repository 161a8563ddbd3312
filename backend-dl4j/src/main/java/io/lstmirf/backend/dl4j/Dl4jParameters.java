package io.lstmirf.backend.dl4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every weight of a model (or every gradient: the same layout holds both) in one flat ND4J vector,
 * with views in the shapes libnd4j's ops read. Per layer and direction ({@link #layer(int, int)},
 * forward then backward) {@code Wx [in, G W]}, {@code Wr [W, G W]}, {@code b [G W]} with G gate
 * blocks: an LSTM's i, f, g, o, then a peephole layer's {@code [3W]} p_i, p_f, p_o; a GRU's r, z,
 * n, then its {@code b_hn [W]}. Then the head's {@code [D W, O]} and {@code [O]}, where {@code W}
 * is the {@linkplain #width() op width} and D the top layer's directions. A layer above a
 * bidirectional one reads {@code in = 2W} inputs: the forward direction's W units, then the
 * backward's. One flat vector lets an optimiser, a norm or a clip treat all of them in one native
 * call.
 *
 * <p>Row-major, the vector holds per layer and direction {@code [W_ih | b]} ({@code [G W, in + 1]}:
 * each gate row's input weights, then its bias) and {@code W_hh [G W, W]}, then the head's {@code
 * [O, D W]} and {@code [O]}: canonical rows, so the op views are their column-major ('f')
 * transposes. Two things about libnd4j decide this. Its matrix products return 'f' arrays, and its
 * LSTM backprop op accumulates weight gradients into the views with {@code +=}, which runs on a
 * fast contiguous loop only when both sides have the same order (with 'c' views the accumulation
 * took a third of the training step). And {@code [W_ih | b]^T} ({@link
 * Layer#inputWeightsWithBias()}) is the input weight matrix of the same cell fed one more input
 * fixed at 1: training passes run the cells that way, without a bias argument, which spares every
 * cell op a broadcast bias add and the backprop op a reduction for the bias gradient (7% of the
 * step), while the bias gradient arrives in the last row of the input-weight gradient, where the
 * layout expects it.
 *
 * <p>libnd4j 1.0.0-M2.1's LSTM ops mis-shape a one-unit layer once the batch has more than one row
 * (wrong results from {@code lstm}, a shape error from {@code lstmLayerCell}). A one-unit model
 * therefore runs two units wide: the second unit has all-zero weights and bias, so its state stays
 * 0 (an LSTM's output {@code 0.5 tanh(0)}, a GRU's {@code 0.5 tanh(0) + 0.5 h}), and its zero rows
 * in the next layer's and the head's weights make it feed nothing. Zero terms add exactly, so the
 * real unit's values are unchanged; every gradient of the padding is exactly 0, so training leaves
 * it at 0.
 */
final class Dl4jParameters implements AutoCloseable {

  /**
   * One direction of one layer, as op-layout views.
   *
   * @param inputWeights {@code Wx [in, G W]}
   * @param recurrentWeights {@code Wr [W, G W]}
   * @param bias {@code b [G W]}
   * @param inputWeightsWithBias {@code [in + 1, G W]}: {@code Wx} over {@code b}, for inputs with a
   *     last column of ones
   * @param peephole a peephole LSTM's {@code [3W]}: p_i, p_f, p_o, each {@code W} long (the order
   *     libnd4j's LSTM ops read, and the canonical one); null otherwise
   * @param recurrentBias a GRU's {@code b_hn [W]}; null for an LSTM
   */
  record Layer(
      INDArray inputWeights,
      INDArray recurrentWeights,
      INDArray bias,
      INDArray inputWeightsWithBias,
      INDArray peephole,
      INDArray recurrentBias) {}

  private final LstmSpec spec;
  private final int width;
  private final INDArray flat;

  /** {@code [layer][direction]}. */
  private final Layer[][] layers;

  private final INDArray headWeight;
  private final INDArray headBias;

  private Dl4jParameters(LstmSpec spec, DataType dataType) {
    this.spec = spec;
    width = Math.max(2, spec.hiddenSize());
    flat = Nd4j.zeros(dataType, length(spec, width));
    layers = new Layer[spec.numLayers()][];
    long at = 0;
    for (int l = 0; l < spec.numLayers(); l++) {
      LayerKind kind = spec.layerKind(l);
      int in = inputWidth(l);
      long rows = (long) kind.cell().gates() * width;
      layers[l] = new Layer[kind.directions()];
      for (int d = 0; d < kind.directions(); d++) {
        INDArray wxb = transposedView(at, rows, in + 1);
        at += rows * (in + 1);
        INDArray wr = transposedView(at, rows, width);
        at += rows * width;
        INDArray peephole = null;
        INDArray recurrentBias = null;
        if (kind.peepholes()) {
          peephole = flat.get(interval(at, at + 3L * width));
          at += 3L * width;
        }
        if (kind.cell() == CellKind.GRU) {
          recurrentBias = flat.get(interval(at, at + width));
          at += width;
        }
        layers[l][d] =
            new Layer(
                wxb.get(interval(0, in), all()),
                wr,
                wxb.get(point(in), all()),
                wxb,
                peephole,
                recurrentBias);
      }
    }
    if (spec.hasHead()) {
      int out = spec.headSize().getAsInt();
      headWeight = transposedView(at, out, outputWidth(spec.numLayers() - 1));
      at += (long) out * outputWidth(spec.numLayers() - 1);
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

  /** Units per layer and direction as the ops see them: the hidden size, or 2 for one unit. */
  int width() {
    return width;
  }

  /** The whole vector {@code [N]}; the views below share its memory. */
  INDArray flat() {
    return flat;
  }

  /** The forward direction of layer {@code index}. */
  Layer layer(int index) {
    return layers[index][0];
  }

  /** Direction {@code direction} (0 forward, 1 backward) of layer {@code index}. */
  Layer layer(int index, int direction) {
    return layers[index][direction];
  }

  /** The head's {@code [D W, O]}, or null without a head. */
  INDArray headWeight() {
    return headWeight;
  }

  /** The head's {@code [O]}, or null without a head. */
  INDArray headBias() {
    return headBias;
  }

  /**
   * Sets the memory-gate bias (block 1: an LSTM's f, a GRU's z) of one layer's real units, {@code
   * bias [D H]}, forward direction first.
   */
  void setMemoryGateBias(int layer, double[] bias) {
    int h = spec.hiddenSize();
    int from = spec.layerKind(layer).cell().memoryGateBlock() * width;
    for (int d = 0; d < layers[layer].length; d++) {
      double[] part = java.util.Arrays.copyOfRange(bias, d * h, (d + 1) * h);
      try (INDArray values = Dl4jArrays.create(new double[][] {part}, flat.dataType())) {
        layers[layer][d].bias().get(interval(from, from + h)).assign(values.reshape(h));
      }
    }
  }

  /** Replaces every value with {@code weights} (same spec), padding included. */
  void write(LstmWeights weights) {
    double[] packed = new double[(int) flat.length()];
    int at = 0;
    int h = spec.hiddenSize();
    for (int l = 0; l < spec.numLayers(); l++) {
      LayerKind kind = spec.layerKind(l);
      int gates = kind.cell().gates();
      int in = inputWidth(l);
      IntUnaryOperator column = inputColumn(l);
      for (int d = 0; d < kind.directions(); d++) {
        LayerWeights w = weights.layer(l).direction(d);
        packGates(w.weightIh(), gates, in + 1, column, packed, at);
        int bias = in;
        packGates(
            Matrix.ofRowMajor(w.bias().length, 1, w.bias()), gates, in + 1, j -> bias, packed, at);
        at += gates * width * (in + 1);
        packGates(w.weightHh(), gates, width, j -> j, packed, at);
        at += gates * width * width;
        if (kind.peepholes()) {
          double[] p = w.peephole().orElseThrow();
          for (int k = 0; k < 3; k++) {
            System.arraycopy(p, k * h, packed, at + k * width, h);
          }
          at += 3 * width;
        }
        if (kind.cell() == CellKind.GRU) {
          System.arraycopy(w.recurrentBias().orElseThrow(), 0, packed, at, h);
          at += width;
        }
      }
    }
    if (weights.head().isPresent()) {
      HeadWeights head = weights.head().get();
      int cols = outputWidth(spec.numLayers() - 1);
      Matrix m = head.weight();
      IntUnaryOperator column = outputColumn();
      for (int r = 0; r < m.rows(); r++) {
        for (int j = 0; j < m.cols(); j++) {
          packed[at + r * cols + column.applyAsInt(j)] = m.get(r, j);
        }
      }
      at += head.outputSize() * cols;
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
      LayerKind kind = spec.layerKind(l);
      int gates = kind.cell().gates();
      int in = inputWidth(l);
      LayerWeights[] directions = new LayerWeights[kind.directions()];
      for (int d = 0; d < kind.directions(); d++) {
        Matrix wx = unpackGates(packed, at, gates, in + 1, inputColumn(l), spec.layerInputSize(l));
        Matrix b = unpackGates(packed, at, gates, in + 1, j -> in, 1);
        at += gates * width * (in + 1);
        Matrix wr = unpackGates(packed, at, gates, width, j -> j, h);
        at += gates * width * width;
        if (kind.cell() == CellKind.GRU) {
          double[] recurrentBias = java.util.Arrays.copyOfRange(packed, at, at + h);
          at += width;
          directions[d] = LayerWeights.gru(wx, wr, b.toRowMajor(), recurrentBias);
        } else {
          double[] peephole = null;
          if (kind.peepholes()) {
            peephole = new double[3 * h];
            for (int k = 0; k < 3; k++) {
              System.arraycopy(packed, at + k * width, peephole, k * h, h);
            }
            at += 3 * width;
          }
          directions[d] = LayerWeights.lstm(wx, wr, b.toRowMajor(), peephole);
        }
      }
      canonical.add(
          directions.length == 1 ? directions[0] : directions[0].bidirectional(directions[1]));
    }
    HeadWeights head = null;
    if (spec.hasHead()) {
      int out = spec.headSize().getAsInt();
      int cols = outputWidth(spec.numLayers() - 1);
      int canonicalCols = spec.outputSize();
      IntUnaryOperator column = outputColumn();
      double[] w = new double[out * canonicalCols];
      for (int r = 0; r < out; r++) {
        for (int j = 0; j < canonicalCols; j++) {
          w[r * canonicalCols + j] = packed[at + r * cols + column.applyAsInt(j)];
        }
      }
      at += out * cols;
      head =
          new HeadWeights(
              Matrix.ofRowMajor(out, canonicalCols, w),
              java.util.Arrays.copyOfRange(packed, at, at + out));
    }
    return new LstmWeights(canonical, head);
  }

  @Override
  public void close() {
    flat.close();
  }

  /** Columns of layer {@code l}'s input: the inputs, or the op outputs of the layer below. */
  private int inputWidth(int l) {
    return l == 0 ? spec.inputSize() : outputWidth(l - 1);
  }

  /** Op outputs of layer {@code l}: {@code W} per direction. */
  private int outputWidth(int l) {
    return spec.layerKind(l).directions() * width;
  }

  /** The op column of layer {@code l}'s canonical input column {@code j}. */
  private IntUnaryOperator inputColumn(int l) {
    return l == 0 ? j -> j : this::padded;
  }

  /** The op column of the top layer's canonical output {@code j}. */
  private IntUnaryOperator outputColumn() {
    return this::padded;
  }

  /** Canonical output {@code j} of a layer (direction {@code j / H}) in op units. */
  private int padded(int j) {
    int h = spec.hiddenSize();
    return j / h * width + j % h;
  }

  /** An 'f' view {@code [cols, rows]} of the row-major {@code [rows, cols]} block at {@code at}. */
  private INDArray transposedView(long at, long rows, long cols) {
    return flat.get(interval(at, at + rows * cols)).reshape('c', rows, cols).transpose();
  }

  private static long length(LstmSpec spec, int width) {
    long n = 0;
    long in = spec.inputSize();
    for (int l = 0; l < spec.numLayers(); l++) {
      LayerKind kind = spec.layerKind(l);
      long perDirection =
          (long) kind.cell().gates() * width * (in + width + 1)
              + (kind.peepholes() ? 3L * width : 0)
              + (kind.cell() == CellKind.GRU ? width : 0);
      n += kind.directions() * perDirection;
      in = (long) kind.directions() * width;
    }
    return n + (spec.hasHead() ? (long) spec.headSize().getAsInt() * (in + 1) : 0);
  }

  /**
   * Writes canonical gate rows {@code m [G H, c]} into a row-major {@code [G W, cols]} block at
   * {@code at}, canonical column j to column {@code column(j)}: gate k's unit u goes to row {@code
   * k W + u}. Padding rows and columns are left alone (0).
   */
  private void packGates(
      Matrix m, int gates, int cols, IntUnaryOperator column, double[] out, int at) {
    int h = spec.hiddenSize();
    for (int k = 0; k < gates; k++) {
      for (int u = 0; u < h; u++) {
        int row = at + (k * width + u) * cols;
        for (int j = 0; j < m.cols(); j++) {
          out[row + column.applyAsInt(j)] = m.get(k * h + u, j);
        }
      }
    }
  }

  /** The canonical {@code [G H, c]} gate rows of a {@code [G W, cols]} block, by {@code column}. */
  private Matrix unpackGates(
      double[] packed, int at, int gates, int cols, IntUnaryOperator column, int c) {
    int h = spec.hiddenSize();
    double[] m = new double[gates * h * c];
    for (int k = 0; k < gates; k++) {
      for (int u = 0; u < h; u++) {
        int row = at + (k * width + u) * cols;
        for (int j = 0; j < c; j++) {
          m[(k * h + u) * c + j] = packed[row + column.applyAsInt(j)];
        }
      }
    }
    return Matrix.ofRowMajor(gates * h, c, m);
  }
}
