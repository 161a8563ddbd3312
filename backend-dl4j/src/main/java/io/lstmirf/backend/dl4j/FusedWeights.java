package io.lstmirf.backend.dl4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import io.lstmirf.api.Gate;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.layout.GateOrder;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weights in the layout libnd4j's fused LSTM ops take: per layer {@code Wx [in, 4W]},
 * {@code Wr [W, 4W]}, {@code b [4W]} with gate blocks i, f, g, o, and the head's
 * {@code [W, O]}, where {@code W} is the {@linkplain #width() op width}. The network's parameters
 * (gate blocks g, f, o, i) stay the one source of truth; these are copies made inside the engine
 * and refreshed only when the parameters have changed since the last copy. They are allocated once
 * and refreshed in place, so ops bound to them stay valid.
 *
 * <p>libnd4j 1.0.0-M2.1's LSTM ops mis-shape a one-unit layer once the batch has more than one row
 * (wrong results from {@code lstm}, a shape error from {@code lstmLayerCell}). A one-unit model
 * therefore runs two units wide: the second has all-zero weights and bias, so its cell stays 0,
 * its output {@code 0.5 tanh(0)} is 0, and its zero rows in the next layer's and the head's
 * weights make it feed nothing. Zero terms add exactly, so the real unit's values are unchanged.
 */
final class FusedWeights implements AutoCloseable {

  /** One layer's op-layout weights. */
  record Layer(INDArray inputWeights, INDArray recurrentWeights, INDArray bias) {}

  /**
   * Zero peephole {@code [3W]} and projection {@code [W, W]} weights: the {@code lstm} op takes
   * them as inputs even when configured not to use them.
   */
  record Unused(INDArray peepholes, INDArray projection) {}

  private final LstmSpec spec;
  private final MultiLayerNetwork network;
  private final int width;
  private final List<Layer> layers;
  private final INDArray headWeight;
  private final INDArray headBias;
  private final Unused unused;
  private long version = -1;

  FusedWeights(LstmSpec spec, DataType dataType, MultiLayerNetwork network) {
    this.spec = spec;
    this.network = network;
    width = Math.max(2, spec.hiddenSize());
    layers = new ArrayList<>(spec.numLayers());
    for (int l = 0; l < spec.numLayers(); l++) {
      long in = l == 0 ? spec.inputSize() : width;
      layers.add(new Layer(Nd4j.zeros(dataType, in, 4L * width),
          Nd4j.zeros(dataType, width, 4L * width), Nd4j.zeros(dataType, 4L * width)));
    }
    unused = new Unused(Nd4j.zeros(dataType, 3L * width), Nd4j.zeros(dataType, width, width));
    if (spec.hasHead()) {
      headWeight = Nd4j.zeros(dataType, width, spec.headSize().getAsInt());
      headBias = Dl4jNetwork.headBias(network); // a view: [O] needs no padding
    } else {
      headWeight = null;
      headBias = null;
    }
  }

  /** Units per layer as the ops see them: the hidden size, or 2 for a one-unit model. */
  int width() {
    return width;
  }

  Layer layer(int index) {
    return layers.get(index);
  }

  Unused unused() {
    return unused;
  }

  /** The head's {@code W [W, O]}, or null without a head. */
  INDArray headWeight() {
    return headWeight;
  }

  /** The head's {@code b [O]}, or null without a head. */
  INDArray headBias() {
    return headBias;
  }

  /** Re-copies the weights from the network unless they are already at {@code current}. */
  void refresh(long current) {
    if (version == current) {
      return;
    }
    int h = spec.hiddenSize();
    for (int l = 0; l < layers.size(); l++) {
      Layer to = layers.get(l);
      Dl4jNetwork.LayerParams from = Dl4jNetwork.layerParams(network, l);
      long in = spec.layerInputSize(l);
      for (Gate gate : Gate.values()) {
        int dst = gate.ordinal() * width;
        int src = GateOrder.DL4J.gates().indexOf(gate) * h;
        to.inputWeights().get(interval(0, in), interval(dst, dst + h))
            .assign(from.inputWeights().get(all(), interval(src, src + h)));
        to.recurrentWeights().get(interval(0, h), interval(dst, dst + h))
            .assign(from.recurrentWeights().get(all(), interval(src, src + h)));
        to.bias().get(interval(dst, dst + h)).assign(from.bias().get(interval(src, src + h)));
      }
    }
    if (headWeight != null) {
      headWeight.get(interval(0, h), all()).assign(Dl4jNetwork.headWeight(network));
    }
    version = current;
  }

  @Override
  public void close() {
    for (Layer l : layers) {
      l.inputWeights().close();
      l.recurrentWeights().close();
      l.bias().close();
    }
    unused.peepholes().close();
    unused.projection().close();
    if (headWeight != null) {
      headWeight.close();
    }
  }
}
