package io.lstmirf.backend.tfjava;

import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.layout.GateOrder;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ndarray.Shape;

/**
 * The model's parameters as the graph holds them, in a fixed order: per layer the
 * {@code BlockLSTMV2} kernel {@code [in + H, 4H]} and bias {@code [4H]} (canonical gate order,
 * {@link TensorFlowBlockLayout}), then the head's kernel {@code [H, O]} ({@code W_out}
 * transposed, so that {@code y = h K + b}) and bias {@code [O]}. Converts whole weight sets, and
 * gradients (which have the same shapes), between this list and the canonical layout.
 */
final class TfJavaParameters {
  private final LstmSpec spec;

  TfJavaParameters(LstmSpec spec) {
    this.spec = spec;
  }

  /** The number of parameters: two per layer, two for a head. */
  int size() {
    return 2 * spec.numLayers() + (spec.hasHead() ? 2 : 0);
  }

  /** Index of layer {@code l}'s bias. */
  int biasIndex(int layer) {
    return 2 * layer + 1;
  }

  /** Parameter names, used for the graph's variables. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      names.add("layer" + l + "/kernel");
      names.add("layer" + l + "/bias");
    }
    if (spec.hasHead()) {
      names.add("head/kernel");
      names.add("head/bias");
    }
    return names;
  }

  /** Parameter shapes, in order. */
  List<Shape> shapes() {
    int h = spec.hiddenSize();
    List<Shape> shapes = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      shapes.add(Shape.of(spec.layerInputSize(l) + h, 4L * h));
      shapes.add(Shape.of(4L * h));
    }
    spec.headSize().ifPresent(o -> {
      shapes.add(Shape.of(h, o));
      shapes.add(Shape.of(o));
    });
    return shapes;
  }

  /** Canonical weights as row-major parameter values, in order. */
  List<double[]> fromCanonical(LstmWeights weights) {
    List<double[]> values = new ArrayList<>(size());
    for (LayerWeights lw : weights.layers()) {
      TensorFlowBlockLayout.Layer block = TensorFlowBlockLayout.fromCanonical(lw,
          GateOrder.CANONICAL);
      values.add(block.kernel().toRowMajor());
      values.add(block.bias());
    }
    weights.head().ifPresent(head -> {
      values.add(head.weight().transpose().toRowMajor());
      values.add(head.bias());
    });
    return values;
  }

  /** Row-major parameter values (weights or their gradients), in order, as canonical weights. */
  LstmWeights toCanonical(List<double[]> values) {
    int h = spec.hiddenSize();
    List<LayerWeights> layers = new ArrayList<>(spec.numLayers());
    for (int l = 0; l < spec.numLayers(); l++) {
      Matrix kernel = Matrix.ofRowMajor(spec.layerInputSize(l) + h, 4 * h, values.get(2 * l));
      layers.add(TensorFlowBlockLayout.toCanonical(
          new TensorFlowBlockLayout.Layer(kernel, values.get(2 * l + 1)), GateOrder.CANONICAL));
    }
    HeadWeights head = null;
    if (spec.hasHead()) {
      int o = spec.headSize().getAsInt();
      int at = 2 * spec.numLayers();
      head = new HeadWeights(Matrix.ofRowMajor(h, o, values.get(at)).transpose(),
          values.get(at + 1));
    }
    return new LstmWeights(layers, head);
  }
}
