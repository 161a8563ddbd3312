package io.lstmirf.api.memory;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.Precision;
import io.lstmirf.api.Trace;
import io.lstmirf.api.memory.InsufficientMemoryException.Kind;
import java.util.Locale;
import java.util.Set;

/**
 * Estimates what a request needs from its shapes and the engine's {@link EngineFootprint}, compares
 * it with what the process can use ({@link MemoryLimits}), and refuses what does not fit with one
 * message before anything is allocated: an OutOfMemoryError half-way, or the kernel killing the
 * process without a word, is the alternative.
 */
public final class MemoryCheck {
  /**
   * System property: the native memory one engine call may take, in bytes (default 256 MiB). Larger
   * batches are run in pieces of at most this much, so that a long batch costs time, not memory.
   */
  public static final String CALL_BUDGET_PROPERTY = "lstmirf.memory.callBytes";

  static final long DEFAULT_CALL_BUDGET = 256L << 20;

  private MemoryCheck() {}

  /**
   * How a forward pass will run.
   *
   * @param rowsPerCall sequences per engine call (the whole batch unless it is too large)
   * @param heapBytes the Java heap it needs at its peak
   * @param nativeBytesPerCall the engine's native memory per call
   */
  public record ForwardPlan(int rowsPerCall, long heapBytes, long nativeBytesPerCall) {}

  /**
   * Plans a forward pass of {@code batch} sequences of {@code steps} on {@code model}: as many
   * sequences per engine call as fit the call budget, and a refusal if one sequence does not fit
   * the machine or the results do not fit the heap.
   *
   * @param keepResults whether every sequence's results are kept until the end (a library call);
   *     false when each call's results are written out before the next (streaming)
   * @param what the request, for the message: {@code "a forward pass of 64 sequences x ..."}
   * @param fix what the caller can do, for the message: {@code "pass fewer sequences per call"}
   * @throws InsufficientMemoryException if it cannot fit
   */
  public static ForwardPlan forward(
      LstmModel model,
      int batch,
      int steps,
      Set<Trace> traces,
      boolean keepResults,
      String what,
      String fix) {
    LstmSpec spec = model.spec();
    EngineFootprint fp = model.footprint(traces);
    // an element is one unit of one layer and direction at one step (EngineFootprint)
    double rowElements = (double) steps * spec.hiddenSize() * spec.stateSlots();
    double nativeRow = fp.nativeBytesPerElement() * rowElements;
    double heapRow = fp.heapBytesPerElement() * rowElements;
    int bytes = model.options().precision() == Precision.FLOAT32 ? Float.BYTES : Double.BYTES;
    // the largest tensor handed over: the top layer's outputs, or every layer's memory gates
    double tensorRow =
        (double) steps
            * bytes
            * (traces.contains(Trace.FORGET_GATES)
                ? spec.hiddenSize() * spec.stateSlots()
                : spec.outputSize());
    if (tensorRow > fp.maxTensorBytes()) {
      throw new InsufficientMemoryException(
          Kind.TENSOR,
          (long) tensorRow,
          fp.maxTensorBytes(),
          what
              + " needs a tensor of "
              + size(tensorRow)
              + " for one sequence ("
              + steps
              + " steps x "
              + spec.outputSize()
              + " units), more than the "
              + size(fp.maxTensorBytes())
              + " the "
              + model.backendName()
              + " engine can hand over at once: "
              + fix);
    }
    MemoryLimits limits = MemoryLimits.current();
    if (nativeRow > limits.nativeFree()) {
      throw new InsufficientMemoryException(
          Kind.NATIVE,
          (long) nativeRow,
          limits.nativeFree(),
          what
              + " needs about "
              + size(nativeRow)
              + " of memory in the "
              + model.backendName()
              + " engine for one sequence alone, but only "
              + size(limits.nativeFree())
              + " is available on this machine: "
              + fix);
    }
    long budget = Math.min(callBudget(), limits.nativeFree() / 2);
    int rows = batch;
    rows = fewer(rows, budget, nativeRow);
    rows = fewer(rows, fp.maxTensorBytes(), tensorRow);
    // a call's heap: the engine's copies (a pure-Java engine's whole working memory) and, when
    // each call's results are written out before the next, those results
    double resultRow = ArraySizes.forwardResult(spec, 1, steps, traces);
    rows =
        fewer(
            rows, Math.min(budget, limits.heapFree() / 2), heapRow + (keepResults ? 0 : resultRow));
    long results = ArraySizes.forwardResult(spec, keepResults ? batch : rows, steps, traces);
    long heap = (long) Math.min(Long.MAX_VALUE, results + rows * heapRow);
    requireHeap(heap, limits, what, fix);
    return new ForwardPlan(rows, heap, (long) (rows * nativeRow));
  }

  /**
   * Refuses a request that needs more Java heap than is free (after a collection, if it looked
   * short before one).
   *
   * @throws InsufficientMemoryException naming what it needs, what is free, {@code fix} and -Xmx
   */
  public static void requireHeap(long bytes, String what, String fix) {
    requireHeap(bytes, MemoryLimits.current(), what, fix);
  }

  private static void requireHeap(long bytes, MemoryLimits limits, String what, String fix) {
    if (bytes <= limits.heapFree()) {
      return;
    }
    MemoryLimits collected = MemoryLimits.afterCollection();
    if (bytes <= collected.heapFree()) {
      return;
    }
    throw new InsufficientMemoryException(
        Kind.HEAP,
        bytes,
        collected.heapFree(),
        what
            + " needs about "
            + size(bytes)
            + " of Java heap, but only "
            + size(collected.heapFree())
            + " of the "
            + size(collected.heapMax())
            + " maximum is free: "
            + fix
            + ", or raise the maximum heap (-Xmx)");
  }

  /** The per-call budget: {@value #CALL_BUDGET_PROPERTY}, else 256 MiB. */
  static long callBudget() {
    String v = System.getProperty(CALL_BUDGET_PROPERTY);
    if (v == null || v.isBlank()) {
      return DEFAULT_CALL_BUDGET;
    }
    try {
      long b = Long.parseLong(v.trim());
      if (b > 0) {
        return b;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "-D" + CALL_BUDGET_PROPERTY + "=" + v + " is not a positive number of bytes");
  }

  private static int fewer(int rows, double budget, double perRow) {
    if (perRow <= 0) {
      return rows;
    }
    return (int) Math.max(1, Math.min(rows, Math.floor(budget / perRow)));
  }

  /** {@code 1.3 GiB}, {@code 640 MiB}. */
  public static String size(double bytes) {
    double gib = bytes / (1L << 30);
    if (gib >= 1) {
      return String.format(Locale.ROOT, "%.1f GiB", gib);
    }
    return String.format(Locale.ROOT, "%.0f MiB", Math.ceil(bytes / (1L << 20)));
  }
}
