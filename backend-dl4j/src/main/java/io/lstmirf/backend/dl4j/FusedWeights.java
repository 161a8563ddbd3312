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
 * The LSTM weights in the layout libnd4j's fused LSTM ops take: {@code Wx [in, 4H]},
 * {@code Wr [H, 4H]}, {@code b [4H]} with gate blocks i, f, g, o. The network's parameters (gate
 * blocks g, f, o, i) stay the one source of truth; these are copies made inside the engine,
 * refreshed only when the parameters have changed since the last copy. The arrays are allocated
 * once and refreshed in place, so ops bound to them stay valid. The head needs no reordering and
 * is read straight from the network's parameters.
 */
final class FusedWeights implements AutoCloseable {

  /** One layer's op-layout weights. */
  record Layer(INDArray inputWeights, INDArray recurrentWeights, INDArray bias) {}

  /**
   * Zero peephole {@code [3H]} and projection {@code [H, H]} weights: the {@code lstm} op takes
   * them as inputs even when configured not to use them.
   */
  record Unused(INDArray peepholes, INDArray projection) {}

  private final LstmSpec spec;
  private final MultiLayerNetwork network;
  private final List<Layer> layers;
  private final INDArray headWeight;
  private final INDArray headBias;
  private final Unused unused;
  private long version = -1;

  FusedWeights(LstmSpec spec, DataType dataType, MultiLayerNetwork network) {
    this.spec = spec;
    this.network = network;
    int h = spec.hiddenSize();
    layers = new ArrayList<>(spec.numLayers());
    for (int l = 0; l < spec.numLayers(); l++) {
      layers.add(new Layer(Nd4j.create(dataType, spec.layerInputSize(l), 4L * h),
          Nd4j.create(dataType, h, 4L * h), Nd4j.create(dataType, 4L * h)));
    }
    unused = new Unused(Nd4j.zeros(dataType, 3L * h), Nd4j.zeros(dataType, h, h));
    if (spec.hasHead()) {
      // views of the output layer's parameters: W [H, O], b [O]
      headWeight = Dl4jNetwork.headWeight(network);
      headBias = Dl4jNetwork.headBias(network);
    } else {
      headWeight = null;
      headBias = null;
    }
  }

  Layer layer(int index) {
    return layers.get(index);
  }

  Unused unused() {
    return unused;
  }

  /** The head's {@code W [H, O]}, or null without a head. */
  INDArray headWeight() {
    return headWeight;
  }

  /** The head's {@code b [O]}, or null without a head. */
  INDArray headBias() {
    return headBias;
  }

  /** Re-copies the LSTM weights from the network unless they are already at {@code current}. */
  void refresh(long current) {
    if (version == current) {
      return;
    }
    int h = spec.hiddenSize();
    for (int l = 0; l < layers.size(); l++) {
      Layer to = layers.get(l);
      Dl4jNetwork.LayerParams from = Dl4jNetwork.layerParams(network, l);
      INDArray bias = from.bias();
      for (Gate gate : Gate.values()) {
        int dst = gate.offset(h);
        int src = GateOrder.DL4J.gates().indexOf(gate) * h;
        to.inputWeights().get(all(), interval(dst, dst + h))
            .assign(from.inputWeights().get(all(), interval(src, src + h)));
        to.recurrentWeights().get(all(), interval(dst, dst + h))
            .assign(from.recurrentWeights().get(all(), interval(src, src + h)));
        to.bias().get(interval(dst, dst + h)).assign(bias.get(interval(src, src + h)));
      }
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
  }
}
