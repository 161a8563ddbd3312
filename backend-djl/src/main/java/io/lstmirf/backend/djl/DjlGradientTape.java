package io.lstmirf.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One recorded forward pass and its backward pass through PyTorch's autograd, via DJL's {@link
 * GradientCollector}. Opening a tape makes the given parameters require gradients and clears what
 * an earlier pass accumulated in them; closing it turns gradients off again, so that plain forward
 * passes and sessions never build an autograd graph and the live parameters can be changed in place
 * (a live {@code setForgetBias}).
 *
 * <p>DJL's PyTorch collector allows one collector per JVM at a time (a static flag; a second one
 * throws), so tapes are taken one at a time, JVM-wide: models training on different threads wait
 * for each other's backward pass instead of failing.
 */
final class DjlGradientTape implements AutoCloseable {
  private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock();

  private final List<NDArray> parameters;
  private GradientCollector collector;
  private boolean closed;

  private DjlGradientTape(List<NDArray> parameters) {
    this.parameters = parameters;
  }

  /** Starts recording operations on {@code parameters} (waits while another tape is open). */
  static DjlGradientTape record(DjlEngine engine, List<NDArray> parameters) {
    ONE_AT_A_TIME.lock();
    DjlGradientTape tape = new DjlGradientTape(parameters);
    try {
      for (NDArray p : parameters) {
        p.setRequiresGradient(true);
        // PyTorch accumulates into .grad; DJL's optimisers clear it after an update, but a
        // gradient taken without an update would otherwise leak into the next one.
        JniUtils.zeroGrad((PtNDArray) p);
      }
      tape.collector = engine.newGradientCollector();
      return tape;
    } catch (RuntimeException | Error e) {
      tape.close();
      throw e;
    }
  }

  /**
   * Back-propagates from the scalar {@code loss} and returns each parameter's gradient, in the
   * order given, as arrays attached to {@code into} (they share the parameters' gradient storage;
   * closing them frees only the handles).
   */
  NDList backward(NDArray loss, NDManager into) {
    collector.backward(loss);
    NDList gradients = new NDList(parameters.size());
    for (NDArray p : parameters) {
      NDArray g = p.getGradient();
      g.attach(into);
      gradients.add(g);
    }
    return gradients;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (collector != null) {
        collector.close();
      }
    } finally {
      try {
        for (NDArray p : parameters) {
          p.setRequiresGradient(false);
        }
      } finally {
        ONE_AT_A_TIME.unlock();
      }
    }
  }
}
