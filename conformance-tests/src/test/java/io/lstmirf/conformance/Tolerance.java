package io.lstmirf.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.testing.Tolerances;
import io.lstmirf.testing.WeightTensors;
import java.util.Map;

/**
 * How far a backend may be from the float64 reference, and the assertions that apply it.
 *
 * <p>Values: {@code |actual - expected| <= value * max(1, |expected|)}, that is {@code value}
 * absolute on quantities of order 1 and {@code value} relative on larger ones. float32 engines
 * are held to 2e-5 (measured engines agree to about 1e-7; the margin covers long sequences and
 * saturated gates), float64 ones to 1e-10.
 *
 * <p>Gradients: each tensor (one layer's {@code W_ih}, {@code W_hh} or bias, the head's weight
 * or bias) is compared relative to its own size: {@code |actual - expected| <= value *
 * max_k |expected_k|}. A float32 backprop loses a few ulps relative to the terms it sums, so its
 * error follows the tensor's scale, not 1: a fixed absolute bound would be meaningless for a
 * tensor of size 1e-3 and needlessly strict for one of size 10.
 *
 * @param value the tolerance on values of order 1
 */
public record Tolerance(double value) {
  /** float32 engines: {@link Tolerances#FLOAT32}. */
  public static final Tolerance FLOAT32 = new Tolerance(Tolerances.FLOAT32);
  /** float64 engines: {@link Tolerances#FLOAT64}. */
  public static final Tolerance FLOAT64 = new Tolerance(Tolerances.FLOAT64);

  /** The tolerance for a precision. */
  public static Tolerance of(Precision precision) {
    return precision == Precision.FLOAT32 ? FLOAT32 : FLOAT64;
  }

  /** The largest allowed |actual - expected| for a value whose reference is {@code expected}. */
  public double allowed(double expected) {
    return value * Math.max(1, Math.abs(expected));
  }

  /** Whether {@code actual} is within tolerance of {@code expected}. */
  public boolean isClose(double expected, double actual) {
    return Math.abs(actual - expected) <= allowed(expected);
  }

  public void assertClose(String what, double expected, double actual) {
    Check c = new Check(what);
    c.value("", expected, actual, allowed(expected));
    c.done();
  }

  public void assertClose(String what, double[] expected, double[] actual) {
    Check c = new Check(what);
    c.vector("", expected, actual, -1);
    c.done();
  }

  public void assertClose(String what, double[][] expected, double[][] actual) {
    Check c = new Check(what);
    c.matrix("", expected, actual);
    c.done();
  }

  public void assertClose(String what, double[][][] expected, double[][][] actual) {
    Check c = new Check(what);
    c.tensor3("", expected, actual);
    c.done();
  }

  public void assertClose(String what, double[][][][] expected, double[][][][] actual) {
    Check c = new Check(what);
    c.length("", expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      c.tensor3("[" + i + "]", expected[i], actual[i]);
    }
    c.done();
  }

  /** Both parts of a state, {@code [L][B][H]}. */
  public void assertClose(String what, LstmState expected, LstmState actual) {
    assertClose(what + ".h", expected.h(), actual.h());
    assertClose(what + ".c", expected.c(), actual.c());
  }

  /**
   * Hidden states, head outputs, final state and traces; a part present in one result and
   * absent from the other is a failure.
   */
  public void assertClose(ForwardResult expected, ForwardResult actual) {
    assertClose("hidden", expected.hidden(), actual.hidden());
    assertEquals(expected.output().isPresent(), actual.output().isPresent(),
        "head output present");
    expected.output().ifPresent(e -> assertClose("output", e, actual.output().get()));
    assertClose("finalState", expected.finalState(), actual.finalState());
    assertEquals(expected.cellStates().isPresent(), actual.cellStates().isPresent(),
        "cell-state trace present");
    expected.cellStates().ifPresent(e -> assertClose("cellStates", e, actual.cellStates().get()));
    assertEquals(expected.forgetGates().isPresent(), actual.forgetGates().isPresent(),
        "forget-gate trace present");
    expected.forgetGates().ifPresent(e ->
        assertClose("forgetGates", e, actual.forgetGates().get()));
  }

  /** Every weight, elementwise, as values. */
  public void assertClose(String what, LstmWeights expected, LstmWeights actual) {
    assertEquals(expected.spec(), actual.spec(), what + ": architecture");
    Check c = new Check(what);
    Map<String, double[]> a = WeightTensors.byName(actual);
    WeightTensors.byName(expected).forEach((name, e) -> c.vector("." + name, e, a.get(name), -1));
    c.done();
  }

  /** Gradients, each tensor relative to its own largest reference entry (see the class doc). */
  public void assertGradientsClose(String what, LstmWeights expected, LstmWeights actual) {
    assertEquals(expected.spec(), actual.spec(), what + ": architecture");
    Check c = new Check(what);
    Map<String, double[]> a = WeightTensors.byName(actual);
    WeightTensors.byName(expected).forEach((name, e) -> c.vector("." + name, e, a.get(name),
        value * WeightTensors.maxAbs(e)));
    c.done();
  }

  /** Collects every comparison of one assertion and reports the worst one. */
  private final class Check {
    private final String what;
    private int compared;
    private int violations;
    private double worstRatio = -1;
    private String worst;

    Check(String what) {
      this.what = what;
    }

    void length(String at, int expected, int actual) {
      if (expected != actual) {
        fail(what + at + " has " + actual + " entries; the reference has " + expected);
      }
    }

    void tensor3(String at, double[][][] expected, double[][][] actual) {
      length(at, expected.length, actual.length);
      for (int i = 0; i < expected.length; i++) {
        matrix(at + "[" + i + "]", expected[i], actual[i]);
      }
    }

    void matrix(String at, double[][] expected, double[][] actual) {
      length(at, expected.length, actual.length);
      for (int i = 0; i < expected.length; i++) {
        vector(at + "[" + i + "]", expected[i], actual[i], -1);
      }
    }

    /** Compares entries; {@code fixedAllowed < 0} means {@link #allowed(double)} per entry. */
    void vector(String at, double[] expected, double[] actual, double fixedAllowed) {
      length(at, expected.length, actual.length);
      for (int k = 0; k < expected.length; k++) {
        value(at + "[" + k + "]", expected[k], actual[k],
            fixedAllowed < 0 ? allowed(expected[k]) : fixedAllowed);
      }
    }

    void value(String at, double expected, double actual, double allowed) {
      compared++;
      double diff = Math.abs(actual - expected);
      if (diff <= allowed) {
        return;
      }
      violations++;
      double ratio = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff / allowed;
      if (ratio > worstRatio) {
        worstRatio = ratio;
        worst = String.format("%s%s: expected %.17g but was %.17g (|diff| %.3g > allowed %.3g)",
            what, at, expected, actual, diff, allowed);
      }
    }

    void done() {
      if (violations > 0) {
        fail(worst + "; " + violations + " of " + compared + " values out of tolerance "
            + value);
      }
    }
  }
}
