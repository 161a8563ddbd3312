package io.lstmirf.backend.tfjava;

import io.lstmirf.api.EngineException;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.layout.KerasLayout;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.UnsupportedModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * Reads a TensorFlow SavedModel directory through TensorFlow Java ({@code SavedModelBundle} loads
 * the graph and restores the variables) and finds a Keras LSTM model among its variables by Keras'
 * names: per LSTM layer {@code .../kernel [in, 4H]}, {@code .../recurrent_kernel [H, 4H]}, {@code
 * .../bias [4H]} (gates i, f, c, o), and at most one Dense head ({@code .../kernel [H, O]}, {@code
 * .../bias [O]}). Layers are ordered by name ({@code lstm}, {@code lstm_1}, ...) and must chain.
 * Bidirectional wrappers, GRUs and any other variable are refused by name; optimizer slots are
 * skipped.
 */
final class TfJavaSavedModelReader {
  private static final Pattern WEIGHT =
      Pattern.compile("^(.*)/(kernel|recurrent_kernel|bias)(?::0)?$");
  private static final Set<String> VARIABLE_OPS = Set.of("VarHandleOp", "VariableV2", "Variable");
  private static final Pattern OPTIMIZER =
      Pattern.compile(
          "^(optimizer|Adam|AdamW|SGD|RMSprop|Adagrad|Adadelta|Adamax|Nadam|Ftrl)(/|$).*");

  private TfJavaSavedModelReader() {}

