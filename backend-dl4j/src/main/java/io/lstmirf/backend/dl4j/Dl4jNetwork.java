package io.lstmirf.backend.dl4j;

import static org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.layout.Dl4jLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.layers.recurrent.RnnLossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The canonical LSTM as a DL4J {@link MultiLayerNetwork}: one DL4J {@code LSTM} layer per
 * canonical layer (tanh activation and sigmoid gates set explicitly: DL4J's inherited default
 * activation is sigmoid), then an MSE output layer, a dense {@code RnnOutputLayer} for the head or
 * a parameterless {@code RnnLossLayer} on the top hidden state without one. Every layer uses
 * DL4J's default {@code [batch, features, time]} (NCW): in 1.0.0-M2.1 {@code RnnLossLayer} ignores
 * NWC for its labels.
 *
 * <p>This class also maps the network's parameters, and its gradients, which share their layout,
 * to and from the canonical layout, through {@link Dl4jLayout}.
 */
final class Dl4jNetwork {
  private Dl4jNetwork() {}

  /**
   * One LSTM layer's parameters (or gradients) in DL4J's layout: W {@code [in, 4H]}, RW
   * {@code [H, 4H]}, b {@code [4H]}.
   */
  record LayerParams(INDArray inputWeights, INDArray recurrentWeights, INDArray bias) {}

  /**
   * Builds a network for {@code spec}.
   *
   * @param updater the optimiser that {@link Updater} applies (NoOp where only gradients are taken)
   * @param parameters a flattened parameter vector to use in place, shared with other networks of
   *     the same spec; null to allocate a new one
   */
  static MultiLayerNetwork create(LstmSpec spec, DataType dataType, IUpdater updater,
      INDArray parameters) {
    int h = spec.hiddenSize();
    NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
        .dataType(dataType)
        .updater(updater)
        // Scores and gradients stay sums over the batch; the model scales them to the
        // canonical mean itself (TrainingBatch.lossScale), and the updater must not divide again.
        .miniBatch(false)
        .weightInit(WeightInit.ZERO) // every parameter is written or shared before use
        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
        .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
        .cacheMode(CacheMode.DEVICE)
        .list();
    for (int l = 0; l < spec.numLayers(); l++) {
      layers.layer(l, new LSTM.Builder()
          .nIn(spec.layerInputSize(l))
          .nOut(h)
          .activation(Activation.TANH)
          .gateActivationFunction(Activation.SIGMOID)
          .build());
    }
    if (spec.hasHead()) {
      layers.layer(spec.numLayers(), new RnnOutputLayer.Builder(MSE)
          .nIn(h)
          .nOut(spec.headSize().getAsInt())
          .activation(Activation.IDENTITY)
          .build());
    } else {
      layers.layer(spec.numLayers(),
          new org.deeplearning4j.nn.conf.layers.RnnLossLayer.Builder(MSE)
          .activation(Activation.IDENTITY)
          .build());
    }
    MultiLayerConfiguration conf = layers.backpropType(BackpropType.Standard).build();
    MultiLayerNetwork network = new MultiLayerNetwork(conf);
    network.init(parameters, false);
    return network;
  }

  /** Views of LSTM layer {@code layer}'s parameters. */
  static LayerParams layerParams(MultiLayerNetwork network, int layer) {
    return of(network.getLayer(layer).paramTable());
  }

  /** The head's weight view {@code [H, O]}. */
  static INDArray headWeight(MultiLayerNetwork network) {
    return network.getOutputLayer().getParam(DefaultParamInitializer.WEIGHT_KEY);
  }

  /** The head's bias view {@code [O]}. */
  static INDArray headBias(MultiLayerNetwork network) {
    return asVector(network.getOutputLayer().getParam(DefaultParamInitializer.BIAS_KEY));
  }

  /**
   * A bias parameter (or gradient) as a rank-1 view of the same memory: DL4J has stored biases
   * both as {@code [n]} and as {@code [1, n]} across versions.
   */
  static INDArray asVector(INDArray bias) {
    if (bias.rank() == 1) {
      return bias;
    }
    if (bias.rank() == 2 && bias.rows() == 1) {
      return bias.get(NDArrayIndex.point(0), NDArrayIndex.all());
    }
    throw new IllegalStateException("DL4J bias of shape " + Arrays.toString(bias.shape())
        + " is not a vector");
  }

  /** Writes canonical weights into the network's parameters, checking every shape. */
  static void write(MultiLayerNetwork network, LstmWeights weights) {
    for (int l = 0; l < weights.numLayers(); l++) {
      Dl4jLayout.Layer d = Dl4jLayout.fromCanonical(weights.layer(l));
      LayerParams p = layerParams(network, l);
      assign(p.inputWeights(), d.inputWeights());
      assign(p.recurrentWeights(), d.recurrentWeights());
      assign(p.bias(), d.bias());
    }
    weights.head().ifPresent(head -> {
      assign(headWeight(network), head.weight().transpose());
      assign(headBias(network), head.bias());
    });
  }

