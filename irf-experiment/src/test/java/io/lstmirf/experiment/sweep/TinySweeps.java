package io.lstmirf.experiment.sweep;

import io.lstmirf.api.Availability;
import io.lstmirf.api.Backends;
import io.lstmirf.api.Capabilities;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.backend.reference.ReferenceBackend;
import java.util.List;

/** Sweeps small enough for unit tests: a few units, short windows, two epochs. */
public final class TinySweeps {
  private TinySweeps() {}

  public static final ExperimentSpec EXPERIMENT = new ExperimentSpec("lstm", 3, 6, 1, 2, 16, 1e-2, 0.8,
      12, 1.0, 20);

  public static SweepConfig config(List<String> backends, List<Double> biases, int seeds,
      boolean adaptive) {
    return new SweepConfig(backends, biases, seeds, 42, InitMode.FORGET, adaptive, 1.0,
        EXPERIMENT, new DataSource.Synthetic(90, 42));
  }

  public static SweepConfig config() {
    return config(List.of("reference"), List.of(0.0, 2.0), 2, false);
  }

  /** The reference, and the reference again under another name: a second, identical backend. */
  public static Backends registry() {
    return Backends.of(List.of(new ReferenceBackend(), renamed("twin", new ReferenceBackend())));
  }

  /** {@code backend} under another name. */
  public static LstmBackend renamed(String name, LstmBackend backend) {
    return new LstmBackend() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return backend.description();
      }

      @Override
      public Availability availability() {
        return backend.availability();
      }

      @Override
      public Capabilities capabilities() {
        return backend.capabilities();
      }

      @Override
      public LstmModel create(LstmWeights weights, ModelOptions options) {
        return backend.create(weights, options);
      }
    };
  }

  /** A backend whose engine cannot load here. */
  public static LstmBackend unavailable(String name, String reason) {
    return new LstmBackend() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return "missing";
      }

      @Override
      public Availability availability() {
        return Availability.unavailable(reason);
      }

      @Override
      public Capabilities capabilities() {
        throw new AssertionError("not asked when unavailable");
      }

      @Override
      public LstmModel create(LstmWeights weights, ModelOptions options) {
        throw new AssertionError("not asked when unavailable");
      }
    };
  }
}