  static ImportedModel read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("SavedModel directory " + dir + " does not exist");
    }
    Map<String, Matrix> variables = new TreeMap<>(TfJavaSavedModelReader::byLayerNumber);
    try (SavedModelBundle bundle = load(dir)) {
      Ops tf = Ops.create(bundle.graph());
      Session.Runner runner = bundle.session().runner();
      List<String> names = new ArrayList<>();
      for (Iterator<GraphOperation> it = bundle.graph().operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        if (VARIABLE_OPS.contains(op.type())) {
          String name = variableName(op);
          if (!OPTIMIZER.matcher(name).matches()) {
            names.add(name);
            runner.fetch(
                op.type().equals("VarHandleOp")
                    ? tf.dtypes.cast(tf.readVariableOp(op.output(0), dtype(op)), TFloat64.class)
                    : tf.dtypes.cast(op.output(0), TFloat64.class));
          }
        }
      }
      try (Result r = runner.run()) {
        for (int i = 0; i < names.size(); i++) {
          variables.put(names.get(i), matrix((TFloat64) r.get(i)));
        }
      }
    }
    return interpret(dir.toString(), variables);
  }

  private static SavedModelBundle load(Path dir) {
    try {
      return SavedModelBundle.loader(dir.toString())
          .withTags(TfJavaSavedModelWriter.TAG)
          .withConfigProto(TfJavaEngine.sessionConfig())
          .load();
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          dir
              + " is not a SavedModel TensorFlow Java can load"
              + " with tag '"
              + TfJavaSavedModelWriter.TAG
              + "' ("
              + EngineException.rootCause(e)
              + "); save it with model.export(path) (Keras 3) or tf.saved_model.save",
          e);
    }
  }

  private static ImportedModel interpret(String dir, Map<String, Matrix> variables) {
    Map<String, Map<String, Matrix>> groups = new LinkedHashMap<>();
    for (Map.Entry<String, Matrix> e : variables.entrySet()) {
      Matcher m = WEIGHT.matcher(e.getKey());
      if (!m.matches()) {
        throw new UnsupportedModelException(
            dir + ": variable '" + e.getKey() + "'",
            "a" + " variable of neither an LSTM nor a Dense layer",
            "the canonical model is LSTM" + " layers and one linear head");
      }
      if (m.group(1).contains("backward_") || m.group(1).contains("forward_")) {
        throw new UnsupportedModelException(
            dir + ": '" + m.group(1) + "'",
            "Bidirectional",
            "the canonical LSTM runs forward only");
      }
      groups.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(m.group(2), e.getValue());
    }
    List<LayerWeights> layers = new ArrayList<>();
    List<String> dense = new ArrayList<>();
    for (Map.Entry<String, Map<String, Matrix>> g : groups.entrySet()) {
      String where = dir + ": layer '" + g.getKey() + "'";
      Matrix kernel = g.getValue().get("kernel");
      Matrix recurrent = g.getValue().get("recurrent_kernel");
      if (kernel == null) {
        throw new UnsupportedModelException(
            where, "a layer without a kernel", "only LSTM" + " and Dense layers can be imported");
      }
      if (recurrent == null) {
        dense.add(g.getKey());
        continue;
      }
      if (recurrent.cols() != 4 * recurrent.rows()) {
        throw new UnsupportedModelException(
            where,
            (recurrent.cols() == 3 * recurrent.rows() ? "a GRU" : "a recurrent layer")
                + " (recurrent_kernel "
                + recurrent.shape()
                + ")",
            "only LSTMs (4H gate columns) can be imported");
      }
      if (!layers.isEmpty() && kernel.rows() != layers.get(layers.size() - 1).hiddenSize()) {
        throw new UnsupportedModelException(
            where,
            "kernel "
                + kernel.shape()
                + " after a"
                + " layer of "
                + layers.get(layers.size() - 1).hiddenSize()
                + " units",
            "the LSTM" + " layers, in name order, must feed each other");
      }
      Matrix bias = g.getValue().get("bias");
      double[] b = bias == null ? new double[kernel.cols()] : bias.row(0);
      layers.add(KerasLayout.toCanonical(new KerasLayout.Layer(kernel, recurrent, b)));
    }
    if (layers.isEmpty()) {
      throw new UnsupportedModelException(
          dir, "no LSTM variables (.../recurrent_kernel)", "there is no LSTM to import");
    }
    int hidden = layers.get(layers.size() - 1).hiddenSize();
    if (dense.size() > 1
        || (dense.size() == 1 && groups.get(dense.get(0)).get("kernel").rows() != hidden)) {
      throw new UnsupportedModelException(
          dir + ": layers " + dense,
          dense.size() > 1
              ? "several Dense layers"
              : "a Dense layer not on the LSTM's " + hidden + " units",
          "the canonical model has one linear head on the top LSTM layer");
    }
    HeadWeights head = null;
    if (dense.size() == 1) {
      Matrix kernel = groups.get(dense.get(0)).get("kernel");
      Matrix bias = groups.get(dense.get(0)).get("bias");
      head =
          new HeadWeights(
              kernel.transpose(), bias == null ? new double[kernel.cols()] : bias.row(0));
    }
    return new ImportedModel(
        new LstmWeights(layers, head),
        Optional.empty(),
        ModelFormat.SAVEDMODEL,
        List.of(
            "variables read through TensorFlow Java by Keras'"
                + " names; the graph is not run: the LSTMs are taken to use tanh and sigmoid and"
                + " the Dense head no activation, which variables cannot show"));
  }

  private static String variableName(GraphOperation op) {
    String shared = "";
    try {
      shared = op.attributes().getAttrString("shared_name");
    } catch (RuntimeException e) {
      // VariableV2 without a shared name: the op's name is the variable's
    }
    return shared.isEmpty() ? op.name() : shared;
  }

  @SuppressWarnings("unchecked")
  private static Class<org.tensorflow.types.family.TNumber> dtype(GraphOperation op) {
    String t = op.attributes().getAttrType("dtype").name();
    return (Class<org.tensorflow.types.family.TNumber>)
        (Class<?>)
            (t.contains("DOUBLE")
                ? TFloat64.class
                : t.contains("HALF")
                    ? org.tensorflow.types.TFloat16.class
                    : org.tensorflow.types.TFloat32.class);
  }

  /** A variable as a matrix: 2-D as it is, 1-D as one row. */
  private static Matrix matrix(TFloat64 t) {
    long[] shape = t.shape().asArray();
    int rows = shape.length == 2 ? (int) shape[0] : 1;
    int cols = (int) (shape.length == 0 ? 1 : shape[shape.length - 1]);
    if (shape.length > 2) {
      throw new UnsupportedModelException(
          "variable of shape " + t.shape(),
          "a weight of rank " + shape.length,
          "LSTM and Dense weights are matrices and vectors (a ConvLSTM?)");
    }
    double[] flat = new double[rows * cols];
    t.asRawTensor().data().asDoubles().read(flat);
    return Matrix.ofRowMajor(rows, cols, flat);
  }

  /** lstm < lstm_1 < lstm_2 < ... < lstm_10 < dense: Keras numbers repeated layer names. */
  private static int byLayerNumber(String a, String b) {
    return Comparator.comparing((String s) -> s.replaceAll("_(\\d+)/", "/"))
        .thenComparingInt(
            s -> {
              Matcher m = Pattern.compile("_(\\d+)/").matcher(s);
              return m.find() ? Integer.parseInt(m.group(1)) : 0;
            })
        .compare(a, b);
  }
}