  /** The network's parameters in the canonical layout. */
  static LstmWeights parameters(MultiLayerNetwork network, LstmSpec spec) {
    List<LayerParams> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      layers.add(layerParams(network, l));
    }
    return toCanonical(spec, layers,
        spec.hasHead() ? headWeight(network) : null, spec.hasHead() ? headBias(network) : null);
  }

  /**
   * The gradients of the network's last {@code computeGradientAndScore} in the canonical layout:
   * gradients share the parameters' layout, so the same conversion applies, and DL4J's single
   * bias makes the bias entry the gradient of the canonical bias.
   */
  static LstmWeights gradients(MultiLayerNetwork network, LstmSpec spec) {
    Map<String, INDArray> g = network.gradient().gradientForVariable();
    List<LayerParams> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      layers.add(new LayerParams(g.get(l + "_" + LSTMParamInitializer.INPUT_WEIGHT_KEY),
          g.get(l + "_" + LSTMParamInitializer.RECURRENT_WEIGHT_KEY),
          asVector(g.get(l + "_" + LSTMParamInitializer.BIAS_KEY))));
    }
    String head = spec.numLayers() + "_";
    return toCanonical(spec, layers,
        spec.hasHead() ? g.get(head + DefaultParamInitializer.WEIGHT_KEY) : null,
        spec.hasHead() ? asVector(g.get(head + DefaultParamInitializer.BIAS_KEY)) : null);
  }

  /**
   * Computes the loss of {@code batch} and its gradient into the network's gradient view, both
   * scaled from DL4J's sum to the canonical mean.
   *
   * @return the canonical loss (mean squared error over every target element)
   */
  static double computeGradient(MultiLayerNetwork network, TrainingBatch batch) {
    network.setInput(batch.features());
    network.setLabels(batch.labels());
    network.setLayerMaskArrays(null, batch.labelMask());
    network.computeGradientAndScore();
    network.getFlattenedGradients().muli(batch.lossScale());
    return network.score() * scoreScale(network, batch);
  }

  /** The canonical loss of {@code batch}, without gradients. */
  static double loss(MultiLayerNetwork network, TrainingBatch batch) {
    double score = network.score(batch.asDataSet(), false);
    clearBatch(network);
    return score * scoreScale(network, batch);
  }

  /**
   * Canonical loss / DL4J score. DL4J 1.0.0-M2.1's {@code RnnLossLayer} divides its score (not
   * its gradient) by the batch size even with {@code miniBatch(false)}; {@code RnnOutputLayer}
   * does not.
   */
  private static double scoreScale(MultiLayerNetwork network, TrainingBatch batch) {
    return network.getOutputLayer() instanceof RnnLossLayer
        ? batch.lossScale() * batch.size() : batch.lossScale();
  }

  /**
   * Drops the network's references to the last batch and its activations. (Not
   * {@code MultiLayerNetwork.clear()}: that also discards the updater and with it Adam's moments.)
   */
  static void clearBatch(MultiLayerNetwork network) {
    network.clearLayerMaskArrays();
    for (Layer layer : network.getLayers()) {
      layer.clear();
    }
    network.setLabels(null);
    network.setInput(null);
  }

  /**
   * Frees a network's gradient and optimiser memory now. The parameters are left alone: they may
   * be shared with the model.
   */
  static void releaseTrainingMemory(MultiLayerNetwork network) {
    clearBatch(network);
    Updater updater = network.getUpdater(false);
    if (updater != null && updater.getStateViewArray() != null) {
      updater.getStateViewArray().close();
    }
    INDArray gradients = network.getFlattenedGradients();
    if (gradients != null) {
      gradients.close();
    }
  }

  private static LayerParams of(Map<String, INDArray> table) {
    return new LayerParams(table.get(LSTMParamInitializer.INPUT_WEIGHT_KEY),
        table.get(LSTMParamInitializer.RECURRENT_WEIGHT_KEY),
        asVector(table.get(LSTMParamInitializer.BIAS_KEY)));
  }

  private static LstmWeights toCanonical(LstmSpec spec, List<LayerParams> layers,
      INDArray headWeight, INDArray headBias) {
    List<LayerWeights> canonical = new ArrayList<>(layers.size());
    for (LayerParams p : layers) {
      canonical.add(Dl4jLayout.toCanonical(new Dl4jLayout.Layer(NdArrays.toMatrix(
          p.inputWeights()), NdArrays.toMatrix(p.recurrentWeights()),
          NdArrays.toVector(p.bias()))));
    }
    HeadWeights head = headWeight == null ? null : new HeadWeights(
        NdArrays.toMatrix(headWeight).transpose(), NdArrays.toVector(headBias));
    return new LstmWeights(canonical, head);
  }

  /** Copies {@code values} into a rank-1 parameter view, refusing a length mismatch. */
  private static void assign(INDArray target, double[] values) {
    if (target.rank() != 1 || target.length() != values.length) {
      throw new IllegalStateException("DL4J bias of shape " + Arrays.toString(target.shape())
          + " cannot take " + values.length + " canonical values");
    }
    long[] shape = {values.length};
    try (INDArray source = target.dataType() == DataType.FLOAT
        ? Nd4j.create(FlatArrays.toFloat(values), shape, 'c')
        : Nd4j.create(values, shape, 'c')) {
      target.assign(source);
    }
  }

  /** Copies {@code values} into a parameter view, refusing a shape mismatch (DL4J would not). */
  private static void assign(INDArray target, Matrix values) {
    long[] expected = {values.rows(), values.cols()};
    if (!Arrays.equals(target.shape(), expected)) {
      throw new IllegalStateException("DL4J parameter of shape " + Arrays.toString(target.shape())
          + " cannot take canonical values of shape " + values.shape());
    }
    try (INDArray source = target.dataType() == DataType.FLOAT
        ? Nd4j.create(values.toFloatRowMajor(), expected, 'c')
        : Nd4j.create(values.toRowMajor(), expected, 'c')) {
      target.assign(source);
    }
  }
}
