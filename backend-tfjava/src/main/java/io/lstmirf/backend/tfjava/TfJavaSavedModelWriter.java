package io.lstmirf.backend.tfjava;

import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.Precision;
import io.lstmirf.api.io.AtomicFiles;
import io.lstmirf.api.layout.KerasLayout;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Writes the canonical model as a TensorFlow SavedModel through TensorFlow Java's own exporter
 * ({@code SavedModelBundle.exporter}). The variables are named (shared name and op path) and laid
 * out as a Keras LSTM's: {@code lstm/lstm_cell/kernel [in, 4H]}, {@code recurrent_kernel [H, 4H]},
 * {@code bias [4H]} (gates i, f, c, o), then {@code lstm_1/...}, and {@code dense/kernel [H, O]},
 * {@code dense/bias [O]}, so {@link TfJavaSavedModelReader} (and any tool that looks for Keras'
 * names) reads them back. The {@code serving_default} signature computes the model in float32 with
 * BlockLSTMV2: input {@code "input" [B, T, I]}, outputs {@code "output" [B, T, O]} (or {@code [B,
 * T, H]} without a head), {@code "h_n"} and {@code "c_n" [L, B, H]}, from a zero state. Float64
 * variables (cast for the computation) keep every weight exactly.
 */
final class TfJavaSavedModelWriter {
  /** The tag TensorFlow's serving tools load. */
  static final String TAG = SavedModelBundle.DEFAULT_TAG;

  private TfJavaSavedModelWriter() {}

  static void write(LstmWeights weights, java.nio.file.Path dir, Precision precision) {
    AtomicFiles.writeDirectory(
        dir,
        tmp -> {
          try (Graph graph = new Graph();
              Session session = new Session(graph, TfJavaEngine.sessionConfig())) {
            Signature signature = build(graph, session, weights, precision == Precision.FLOAT64);
            // the exporter wants to create the directory itself
            java.nio.file.Files.delete(tmp);
            SavedModelBundle.exporter(tmp.toString())
                .withTags(TAG)
                .withSession(session)
                .withSignature(signature)
                .export();
          }
        });
  }

