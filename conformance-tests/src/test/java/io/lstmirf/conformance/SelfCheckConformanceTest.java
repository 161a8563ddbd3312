package io.lstmirf.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.check.SelfCheck;
import io.lstmirf.api.check.SelfCheckCase;
import io.lstmirf.api.check.SelfCheckResult;
import org.junit.jupiter.api.Test;

/**
 * The self-check each engine backend ran when it loaded, on this machine: every case ran and passed
 * (the reference, the oracle, checks nothing). This suite runs twice in the default build, the
 * second time with the engines' CPU dispatch capped at AVX2, so both code paths are checked.
 */
@ForEachBackend
class SelfCheckConformanceTest {
  private final ConformanceTarget target;

  SelfCheckConformanceTest(ConformanceTarget target) {
    this.target = target;
  }

  @Test
  void theLoadTimeSelfCheckRanEveryCaseAndPassed() {
    target.requireAvailable();
    if (target.backend().isOracle()) {
      assertTrue(target.backend().selfCheck().isEmpty(), "the oracle does not check itself");
      return;
    }
    SelfCheckResult r =
        target
            .backend()
            .selfCheck()
            .orElseThrow(
                () ->
                    new AssertionError(
                        target.name() + " ran no self-check: is lstmirf.selfcheck set to false?"));
    assertTrue(r.passed(), () -> r.failureReason(target.name()));
    assertFalse(r.cached(), "the suite runs with lstmirf.selfcheck=always: checked, not recalled");
    int expected =
        SelfCheck.quick().cases(target.backend().capabilities().precisions()).stream()
            .mapToInt(c -> c.modes().size())
            .sum();
    assertEquals(expected, r.cases());
    assertTrue(
        r.outcomes().stream()
            .anyMatch(
                o ->
                    o.kase().precision() == target.precision()
                        && o.mode() == SelfCheckCase.Mode.STEP),
        "sessions were checked in " + target);
  }
}
