package io.lstmirf.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.Device;
import io.lstmirf.api.Feature;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.Trace;
import io.lstmirf.api.UnsupportedFeatureException;
import io.lstmirf.api.check.Tolerance;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.Engines;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.WeightTensors;
import java.util.EnumSet;
import java.util.Set;

/**
 * One backend under test, at one precision, on one device, with the {@link Tolerance} it is held to
 * against the reference and the {@link Agreement} assertions that apply it. A backend that did not
 * load is still a target: everything it is asked to do fails with the reason it gave, so a broken
 * engine shows up as failures, never as skips.
 *
 * @param backend the backend under test
 * @param precision the precision it computes in; null only when the backend is unavailable
 * @param device the device its models are placed on
 */
public record ConformanceTarget(LstmBackend backend, Precision precision, Device device) {

  /** A target for a backend that failed to load; see {@link #requireAvailable()}. */
  static ConformanceTarget unavailable(LstmBackend backend, Device device) {
    return new ConformanceTarget(backend, null, device);
  }

  /** The backend's name: {@code reference}, {@code djl}, ... */
  public String name() {
    return backend.name();
  }

  /** The options models are built with. */
  public ModelOptions options() {
    requireAvailable();
    return new ModelOptions(precision, device);
  }

  /** How closely this target must agree with the float64 reference. */
  public Tolerance tolerance() {
    requireAvailable();
    return Tolerance.of(precision);
  }

  /** The assertions that hold results to {@link #tolerance()}. */
  public Agreement agreement() {
    return Agreement.of(tolerance());
  }

  /** Builds a model of these weights on this backend, precision and device. */
  public LstmModel create(LstmWeights weights) {
    return backend.create(weights, options());
  }

  /**
   * Runs this target and the reference on the same case and compares everything returned.
   *
   * @return the reference's result
   */
  public ForwardResult assertForwardMatchesReference(
      LstmWeights weights, double[][][] inputs, LstmState initialState, Set<Trace> traces) {
    try (LstmModel model = create(weights);
        LstmModel reference = ReferenceOracle.model(weights)) {
      ForwardResult expected = reference.forward(inputs, initialState, traces);
      agreement().assertClose(expected, model.forward(inputs, initialState, traces));
      return expected;
    }
  }

  /**
   * Loss and gradients of this target against the reference's on one case, each gradient tensor
   * relative to its own largest reference entry; first checks that the case gives every tensor a
   * gradient well above rounding, or it would not test that tensor.
   */
  public void assertGradientsMatchReference(
      LstmWeights weights, double[][][] inputs, double[][][] targets, LossTarget loss) {
    GradientResult expected;
    GradientResult actual;
    try (LstmModel model = create(weights);
        LstmModel reference = ReferenceOracle.model(weights)) {
      expected = reference.gradients(inputs, targets, loss);
      actual = model.gradients(inputs, targets, loss);
    }
    WeightTensors.byName(expected.gradients())
        .forEach(
            (name, g) ->
                assertTrue(
                    WeightTensors.maxAbs(g) > 1e-3,
                    "the case must give every tensor a gradient well above"
                        + " rounding, but "
                        + name
                        + " has max |g| = "
                        + WeightTensors.maxAbs(g)));
    agreement().assertClose("loss", expected.loss(), actual.loss());
    agreement().assertGradientsClose("gradients", expected.gradients(), actual.gradients());
  }

  /**
   * Steps a trainer of this target and a reference trainer from the same weights through the same
   * batches, comparing the returned losses and then the weights after every step. With dropout,
   * both draw the same masks ({@link io.lstmirf.api.train.Dropout}).
   */
  public void assertTrainsLikeTheReference(
      LstmWeights weights, TrainerConfig config, double[][][][] xs, double[][][][] ys) {
    try (LstmModel model = create(weights);
        LstmModel reference = ReferenceOracle.model(weights);
        LstmTrainer trainer = model.openTrainer(config);
        LstmTrainer oracle = reference.openTrainer(config)) {
      for (int s = 0; s < xs.length; s++) {
        double expectedLoss = oracle.step(xs[s], ys[s]);
        agreement().assertClose("loss before step " + s, expectedLoss, trainer.step(xs[s], ys[s]));
        agreement().assertClose("weights after step " + s, reference.weights(), model.weights());
      }
    }
  }

  /**
   * Whether this target implements every feature these weights (and, when given, this trainer
   * configuration's dropout) need, by what its backend declares. When it does not, checks the
   * refusal the api promises instead, and returns false: building the model (or opening the
   * trainer) throws one {@link UnsupportedFeatureException}, on one line, for a missing feature,
   * naming this backend and the backends that implement it; nothing is computed. A variant's test
   * ends when this is false: the refusal was its check.
   */
  public boolean implementsOrRefuses(LstmWeights weights, TrainerConfig config) {
    requireAvailable();
    Set<Feature> missing = EnumSet.noneOf(Feature.class);
    missing.addAll(weights.spec().features());
    if (config != null && config.dropout().enabled()) {
      missing.add(Feature.DROPOUT);
    }
    missing.removeAll(backend.implementedFeatures());
    if (missing.isEmpty()) {
      return true;
    }
    UnsupportedFeatureException e =
        assertThrows(
            UnsupportedFeatureException.class,
            () -> {
              try (LstmModel model = create(weights);
                  LstmTrainer trainer = config == null ? null : model.openTrainer(config)) {
                // not reached
              }
            });
    String message = e.getMessage();
    assertTrue(
        missing.contains(e.feature()),
        "refused for " + e.feature() + ", which " + name() + " declares: " + message);
    assertTrue(
        message.contains("not implemented by backend '" + name() + "'")
            && message.contains("implemented by backends reference")
            && !message.contains("\n"),
        "one line naming the backend and those that implement it: " + message);
    return false;
  }

  /** Fails the calling test with the backend's own reason if it cannot run here. */
  public void requireAvailable() {
    Engines.requireAvailable(backend);
  }

  /**
   * The weights this target actually computes with: rounded to float for float32 (the engine stores
   * floats), unchanged for float64.
   */
  public LstmWeights representable(LstmWeights weights) {
    requireAvailable();
    return WeightTensors.heldIn(precision, weights);
  }

  /** The state this target holds when given {@code state}: rounded to float for float32. */
  public LstmState representable(LstmState state) {
    requireAvailable();
    return precision == Precision.FLOAT32
        ? new LstmState(roundedToFloat(state.h()), roundedToFloat(state.c()))
        : state;
  }

  private static double[][][] roundedToFloat(double[][][] x) {
    double[][][] out = new double[x.length][][];
    for (int i = 0; i < x.length; i++) {
      out[i] = new double[x[i].length][];
      for (int j = 0; j < x[i].length; j++) {
        out[i][j] = new double[x[i][j].length];
        for (int k = 0; k < x[i][j].length; k++) {
          out[i][j][k] = (float) x[i][j][k];
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return backend.name()
        + " "
        + (precision == null ? "(unavailable)" : precision.id())
        + " "
        + device;
  }
}