  private static Signature build(Graph graph, Session session, LstmWeights w, boolean f64) {
    Ops tf = Ops.create(graph);
    LstmSpec spec = w.spec();
    Session.Runner load = session.runner();
    List<Tensor> values = new ArrayList<>();
    try {
      Placeholder<TFloat32> input =
          tf.withName("input")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, spec.inputSize())));
      Operand<TFloat32> x = tf.linalg.transpose(input, tf.constant(new int[] {1, 0, 2}));
      Operand<TInt64> shape = tf.shape(x, TInt64.class);
      Operand<TInt64> steps = tf.stridedSlice(shape, Indices.at(0));
      Operand<TInt64> batch = tf.stridedSlice(shape, Indices.at(1));
      Operand<TFloat32> zeros =
          tf.zeros(tf.stack(List.of(batch, tf.constant((long) spec.hiddenSize()))), TFloat32.class);
      Operand<TFloat32> noPeephole =
          tf.zeros(tf.constant(new long[] {spec.hiddenSize()}), TFloat32.class);
      List<Operand<TFloat32>> hn = new ArrayList<>();
      List<Operand<TFloat32>> cn = new ArrayList<>();
      for (int l = 0; l < spec.numLayers(); l++) {
        String scope = l == 0 ? "lstm" : "lstm_" + l;
        KerasLayout.Layer k = KerasLayout.fromCanonical(w.layer(l));
        Operand<TFloat32> kernel =
            variable(tf, load, values, scope + "/lstm_cell/kernel", k.kernel(), f64);
        Operand<TFloat32> recurrent =
            variable(
                tf, load, values, scope + "/lstm_cell/recurrent_kernel", k.recurrentKernel(), f64);
        Operand<TFloat32> bias =
            variable(
                tf,
                load,
                values,
                scope + "/lstm_cell/bias",
                Matrix.ofRowMajor(1, k.bias().length, k.bias()),
                f64);
        // Keras' gates i, f, c, o are BlockLSTMV2's i, f, g, o; w = [kernel; recurrent_kernel]
        Operand<TFloat32> fused = tf.concat(List.of(kernel, recurrent), tf.constant(0));
        BlockLSTM<TFloat32> block =
            tf.nn.blockLSTM(
                steps,
                x,
                zeros,
                zeros,
                fused,
                noPeephole,
                noPeephole,
                noPeephole,
                tf.reshape(bias, tf.constant(new long[] {-1})),
                BlockLSTM.usePeephole(false),
                BlockLSTM.cellClip(0f));
        x = block.h();
        hn.add(tf.stridedSlice(block.h(), Indices.at(-1)));
        cn.add(tf.stridedSlice(block.cs(), Indices.at(-1)));
      }
      Operand<TFloat32> y = x;
      if (w.head().isPresent()) {
        HeadWeights h = w.head().get();
        Operand<TFloat32> kernel =
            variable(tf, load, values, "dense/kernel", h.weight().transpose(), f64);
        Operand<TFloat32> bias =
            variable(
                tf,
                load,
                values,
                "dense/bias",
                Matrix.ofRowMajor(1, h.outputSize(), h.bias()),
                f64);
        Operand<TFloat32> rows = tf.reshape(x, tf.constant(new long[] {-1, spec.hiddenSize()}));
        Operand<TFloat32> out =
            tf.math.add(
                tf.linalg.matMul(rows, kernel), tf.reshape(bias, tf.constant(new long[] {-1})));
        y =
            tf.reshape(
                out,
                tf.concat(
                    List.of(
                        tf.slice(shape, tf.constant(new long[] {0}), tf.constant(new long[] {2})),
                        tf.constant(new long[] {h.outputSize()})),
                    tf.constant(0)));
      }
      load.run().close();
      return Signature.builder()
          .key(Signature.DEFAULT_KEY)
          .input("input", input)
          .output("output", tf.linalg.transpose(y, tf.constant(new int[] {1, 0, 2})))
          .output("h_n", tf.stack(hn))
          .output("c_n", tf.stack(cn))
          .build();
    } finally {
      values.forEach(Tensor::close);
    }
  }

  /**
   * A resource variable named as Keras names it, loaded with {@code value} in the run {@code load}
   * collects, and its float32 read for the computation.
   */
  @SuppressWarnings("unchecked")
  private static <T extends TFloating> org.tensorflow.op.Op assign(
      Ops tf, Variable<T> variable, Placeholder<? extends TFloating> feed) {
    return tf.assign(variable, (Operand<T>) feed);
  }

  private static Operand<TFloat32> variable(
      Ops tf, Session.Runner load, List<Tensor> values, String name, Matrix value, boolean f64) {
    Shape shape =
        name.endsWith("bias") ? Shape.of(value.cols()) : Shape.of(value.rows(), value.cols());
    Class<? extends TFloating> type = f64 ? TFloat64.class : TFloat32.class;
    Ops scoped = tf;
    String[] path = name.split("/");
    for (int i = 0; i < path.length - 1; i++) {
      scoped = scoped.withSubScope(path[i]); // op names take no '/': scopes make the path
    }
    // A reference variable (VariableV2): TensorFlow Java's exporter saves those (its saver
    // collects VariableV2 ops only); the reader takes resource variables too, as Keras saves.
    Variable<? extends TFloating> variable =
        scoped.withName(path[path.length - 1]).variable(shape, type, Variable.sharedName(name));
    Tensor t =
        f64
            ? TFloat64.tensorOf(shape, DataBuffers.of(value.toRowMajor(), true, false))
            : TFloat32.tensorOf(shape, DataBuffers.of(value.toFloatRowMajor(), true, false));
    values.add(t);
    Placeholder<? extends TFloating> feed = tf.placeholder(type, Placeholder.shape(shape));
    load.feed(feed, t).addTarget(assign(tf, variable, feed));
    Operand<? extends TFloating> read = variable;
    return tf.dtypes.cast(read, TFloat32.class);
  }
}
