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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-check engine backends run when they load: a backend whose numbers are wrong for one
 * hidden size (as a faulty CPU kernel is) reports itself unavailable, with the precision, the
 * shape, the difference and what to do; a correct one passes, and its pass is remembered for the
 * same backend, settings and CPU; the check can be turned off.
 */
class SelfCheckTest {
  @TempDir Path cache;
  private String cacheBefore;

  /** Each test remembers passes in its own cache, so no test sees another's. */
  @BeforeEach
  void ownCache() {
    cacheBefore = System.getProperty(EngineSettings.CACHE_DIR_PROPERTY);
    System.setProperty(EngineSettings.CACHE_DIR_PROPERTY, cache.toString());
  }

  @AfterEach
  void restoreCache() {
    restore(EngineSettings.CACHE_DIR_PROPERTY, cacheBefore);
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }

  @Test
  void aPassIsRememberedPerSettingAndAFailureNever() throws IOException {
    SelfCheckResult first = new SkewedBackend(8, 0).selfCheck().orElseThrow();
    assertTrue(first.passed() && !first.cached());
    SkewedBackend again = new SkewedBackend(8, 0);
    SelfCheckResult second = again.selfCheck().orElseThrow();
    assertTrue(again.availability().available());
    assertTrue(second.cached(), "the same backend, settings and CPU: the pass is recalled");
    assertEquals(first.cases(), second.cases());
    assertEquals(
        first.outcomes().stream().map(o -> o.kase()).toList(),
        second.outcomes().stream().map(o -> o.kase()).toList());

    String before = System.getProperty("lstmirf.example.setting");
    try {
      System.setProperty("lstmirf.example.setting", "other");
      assertFalse(
          new SkewedBackend(8, 0).selfCheck().orElseThrow().cached(),
          "another lstmirf.* setting: checked again");
    } finally {
      restore("lstmirf.example.setting", before);
    }
    String mode = System.getProperty(EngineSettings.SELF_CHECK_PROPERTY);
    try {
      System.setProperty(EngineSettings.SELF_CHECK_PROPERTY, "always");
      assertFalse(new SkewedBackend(8, 0).selfCheck().orElseThrow().cached(), "always: checked");
    } finally {
      restore(EngineSettings.SELF_CHECK_PROPERTY, mode);
    }

    Path stored = cache.resolve("selfcheck");
    long passes;
    try (Stream<Path> files = Files.list(stored)) {
      passes = files.count();
    }
    for (int i = 0; i < 2; i++) {
      SkewedBackend faulty = new SkewedBackend(8, 0.25);
      assertFalse(faulty.availability().available());
      assertFalse(faulty.selfCheck().orElseThrow().cached(), "a failure runs again every time");
    }
    try (Stream<Path> files = Files.list(stored)) {
      assertEquals(passes, files.count(), "no failure is stored");
    }
    try (Stream<Path> files = Files.list(stored)) { // damaged files are checked again, not trusted
      for (Path f : files.toList()) {
        Files.writeString(f, "{\"format\": \"lstm-irf-selfcheck/1\", \"outcomes\": [");
      }
    }
    assertFalse(new SkewedBackend(8, 0).selfCheck().orElseThrow().cached());
  }

  @Test
  void aBackendWrongForOneHiddenSizeIsUnavailableAndSaysWhere() {
    SkewedBackend faulty = new SkewedBackend(8, 0.25);
    Availability a = faulty.availability();
    assertFalse(a.available(), "a backend computing wrong numbers must not be available");
    assertTrue(a.reason().startsWith("self-check failed on "), a.reason());
    assertTrue(a.reason().contains("float32 sequence, 1 layer of 8 units"), a.reason());
    assertTrue(
        a.reason().contains("off by 0.250 from the float64 reference (allowed 2.0E-5"), a.reason());
    assertTrue(
        a.reason().contains("use another backend")
            && a.reason().contains("-D" + EngineSettings.SELF_CHECK_PROPERTY + "=false"),
        a.reason());
    SelfCheckResult r = faulty.selfCheck().orElseThrow();
    assertFalse(r.passed());
    assertEquals(0.25, r.maxAbsDifference(), 1e-12);
    assertTrue(
        r.outcomes().stream().filter(o -> !o.passed()).allMatch(o -> o.kase().hiddenSize() == 8),
        "only the faulty size fails");
    assertEquals(List.of(), faulty.capabilities().devices(), "nothing to place models on");
  }

  @Test
  void aCorrectBackendPassesEveryCaseExactlyAndStaysAvailable() {
    SkewedBackend correct = new SkewedBackend(8, 0);
    assertTrue(correct.availability().available(), correct.availability().reason());
    SelfCheckResult r = correct.selfCheck().orElseThrow();
    assertTrue(r.passed());
    assertEquals(0, r.maxAbsDifference(), "the reference against itself");
    assertEquals(
        SelfCheck.quick().cases(List.of(Precision.FLOAT32, Precision.FLOAT64)).stream()
            .mapToInt(c -> c.modes().size())
            .sum(),
        r.cases());
  }

  @Test
  void theCheckCoversTheBlockingRemaindersBothModesAndALongSequence() {
    var cases = SelfCheck.quick().cases(List.of(Precision.FLOAT32));
    for (int h : new int[] {1, 5, 8, 16, 33, 48, 50, 64, 256}) {
      assertTrue(cases.stream().anyMatch(c -> c.hiddenSize() == h), "H = " + h);
    }
    assertTrue(cases.stream().anyMatch(c -> c.layers() == 2 && c.randomInitialState()));
    assertTrue(
        cases.stream()
            .anyMatch(c -> c.modes().contains(io.lstmirf.api.check.SelfCheckCase.Mode.STEP)));
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
      restore(EngineSettings.SELF_CHECK_PROPERTY, before);
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
      return "the reference, skewed by " + skew + " for H = " + faultyHidden;
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
    protected LstmModel newModel(
        ReferenceBackend engine, LstmWeights weights, ModelOptions options) {
      LstmModel inner = engine.create(weights, ModelOptions.of(Precision.FLOAT64));
      return weights.spec().hiddenSize() == faultyHidden ? new Skewed(inner, skew) : inner;
    }
  }

  /** A model whose sequence results carry an error in hidden unit 3 of the last step. */
  private record Skewed(LstmModel inner, double skew) implements LstmModel {
    @Override
    public ForwardResult forward(double[][][] inputs, LstmState initialState, Set<Trace> traces) {
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
    public GradientResult gradients(double[][][] inputs, double[][][] targets, LossTarget loss) {
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
