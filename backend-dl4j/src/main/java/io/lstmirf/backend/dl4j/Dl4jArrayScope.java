package io.lstmirf.backend.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frees the native memory of every array added to it when closed, so that a forward pass releases
 * its temporaries deterministically instead of waiting for the garbage collector. Views are skipped
 * by ND4J (they own no memory).
 */
final class Dl4jArrayScope implements AutoCloseable {
  private final List<INDArray> arrays = new ArrayList<>();

  /** Registers {@code array} for release; returns it. */
  <T extends INDArray> T add(T array) {
    arrays.add(array);
    return array;
  }

  @Override
  public void close() {
    for (int i = arrays.size() - 1; i >= 0; i--) {
      arrays.get(i).close();
    }
    arrays.clear();
  }
}
