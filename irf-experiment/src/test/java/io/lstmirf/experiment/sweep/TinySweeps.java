package io.lstmirf.experiment.sweep;

import io.lstmirf.api.Availability;
import io.lstmirf.api.Backends;
import io.lstmirf.api.Capabilities;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.backend.reference.ReferenceBackend;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Sweeps small enough for unit tests: a few units, short windows, two epochs. */
public final class TinySweeps {
  private TinySweeps() {}

  public static final ExperimentSpec EXPERIMENT =
      new ExperimentSpec("lstm", 3, 6, 1, 2, 16, 1e-2, 0.8, 12, 1.0, 20);

  public static SweepConfig config(
      List<String> backends, List<Double> biases, int seeds, boolean adaptive) {
    return new SweepConfig(
        backends,
        biases,
        seeds,
        42,
        InitMode.FORGET,
        adaptive,
        1.0,
        EXPERIMENT,
        new DataSource.Synthetic(90, 42));
  }

  public static SweepConfig config() {
    return config(List.of("reference"), List.of(0.0, 2.0), 2, false);
  }

  /** What a trial measured, without its timings (which differ from run to run). */
  public static List<Object> measured(TrialResult r) {
    return List.of(
        r.key(),
        r.precision(),
        r.training().epochs().stream()
            .map(e -> List.of(e.trainLoss(), e.validationLoss()))
            .toList(),
        r.training().biasTrajectory(),
        r.irf(),
        r.girf(),
        r.gates());
  }

  /** {@link #measured(TrialResult)} of every trial, by key. */
  public static Map<TrialKey, List<Object>> measured(List<TrialResult> results) {
    return results.stream().collect(Collectors.toMap(TrialResult::key, TinySweeps::measured));
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

  /**
   * The reference under another name, whose models fail to be made ("engine crashed") when {@link
   * #fails} says so: for the paths a failed trial takes.
   */
  public abstract static class Failing implements LstmBackend {
    private final LstmBackend reference = new ReferenceBackend();
    private final String name;

    protected Failing(String name) {
      this.name = name;
    }

    /** Whether making a model from {@code weights} fails now. */
    protected abstract boolean fails(LstmWeights weights);

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return "the reference, failing on purpose";
    }

    @Override
    public Availability availability() {
      return reference.availability();
    }

    @Override
    public Capabilities capabilities() {
      return reference.capabilities();
    }

    @Override
    public LstmModel create(LstmWeights weights, ModelOptions options) {
      if (fails(weights)) {
        throw new LstmIrfException("engine crashed");
      }
      return reference.create(weights, options);
    }
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
