package io.lstmirf.api.check;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.check.SelfCheckCase.Mode;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Runs a fixed set of models on a backend and on the float64 reference and compares every value
 * under the conformance {@link Tolerance}, as NumPy checks its BLAS when it loads. Engines pick
 * different kernels on different CPUs (oneDNN, MKL and OpenBLAS dispatch on AVX2, AVX-512 and their
 * extensions), and a kernel that is wrong on one CPU family is invisible on another: this is how a
 * backend finds out on the machine it runs on. The cases are drawn from fixed seeds.
 *
 * <p>{@link #quick()} runs when an engine backend first loads (a dozen small models per precision:
 * hidden sizes that cover the kernels' blocking remainders, one and two layers, sequences and
 * steps, one long sequence, one gradient; 0.3-0.8 s per engine here, its pass remembered by {@link
 * SelfCheckCache}); {@link #thorough()} backs {@code lstm-irf backends --verify} (many more sizes,
 * batches and layers, long sequences, gradients).
 */
public final class SelfCheck {
  /** Hidden sizes the quick check covers: blocking remainders of 8, 16, 32 and 64 lanes. */
  static final int[] QUICK_HIDDEN = {1, 5, 8, 16, 33, 48, 50, 64, 256};

  private final String kind;
  private final Function<Precision, List<SelfCheckCase>> cases;

  private SelfCheck(String kind, Function<Precision, List<SelfCheckCase>> cases) {
    this.kind = kind;
    this.cases = cases;
  }

  /** Builds a backend's model of these weights; {@link LstmBackend#create} or the engine's own. */
  @FunctionalInterface
  public interface ModelFactory {
    /** A new model the caller closes. */
    LstmModel create(LstmWeights weights, ModelOptions options);
  }

  /** The check a backend runs when it loads. */
  public static SelfCheck quick() {
    return new SelfCheck("quick", SelfCheckCases::quick);
  }

  /** The longer check of {@code lstm-irf backends --verify}. */
  public static SelfCheck thorough() {
    return new SelfCheck("thorough", SelfCheckCases::thorough);
  }

  /** {@code quick} or {@code thorough}. */
  public String kind() {
    return kind;
  }

  /** The cases this check runs for a backend computing in these precisions. */
  public List<SelfCheckCase> cases(List<Precision> precisions) {
    List<SelfCheckCase> all = new ArrayList<>();
    for (Precision p : precisions) {
      all.addAll(cases.apply(p));
    }
    return all;
  }

  /**
   * The float64 oracle among the backends on this class loader's class path (the reference), if
   * there is one.
   */
  public static Optional<LstmBackend> oracle(ClassLoader loader) {
    try {
      for (LstmBackend b : ServiceLoader.load(LstmBackend.class, loader)) {
        if (b.isOracle()) {
          return Optional.of(b);
        }
      }
    } catch (ServiceConfigurationError e) {
      // a broken provider elsewhere on the class path: no oracle, so no check
    }
    return Optional.empty();
  }

  /** Checks an available backend through its public {@link LstmBackend#create}. */
  public SelfCheckResult run(LstmBackend backend, LstmBackend oracle) {
    return run(backend.name(), backend.capabilities().precisions(), backend::create, oracle);
  }

  /**
   * Runs every case of every precision on {@code subject} and on {@code oracle}.
   *
   * @param backend the subject's name, for messages
   * @param precisions the precisions the subject computes in
   */
  public SelfCheckResult run(
      String backend, List<Precision> precisions, ModelFactory subject, LstmBackend oracle) {
    long start = System.nanoTime();
    List<CaseOutcome> outcomes = new ArrayList<>();
    for (SelfCheckCase c : cases(precisions)) {
      outcomes.addAll(check(c, subject, oracle));
    }
    return new SelfCheckResult(
        kind, outcomes, Duration.ofNanos(System.nanoTime() - start), CpuInfo.current());
  }

