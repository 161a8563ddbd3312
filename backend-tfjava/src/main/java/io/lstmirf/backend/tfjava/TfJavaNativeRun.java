package io.lstmirf.backend.tfjava;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_AllocateTensor;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteTensor;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_FLOAT;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionRun;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_TensorData;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_Operation;
import org.tensorflow.internal.c_api.TF_Output;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.TF_Tensor;

/**
 * One subgraph run, prepared once and repeated through TensorFlow's C API ({@code TF_SessionRun})
 * on native tensor handles that the caller owns: what a session steps with.
 *
 * <p>Why not {@code Session.runner()}: per run it builds a Runner, a native scope, native feed and
 * fetch arrays, a status, a {@code Result} with a name map, and per fetched tensor a Java wrapper
 * that reads its shape and type through JNI; for a step, whose arithmetic is a few microseconds,
 * that Java side was a quarter of the cost. Measured (thread CPU per run, medians of 30 rounds of
 * 10,000 runs alternated in one JVM, load ~2, 2026-12-03, JavaCPP's resident-memory cap off): one
 * Identity 8.6 us through the runner, 3.7 us here; the H = 64, B = 1 step graph with a head ({@link
 * TfJavaGraph.Step}) 28.8 against 21.3 us.
 *
 * <p>The native session handle is private in TensorFlow Java 1.1.0, so {@link #session} reads it by
 * reflection; when that fails (another TensorFlow Java) sessions step through the runner ({@link
 * TfJavaSession}) instead. A run holds no lock of the Java session: callers run under the model's
 * read lock, which its close waits for.
 */
final class TfJavaNativeRun implements AutoCloseable {
  private final TF_Session session;
  private final int feedCount;
  private final int fetchCount;
  private final TF_Output feeds;
  private final TF_Output fetches;
  private final PointerPointer<TF_Tensor> feedValues;
  private final PointerPointer<TF_Tensor> fetchValues;
  private final PointerPointer<TF_Operation> noTargets;
  private final TF_Status status;

  /**
   * Prepares a run of this session.
   *
   * @param session the native session ({@link #session})
   * @param feeds what each run feeds, in {@link #feed} order
   * @param fetches what each run fetches, in {@link #fetched} order
   */
  TfJavaNativeRun(
      TF_Session session, List<? extends Operand<?>> feeds, List<? extends Operand<?>> fetches) {
    this.session = session;
    this.feedCount = feeds.size();
    this.fetchCount = fetches.size();
    this.feeds = outputs(feeds);
    this.fetches = outputs(fetches);
    this.feedValues = new PointerPointer<>(Math.max(1, feedCount));
    this.fetchValues = new PointerPointer<>(Math.max(1, fetchCount));
    this.noTargets = new PointerPointer<>(1);
    this.status = TF_Status.newStatus();
  }

  /** The native handle of a Java session; empty where this TensorFlow Java hides it otherwise. */
  static Optional<TF_Session> session(Session session) {
    try {
      Field f = Session.class.getDeclaredField("nativeHandle");
      f.setAccessible(true);
      return f.get(session) instanceof TF_Session s && !s.isNull()
          ? Optional.of(s)
          : Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static TF_Output outputs(List<? extends Operand<?>> operands) {
    TF_Output array = new TF_Output(Math.max(1, operands.size()));
    for (int i = 0; i < operands.size(); i++) {
      Output<?> o = operands.get(i).asOutput();
      array.position(i).oper(((GraphOperation) o.op()).getUnsafeNativeHandle()).index(o.index());
    }
    return array.position(0);
  }

  /** Sets feed {@code i} of the next runs; the caller keeps owning the tensor. */
  void feed(int i, TF_Tensor tensor) {
    feedValues.put(i, tensor);
  }

  /** Runs once; each fetched tensor is then the caller's to {@link #delete}. */
  void run() {
    TF_SessionRun(
        session,
        null,
        feeds,
        feedValues,
        feedCount,
        fetches,
        fetchValues,
        fetchCount,
        noTargets,
        0,
        null,
        status);
    status.throwExceptionIfNotOK(); // the runner's exceptions: TFInvalidArgumentException, ...
  }

  /** Fetch {@code j} of the last run; the caller owns it. */
  TF_Tensor fetched(int j) {
    return new TF_Tensor(fetchValues.get(j));
  }

  /** A new float tensor of this shape, uninitialised; the caller owns it. */
  static TF_Tensor allocate(long... shape) {
    long size = Float.BYTES;
    for (long d : shape) {
      size *= d;
    }
    TF_Tensor t = TF_AllocateTensor(TF_FLOAT, shape, shape.length, size);
    if (t == null || t.isNull()) {
      throw new OutOfMemoryError("TensorFlow could not allocate a tensor of " + size + " bytes");
    }
    return t;
  }

  /** A float tensor's first values into {@code into[at ...]}, as many as fit. */
  static void read(TF_Tensor tensor, float[] into, int at) {
    read(tensor, into, at, into.length - at);
  }

  /** A float tensor's first {@code length} values into {@code into[at ...]}. */
  static void read(TF_Tensor tensor, float[] into, int at, int length) {
    new FloatPointer(TF_TensorData(tensor)).get(into, at, length);
  }

  /** Overwrites a float tensor's first values with {@code values[at ...]}. */
  static void write(TF_Tensor tensor, float[] values, int at) {
    write(tensor, values, at, values.length - at);
  }

  /** Overwrites a float tensor's first {@code length} values with {@code values[at ...]}. */
  static void write(TF_Tensor tensor, float[] values, int at, int length) {
    new FloatPointer(TF_TensorData(tensor)).put(values, at, length);
  }

  /** Frees a tensor a run returned or {@link #allocate} made; null is ignored. */
  static void delete(TF_Tensor tensor) {
    if (tensor != null && !tensor.isNull()) {
      TF_DeleteTensor(tensor);
    }
  }

  /** Frees the native arrays; the tensors are the caller's. */
  @Override
  public void close() {
    feeds.close();
    fetches.close();
    feedValues.close();
    fetchValues.close();
    noTargets.close();
    status.close();
  }
}
