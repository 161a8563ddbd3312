package io.lstmirf.backend.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * DJL's {@link Adam}, unchanged except that it records the moment arrays it allocates, so that
 * whoever owns the optimiser can free them. DJL detaches optimiser state from every manager and
 * leaves it to be reclaimed some day; a trainer here releases it when it closes.
 */
final class DjlAdam extends Adam implements AutoCloseable {
  private final List<NDArray> state = new ArrayList<>();

  DjlAdam(Adam.Builder builder) {
    super(builder);
  }

  @Override
  protected NDArray withDefaultState(
      Map<String, Map<Device, NDArray>> states,
      String key,
      Device device,
      Function<String, NDArray> defaultFunction) {
    return super.withDefaultState(
        states,
        key,
        device,
        k -> {
          NDArray created = defaultFunction.apply(k);
          state.add(created);
          return created;
        });
  }

  /** The moment arrays allocated so far. */
  List<NDArray> state() {
    return List.copyOf(state);
  }

  /** Frees the moments; the optimiser must not be used afterwards. */
  @Override
  public void close() {
    state.forEach(NDArray::close);
    state.clear();
  }
}
