package io.lstmirf.experiment.bench;

import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.MatrixProduct;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.memory.MemoryCheck;
import io.lstmirf.api.train.EpochListener;
import io.lstmirf.api.train.Training;
import io.lstmirf.api.train.TrainingConfig;
import io.lstmirf.experiment.sweep.ExperimentSpec;
import io.lstmirf.irf.Baseline;
import io.lstmirf.irf.ImpulseResponses;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.Shock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything the bench times on one backend, in the order a round runs it, with the engine
 * resources (models, matrix products) it holds until closed.
 */
final class BackendWorkloads implements AutoCloseable {
  /** The floor at the sequence step's shape. */
  static final String GEMM_STEP = "gemm-step";

  /** The floor at a large square shape. */
  static final String GEMM_LARGE = "gemm-large";

  static final String STEP = "step";
  static final String SEQUENCE = "sequence";

  /** The batched IRF, and the one forward of the same batch it is compared with. */
  static final String IRF = "irf-batched";

  static final String IRF_FORWARD = "irf-forward";
  static final String TRAINING = "training-epoch";

  private final LstmBackend backend;
  private final Precision precision;
  private final List<Workload> workloads = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();

  private BackendWorkloads(LstmBackend backend) {
    this.backend = backend;
    this.precision = precisionFor(backend);
  }

  /** Builds every workload {@code settings} asks for on {@code backend}. */
  static BackendWorkloads of(LstmBackend backend, BenchSettings settings, BenchInputs inputs) {
    BackendWorkloads w = new BackendWorkloads(backend);
    try {
      w.addFloors(settings);
      if (settings.has(BenchCase.STEP)) {
        w.addStep(inputs);
      }
      if (settings.has(BenchCase.SEQUENCE)) {
        w.addSequence(inputs);
      }
      if (settings.has(BenchCase.IRF)) {
        w.addIrf(inputs, settings.irfShocks());
      }
      if (settings.has(BenchCase.TRAINING)) {
        w.addTraining(inputs);
      }
      return w;
    } catch (RuntimeException | Error e) {
      w.close();
      throw e;
    }
  }

  /** Float32 where the engine has it (the engines' speed), else its default (the reference). */
  static Precision precisionFor(LstmBackend b) {
    return b.capabilities().supports(Precision.FLOAT32)
        ? Precision.FLOAT32
        : b.capabilities().defaultPrecision();
  }

  LstmBackend backend() {
    return backend;
  }

  Precision precision() {
    return precision;
  }

  List<Workload> workloads() {
    return workloads;
  }

  private void addFloors(BenchSettings s) {
    int h = s.seqHidden();
    addProduct(GEMM_STEP, new MatrixProduct.Shape(s.seqBatch(), h, 4 * h));
    int n = s.gemmSize();
    addProduct(GEMM_LARGE, new MatrixProduct.Shape(n, n, n));
  }

  private void addProduct(String name, MatrixProduct.Shape shape) {
    backend
        .matrixProduct(shape, precision)
        .ifPresent(
            p -> {
              resources.add(p);
              workloads.add(
                  new Workload(name, shape.toString(), shape.flops(), new RepeatedProduct(p)));
            });
  }

  private void addStep(BenchInputs in) {
    LstmModel model = model(in.stepWeights());
    double[][] inputs = in.stepInputs();
    LstmSpec spec = model.spec();
    workloads.add(
        new Workload(
            STEP,
            "H=" + spec.hiddenSize() + " I=1 B=1",
            LstmFlops.forward(spec, 1, 1),
            () -> {
              double[][] x = new double[1][];
              try (LstmSession session = model.openSession(1)) {
                Timing.Stopwatch clock = Timing.start();
                for (double[] step : inputs) {
                  x[0] = step;
                  session.step(x);
                }
                return clock.stop(inputs.length);
              }
            }));
  }

