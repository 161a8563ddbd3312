package io.lstmirf.backend.dl4j;

import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.io.AtomicFiles;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.UnsupportedModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Deeplearning4j {@code ModelSerializer} zips, read and written by DL4J itself: a {@link
 * MultiLayerNetwork} of {@link LSTM} layers (tanh, sigmoid gates) and at most one linear head
 * ({@link RnnOutputLayer}, {@code OutputLayer} or {@link DenseLayer} with the identity activation).
 * Parameters go through {@link Dl4jLayout}, never by hand: DL4J's {@code setParam} checks only a
 * parameter's length. {@code forgetGateBiasInit} only initialises and dropout only trains, so
 * neither matters to a saved model.
 */
final class Dl4jModelFiles {
  private Dl4jModelFiles() {}

  /** Reads a ModelSerializer zip of a MultiLayerNetwork. */
  static ImportedModel read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("model file " + file + " does not exist");
    }
    MultiLayerNetwork net;
    try {
      net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(
          file
              + " is not a DL4J MultiLayerNetwork zip"
              + " (ModelSerializer.writeModel): "
              + io.lstmirf.api.EngineException.rootCause(e)
              + (String.valueOf(e.getMessage()).contains("ComputationGraph")
                  ? ""
                  : "; a" + " ComputationGraph is not read: save the model as a MultiLayerNetwork"),
          e);
    }
    try {
      return interpret(file.toString(), net);
    } finally {
      net.close();
    }
  }

  private static ImportedModel interpret(String file, MultiLayerNetwork net) {
    List<LayerWeights> layers = new ArrayList<>();
    HeadWeights head = null;
    int n = net.getnLayers();
    for (int i = 0; i < n; i++) {
      Layer conf = net.getLayerWiseConfigurations().getConf(i).getLayer();
      String where =
          file
              + ": layer "
              + i
              + " ("
              + conf.getClass().getSimpleName()
              + (conf.getLayerName() == null ? "" : " '" + conf.getLayerName() + "'")
              + ")";
      if (head != null) {
        throw new UnsupportedModelException(
            where,
            "a layer after the head",
            "the canonical" + " model ends with its one linear head");
      }
      if (conf.getClass() == LSTM.class) {
        LSTM lstm = (LSTM) conf;
        requireActivation(where, "activation", lstm.getActivationFn(), ActivationTanH.class);
        requireActivation(
            where, "gateActivationFunction", lstm.getGateActivationFn(), ActivationSigmoid.class);
        org.deeplearning4j.nn.api.Layer live = net.getLayer(i);
        layers.add(
            Dl4jLayout.toCanonical(
                new Dl4jLayout.Layer(
                    Dl4jArrays.toMatrix(live.getParam("W")),
                    Dl4jArrays.toMatrix(live.getParam("RW")),
                    Dl4jArrays.toVector(live.getParam("b")))));
      } else if (!layers.isEmpty()
          && (conf instanceof BaseOutputLayer || conf.getClass() == DenseLayer.class)) {
        requireActivation(
            where, "activation", ((BaseLayer) conf).getActivationFn(), ActivationIdentity.class);
        org.deeplearning4j.nn.api.Layer live = net.getLayer(i);
        INDArray w = live.getParam("W");
        INDArray b = live.getParam("b");
        head =
            new HeadWeights(
                Dl4jArrays.toMatrix(w).transpose(),
                b == null ? new double[(int) w.size(1)] : Dl4jArrays.toVector(b));
      } else {
        throw new UnsupportedModelException(
            where,
            conf.getClass().getSimpleName(),
            "the canonical model is LSTM layers (org.deeplearning4j.nn.conf.layers.LSTM) and at"
                + " most one linear output or dense layer after them");
      }
    }
    if (layers.isEmpty()) {
      throw new UnsupportedModelException(
          file, "a network without an LSTM layer", "there is nothing to import");
    }
    return new ImportedModel(
        new LstmWeights(layers, head),
        Optional.empty(),
        ModelFormat.DL4J,
        List.of("read through DL4J " + Dl4jBuild.BUILT.dl4j() + " (ModelSerializer)"));
  }

  private static void requireActivation(
      String where, String what, IActivation actual, Class<? extends IActivation> expected) {
    if (actual == null || actual.getClass() != expected) {
      throw new UnsupportedModelException(
          where,
          what + " " + actual,
          "the canonical model"
              + " needs "
              + expected
                  .getSimpleName()
                  .replace("Activation", "")
                  .toUpperCase(java.util.Locale.ROOT)
              + " here");
    }
  }

  /** Writes a MultiLayerNetwork of the weights, parameters in {@code precision}, no updater. */
  static void write(LstmWeights weights, Path file, Precision precision) {
    LstmSpec spec = weights.spec();
    NeuralNetConfiguration.ListBuilder list =
        new NeuralNetConfiguration.Builder().dataType(Dl4jArrays.dataType(precision)).list();
    for (int l = 0; l < spec.numLayers(); l++) {
      list.layer(
          new LSTM.Builder()
              .nIn(spec.layerInputSize(l))
              .nOut(spec.hiddenSize())
              .activation(new ActivationTanH())
              .gateActivationFunction(new ActivationSigmoid())
              .build());
    }
    weights
        .head()
        .ifPresent(
            h ->
                list.layer(
                    new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(spec.hiddenSize())
                        .nOut(h.outputSize())
                        .activation(new ActivationIdentity())
                        .build()));
    MultiLayerConfiguration conf = list.build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    try {
      net.init();
      for (int l = 0; l < spec.numLayers(); l++) {
        Dl4jLayout.Layer d = Dl4jLayout.fromCanonical(weights.layer(l));
        set(
            net,
            l,
            "W",
            Dl4jArrays.create(
                d.inputWeights().toArray(), net.getLayer(l).getParam("W").dataType()));
        set(
            net,
            l,
            "RW",
            Dl4jArrays.create(
                d.recurrentWeights().toArray(), net.getLayer(l).getParam("RW").dataType()));
        set(
            net,
            l,
            "b",
            Dl4jArrays.create(new double[][] {d.bias()}, net.getLayer(l).getParam("b").dataType()));
      }
      if (weights.head().isPresent()) {
        HeadWeights h = weights.head().get();
        int i = spec.numLayers();
        set(
            net,
            i,
            "W",
            Dl4jArrays.create(
                h.weight().transpose().toArray(), net.getLayer(i).getParam("W").dataType()));
        set(
            net,
            i,
            "b",
            Dl4jArrays.create(new double[][] {h.bias()}, net.getLayer(i).getParam("b").dataType()));
      }
      AtomicFiles.write(file, tmp -> ModelSerializer.writeModel(net, tmp.toFile(), false));
    } finally {
      net.close();
    }
  }

  /** Assigns a parameter of exactly its shape (setParam alone would take any of its length). */
  private static void set(MultiLayerNetwork net, int layer, String key, INDArray value) {
    INDArray param = net.getLayer(layer).getParam(key);
    long[] shape = param.shape();
    // a bias vector is built as one row; DL4J keeps it as [4H] or [1, 4H]
    try (INDArray v =
        value.rank() == 2 && value.size(0) == 1 && shape.length == 1
            ? value.reshape(shape)
            : value) {
      if (!java.util.Arrays.equals(v.shape(), shape)) {
        throw new IllegalStateException(
            "DL4J parameter "
                + key
                + " of layer "
                + layer
                + " has shape "
                + java.util.Arrays.toString(shape)
                + ", the layout gave "
                + java.util.Arrays.toString(v.shape()));
      }
      param.assign(v);
    }
  }
}
