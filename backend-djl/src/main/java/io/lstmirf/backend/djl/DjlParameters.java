package io.lstmirf.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.lstmirf.api.Gate;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's weights as engine arrays in PyTorch's LSTM layout ({@link PyTorchLayout}): per layer
 * {@code W_ih}, {@code W_hh}, {@code b_ih} (the whole canonical bias) and {@code b_hh} (zeros,
 * never trained, so that each bias is learned once, as on every other engine), and the head's
 * {@code W} and {@code b}. One set of arrays serves forward passes, sessions, gradients and
 * trainers, so a change made through one is seen by all.
 */
final class DjlParameters {
  private final LstmSpec spec;
  private final DataType dataType;
  private final NDManager manager;
  private final List<NDList> layers = new ArrayList<>();
  private final NDList lstmParameters = new NDList();
  private final NDArray headWeight;
  private final NDArray headBias;
  private final List<Trainable> trainable = new ArrayList<>();

  /**
   * A weight the optimiser updates, with the name its state is kept under.
   *
   * @param name unique within the model, e.g. {@code layers.0.weightIh}
   * @param array the live engine array
   */
  record Trainable(String name, NDArray array) {}

  /** Converts {@code weights} once and copies them into arrays owned by {@code manager}. */
  DjlParameters(NDManager manager, LstmWeights weights, DataType dataType) {
    this.spec = weights.spec();
    this.dataType = dataType;
    this.manager = manager;
    for (int l = 0; l < spec.numLayers(); l++) {
      PyTorchLayout.Layer p = PyTorchLayout.fromCanonical(weights.layer(l));
      NDList layer = new NDList(matrix(p.weightIh()), matrix(p.weightHh()),
          vector(p.biasIh()), vector(p.biasHh()));
      layers.add(layer);
      // torch::lstm takes (w_ih, w_hh, b_ih, b_hh) for each layer in turn.
      lstmParameters.addAll(layer);
      trainable.add(new Trainable("layers." + l + ".weightIh", layer.get(0)));
      trainable.add(new Trainable("layers." + l + ".weightHh", layer.get(1)));
      trainable.add(new Trainable("layers." + l + ".bias", layer.get(2)));
    }
    HeadWeights head = weights.head().orElse(null);
    headWeight = head == null ? null : matrix(head.weight());
    headBias = head == null ? null : vector(head.bias());
    if (head != null) {
      trainable.add(new Trainable("head.weight", headWeight));
      trainable.add(new Trainable("head.bias", headBias));
    }
  }

  LstmSpec spec() {
    return spec;
  }

  DataType dataType() {
    return dataType;
  }

  /** Every layer's parameters in the order PyTorch's multi-layer LSTM op takes them. */
  NDList lstmParameters() {
    return lstmParameters;
  }

  /** One layer's {@code (W_ih, W_hh, b_ih, b_hh)}. */
  NDList layer(int layer) {
    return layers.get(layer);
  }

  boolean hasHead() {
    return headWeight != null;
  }

  /** The head's {@code W [O x H]}; only when {@link #hasHead()}. */
  NDArray headWeight() {
    return headWeight;
  }

  /** The head's {@code b [O]}; only when {@link #hasHead()}. */
  NDArray headBias() {
    return headBias;
  }

  /** The weights training changes: everything but the frozen {@code b_hh}. */
  List<Trainable> trainable() {
    return trainable;
  }

  /** The arrays of {@link #trainable()}, in the same order. */
  List<NDArray> trainableArrays() {
    return trainable.stream().map(Trainable::array).toList();
  }

  /** Overwrites the forget-gate block of one layer's {@code b_ih} in place. */
  void setForgetBias(int layer, double[] bias) {
    int h = spec.hiddenSize();
    int from = Gate.FORGET.offset(h);
    try (NDArray value = DjlArrays.create(manager, bias, new Shape(h), dataType)) {
      layers.get(layer).get(2).set(new NDIndex("{}:{}", from, from + h), value);
    }
  }

  /** Reads the arrays back into the canonical layout, widening float32 exactly. */
  LstmWeights toCanonical() {
    List<LayerWeights> out = new ArrayList<>();
    for (NDList layer : layers) {
      out.add(PyTorchLayout.toCanonical(new PyTorchLayout.Layer(readMatrix(layer.get(0)),
          readMatrix(layer.get(1)), DjlArrays.read(layer.get(2)), DjlArrays.read(layer.get(3)))));
    }
    HeadWeights head = hasHead()
        ? new HeadWeights(readMatrix(headWeight), DjlArrays.read(headBias)) : null;
    return new LstmWeights(out, head);
  }

  /**
   * Arranges one value array per {@link #trainable()} weight, in that order, as canonical
   * weights. For gradients this is exact: PyTorch's layout equals the canonical one for the
   * matrices, and the canonical bias's gradient is {@code b_ih}'s (the cell adds the frozen
   * {@code b_hh} to the same pre-activation).
   */
  LstmWeights arrange(List<double[]> values) {
    List<LayerWeights> out = new ArrayList<>();
    int at = 0;
    int h = spec.hiddenSize();
    for (int l = 0; l < spec.numLayers(); l++) {
      out.add(new LayerWeights(Matrix.ofRowMajor(4 * h, spec.layerInputSize(l), values.get(at)),
          Matrix.ofRowMajor(4 * h, h, values.get(at + 1)), values.get(at + 2)));
      at += 3;
    }
    HeadWeights head = null;
    if (hasHead()) {
      head = new HeadWeights(Matrix.ofRowMajor(spec.responseSize(), h, values.get(at)),
          values.get(at + 1));
    }
    return new LstmWeights(out, head);
  }

  private NDArray matrix(Matrix m) {
    return DjlArrays.create(manager, m.toRowMajor(), new Shape(m.rows(), m.cols()), dataType);
  }

  private NDArray vector(double[] v) {
    return DjlArrays.create(manager, v, new Shape(v.length), dataType);
  }

  private static Matrix readMatrix(NDArray array) {
    Shape s = array.getShape();
    return Matrix.ofRowMajor((int) s.get(0), (int) s.get(1), DjlArrays.read(array));
  }
}