  private void addSequence(BenchInputs in) {
    LstmModel model = model(in.sequenceWeights());
    double[][][] x = in.sequence();
    int batch = x.length;
    int steps = x[0].length;
    LstmSpec spec = model.spec();
    MemoryCheck.forward(
        model,
        batch,
        steps,
        Set.of(),
        true,
        "bench's sequence of --seq-batch "
            + batch
            + " x --seq-length "
            + steps
            + " through --seq-hidden "
            + spec.hiddenSize()
            + " units on "
            + backend.name(),
        "use a smaller --seq-batch, --seq-length or" + " --seq-hidden");
    workloads.add(
        new Workload(
            SEQUENCE,
            "T=" + steps + " H=" + spec.hiddenSize() + " I=1 B=" + batch,
            LstmFlops.forward(spec, batch, steps),
            () -> {
              Timing.Stopwatch clock = Timing.start();
              model.forward(x);
              return clock.stop(1);
            }));
  }

  /**
   * The batched IRF: {@code shocks} impulses of different sizes at the sweep's shock time on a zero
   * baseline, all in one call (one batch of shocks + 1 rows), against one forward of a batch of the
   * same shape.
   */
  private void addIrf(BenchInputs in, int shocks) {
    ExperimentSpec e = in.experiment();
    LstmModel model = model(in.sweepWeights());
    Shock base = e.shock();
    List<Shock> list = new ArrayList<>(shocks);
    for (int k = 1; k <= shocks; k++) {
      list.add(base.withSize(base.size() * k / shocks));
    }
    int steps = base.time() + e.horizon();
    int rows = shocks + 1;
    ImpulseResponses irf = new ImpulseResponses(model, Math.max(2, rows));
    double flops = LstmFlops.forward(model.spec(), rows, steps);
    String shape = shocks + " shocks: B=" + rows + " T=" + steps + " H=" + e.units();
    MemoryCheck.forward(
        model,
        rows,
        steps,
        Set.of(),
        true,
        "bench's batched IRF of" + " --irf-shocks " + shocks,
        "use fewer --irf-shocks");
    workloads.add(
        new Workload(
            IRF,
            shape,
            flops,
            () -> {
              Timing.Stopwatch clock = Timing.start();
              irf.computeAll(Baseline.zeros(), list, e.horizon(), IrfMode.SEQUENCE);
              return clock.stop(1);
            }));
    double[][][] batch = new double[rows][steps][1];
    workloads.add(
        new Workload(
            IRF_FORWARD,
            "B=" + rows + " T=" + steps + " H=" + e.units(),
            flops,
            () -> {
              Timing.Stopwatch clock = Timing.start();
              model.forward(batch);
              return clock.stop(1);
            }));
  }

  /**
   * One epoch of the default sweep's training, on one model that keeps training from round to
   * round: an epoch's work does not depend on the weights' values, and one-time costs (a trainer's
   * graph, first-call setup) stay in the warm-up, as they would in a 50-epoch run.
   */
  private void addTraining(BenchInputs in) {
    ExperimentSpec e = in.experiment();
    TrainingConfig config =
        e.training(io.lstmirf.experiment.sweep.SweepConfig.ORIGINAL_SEED).withEpochs(1);
    LstmSpec spec = e.lstmSpec();
    int train = in.data().train().size();
    int validation = in.data().validation().size();
    double flops =
        LstmFlops.forwardAndBackward(spec, train, e.lookback())
            + LstmFlops.forward(spec, validation, e.lookback());
    LstmModel model = model(in.sweepWeights());
    workloads.add(
        new Workload(
            TRAINING,
            train + " windows of " + e.lookback() + ", H=" + e.units() + ", batch " + e.batchSize(),
            flops,
            () -> {
              Timing.Stopwatch clock = Timing.start();
              Training.fit(
                  model, in.data().train(), in.data().validation(), config, EpochListener.none());
              return clock.stop(1);
            }));
  }

  private LstmModel model(io.lstmirf.api.LstmWeights weights) {
    LstmModel model = backend.create(weights, ModelOptions.of(precision));
    resources.add(model);
    return model;
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("could not release a bench resource", e);
        }
      }
    }
    resources.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
