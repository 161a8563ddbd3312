package io.lstmirf.backend.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.AbstractLstmBackend;
import io.lstmirf.api.Availability;
import io.lstmirf.api.Device;
import io.lstmirf.api.EngineSettings;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.Trace;
import io.lstmirf.api.check.SelfCheck;
import io.lstmirf.api.check.SelfCheckResult;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The self-check engine backends run when they load: a backend whose numbers are wrong for one
 * hidden size (as a faulty CPU kernel is) reports itself unavailable, with the precision, the
 * shape, the difference and what to do; a correct one passes; the check can be turned off.
 */
class SelfCheckTest {

  @Test
  void aBackendWrongForOneHiddenSizeIsUnavailableAndSaysWhere() {
    SkewedBackend faulty = new SkewedBackend(8, 0.25);
    Availability a = faulty.availability();
    assertFalse(a.available(), "a backend computing wrong numbers must not be available");
    assertTrue(a.reason().startsWith("self-check failed on "), a.reason());
    assertTrue(a.reason().contains("float32 sequence, 1 layer of 8 units"), a.reason());
    assertTrue(a.reason().contains("off by 0.250 from the float64 reference (allowed 2.0E-5"),
        a.reason());
    assertTrue(a.reason().contains("use another backend")
        && a.reason().contains("-D" + EngineSettings.SELF_CHECK_PROPERTY + "=false"), a.reason());
    SelfCheckResult r = faulty.selfCheck().orElseThrow();
    assertFalse(r.passed());
    assertEquals(0.25, r.maxAbsDifference(), 1e-12);
    assertTrue(r.outcomes().stream().filter(o -> !o.passed())
        .allMatch(o -> o.kase().hiddenSize() == 8), "only the faulty size fails");
    assertEquals(List.of(), faulty.capabilities().devices(), "nothing to place models on");
  }

  @Test
  void aCorrectBackendPassesEveryCaseExactlyAndStaysAvailable() {
    SkewedBackend correct = new SkewedBackend(8, 0);
    assertTrue(correct.availability().available(), correct.availability().reason());
    SelfCheckResult r = correct.selfCheck().orElseThrow();
    assertTrue(r.passed());
    assertEquals(0, r.maxAbsDifference(), "the reference against itself");
    assertEquals(SelfCheck.quick().cases(List.of(Precision.FLOAT32, Precision.FLOAT64)).stream()
        .mapToInt(c -> c.modes().size()).sum(), r.cases());
  }

  @Test
  void theCheckCoversTheBlockingRemaindersBothModesAndALongSequence() {
    var cases = SelfCheck.quick().cases(List.of(Precision.FLOAT32));
    for (int h : new int[] {1, 5, 8, 16, 33, 48, 50, 64, 256}) {
      assertTrue(cases.stream().anyMatch(c -> c.hiddenSize() == h), "H = " + h);
    }
    assertTrue(cases.stream().anyMatch(c -> c.layers() == 2 && c.randomInitialState()));
    assertTrue(cases.stream().anyMatch(c -> c.modes().contains(
        io.lstmirf.api.check.SelfCheckCase.Mode.STEP)));
    assertTrue(cases.stream().anyMatch(c -> c.steps() >= 400));
  }

  @Test
  void theCheckCanBeTurnedOffAndTheReferenceNeverChecksItself() {
    String before = System.getProperty(EngineSettings.SELF_CHECK_PROPERTY);
    try {
      System.setProperty(EngineSettings.SELF_CHECK_PROPERTY, "false");
      SkewedBackend faulty = new SkewedBackend(8, 0.25);
      assertTrue(faulty.availability().available(), "unchecked: the user's choice");
      assertTrue(faulty.selfCheck().isEmpty());
    } finally {
      if (before == null) {
        System.clearProperty(EngineSettings.SELF_CHECK_PROPERTY);
      } else {
        System.setProperty(EngineSettings.SELF_CHECK_PROPERTY, before);
      }
    }
    assertTrue(new ReferenceBackend().selfCheck().isEmpty());
  }

  /**
   * The reference under another name, claiming float32 too, with {@code skew} added to one hidden
   * unit of every whole-sequence result of models with {@code faultyHidden} units.
   */
  private static final class SkewedBackend extends AbstractLstmBackend<ReferenceBackend> {
    private final int faultyHidden;
    private final double skew;

    SkewedBackend(int faultyHidden, double skew) {
      this.faultyHidden = faultyHidden;
      this.skew = skew;
    }

    @Override
    public String name() {
      return "skewed";
    }

    @Override
    public String description() {
      return "the reference, skewed for H = " + faultyHidden;
    }

    @Override
    protected ReferenceBackend loadEngine() {
      return new ReferenceBackend();
    }

    @Override
    protected List<Precision> precisions() {
      return List.of(Precision.FLOAT32, Precision.FLOAT64);
    }

    @Override
    protected List<Device> devices(ReferenceBackend engine) {
      return List.of(Device.CPU);
    }

    @Override
    protected LstmModel newModel(ReferenceBackend engine, LstmWeights weights,
        ModelOptions options) {
      LstmModel inner = engine.create(weights, ModelOptions.of(Precision.FLOAT64));
      return weights.spec().hiddenSize() == faultyHidden ? new Skewed(inner, skew) : inner;
    }
  }

  /** A model whose sequence results carry an error in hidden unit 3 of the last step. */
  private record Skewed(LstmModel inner, double skew) implements LstmModel {
    @Override
    public ForwardResult forward(double[][][] inputs, LstmState initialState,
        Set<Trace> traces) {
      ForwardResult r = inner.forward(inputs, initialState, traces);
      double[][][] hidden = r.hidden();
      hidden[hidden.length - 1][hidden[0].length - 1][3] += skew;
      return r;
    }

    @Override
    public String backendName() {
      return "skewed";
    }

    @Override
    public LstmSpec spec() {
      return inner.spec();
    }

    @Override
    public ModelOptions options() {
      return inner.options();
    }

    @Override
    public LstmSession openSession(int batchSize) {
      return inner.openSession(batchSize);
    }

    @Override
    public double[] memoryGateBias(int layer) {
      return inner.memoryGateBias(layer);
    }

    @Override
    public void setMemoryGateBias(int layer, double[] bias) {
      inner.setMemoryGateBias(layer, bias);
    }

    @Override
    public LstmWeights weights() {
      return inner.weights();
    }

    @Override
    public GradientResult gradients(double[][][] inputs, double[][][] targets,
        LossTarget loss) {
      return inner.gradients(inputs, targets, loss);
    }

    @Override
    public LstmTrainer openTrainer(TrainerConfig config) {
      return inner.openTrainer(config);
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