  /**
   * One case in each of its modes, on one model per backend; an error the backend throws fails the
   * modes not yet compared, and does not crash the check.
   */
  static List<CaseOutcome> check(SelfCheckCase c, ModelFactory subject, LstmBackend oracle) {
    SplittableRandom random = new SplittableRandom(c.seed());
    Precision p = c.precision();
    LstmWeights weights = randomWeights(c.spec(), random).heldIn(p);
    double[][][] inputs = normal(random, p, c.batch(), c.steps(), c.inputSize());
    LstmState state =
        c.randomInitialState()
            ? new LstmState(
                normal(random, p, c.layers(), c.batch(), c.hiddenSize()),
                normal(random, p, c.layers(), c.batch(), c.hiddenSize()))
            : null;
    List<CaseOutcome> outcomes = new ArrayList<>();
    try (LstmModel expected = oracle.create(weights, ModelOptions.of(Precision.FLOAT64));
        LstmModel actual = subject.create(weights, ModelOptions.of(p))) {
      ForwardResult reference = null;
      for (Mode mode : c.modes()) {
        Deviation d = new Deviation(Tolerance.of(p));
        switch (mode) {
          case SEQUENCE, STEP -> {
            if (reference == null) {
              reference = expected.forward(inputs, state);
            }
            compare(
                d,
                reference,
                mode == Mode.SEQUENCE
                    ? actual.forward(inputs, state)
                    : actual.forwardStepwise(inputs, state));
          }
          case GRADIENTS -> {
            LossTarget loss = c.seed() % 2 == 0 ? LossTarget.LAST_STEP : LossTarget.EVERY_STEP;
            int targetSteps = loss == LossTarget.LAST_STEP ? 1 : c.steps();
            double[][][] targets =
                normal(random, p, c.batch(), targetSteps, c.spec().responseSize());
            compare(
                d,
                expected.gradients(inputs, targets, loss),
                actual.gradients(inputs, targets, loss));
          }
          default -> throw new IllegalStateException(mode.toString());
        }
        outcomes.add(
            new CaseOutcome(c, mode, d.withinTolerance(), d.maxAbsDifference(), d.worst()));
      }
    } catch (LstmIrfException
        | IllegalStateException
        | IllegalArgumentException
        | UnsupportedOperationException e) {
      for (Mode mode : c.modes().subList(outcomes.size(), c.modes().size())) {
        outcomes.add(
            new CaseOutcome(
                c,
                mode,
                false,
                Double.POSITIVE_INFINITY,
                "the backend failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
      }
    }
    return outcomes;
  }

  private static void compare(Deviation d, ForwardResult expected, ForwardResult actual) {
    d.add("hidden", expected.hidden(), actual.hidden());
    expected.output().ifPresent(e -> d.add("output", e, actual.output().orElse(new double[0][][])));
    d.add("final h", expected.finalState().h(), actual.finalState().h());
    d.add("final c", expected.finalState().c(), actual.finalState().c());
  }

  private static void compare(Deviation d, GradientResult expected, GradientResult actual) {
    d.add("loss", expected.loss(), actual.loss());
    LstmWeights e = expected.gradients();
    LstmWeights a = actual.gradients();
    for (int l = 0; l < e.numLayers(); l++) {
      d.addScaled(
          "d layers[" + l + "].weightIh",
          e.layer(l).weightIh().toRowMajor(),
          a.layer(l).weightIh().toRowMajor());
      d.addScaled(
          "d layers[" + l + "].weightHh",
          e.layer(l).weightHh().toRowMajor(),
          a.layer(l).weightHh().toRowMajor());
      d.addScaled("d layers[" + l + "].bias", e.layer(l).bias(), a.layer(l).bias());
    }
    e.head()
        .ifPresent(
            h -> {
              HeadWeights ah = a.head().orElseThrow();
              d.addScaled("d head.weight", h.weight().toRowMajor(), ah.weight().toRowMajor());
              d.addScaled("d head.bias", h.bias(), ah.bias());
            });
  }

  /**
   * Weights drawn from U(-a, a) with {@code a = 1.5 / sqrt(H)} (PyTorch's default scale, widened so
   * gates leave their linear range), biases alike plus 1 on the forget gate (longer memory carries
   * an error further).
   */
  static LstmWeights randomWeights(LstmSpec spec, SplittableRandom random) {
    int h = spec.hiddenSize();
    double a = 1.5 / Math.sqrt(h);
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      int in = spec.layerInputSize(l);
      double[] bias = uniform(random, 4 * h, a);
      for (int k = h; k < 2 * h; k++) {
        bias[k] += 1;
      }
      layers.add(
          new LayerWeights(
              Matrix.ofRowMajor(4 * h, in, uniform(random, 4 * h * in, a)),
              Matrix.ofRowMajor(4 * h, h, uniform(random, 4 * h * h, a)),
              bias));
    }
    HeadWeights head = null;
    if (spec.hasHead()) {
      int o = spec.headSize().getAsInt();
      head =
          new HeadWeights(
              Matrix.ofRowMajor(o, h, uniform(random, o * h, a)), uniform(random, o, a));
    }
    return new LstmWeights(layers, head);
  }

  private static double[] uniform(SplittableRandom random, int n, double a) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (2 * random.nextDouble() - 1) * a;
    }
    return v;
  }

  /** Standard normal values (Box-Muller), as the precision stores them. */
  private static double[][][] normal(SplittableRandom random, Precision p, int a, int b, int c) {
    double[][][] x = new double[a][b][c];
    for (double[][] plane : x) {
      for (double[] row : plane) {
        for (int k = 0; k < c; k++) {
          double u = 1 - random.nextDouble();
          double v = random.nextDouble();
          row[k] = p.round(Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
        }
      }
    }
    return x;
  }
}
