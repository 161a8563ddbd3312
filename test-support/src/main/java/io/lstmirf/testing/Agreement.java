package io.lstmirf.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.check.Deviation;
import io.lstmirf.api.check.Tolerance;
import java.util.Map;

/**
 * The one way the project's tests say that results agree: every value compared under one rule, and
 * on failure the worst value (where, what was expected, what came, by how much) and how many of the
 * values compared were out of the rule. Shapes must be equal; a NaN never agrees.
 *
 * <p>Two rules. {@link #of(Precision)} / {@link #of(Tolerance)} is the api's {@link Tolerance},
 * {@code |actual - expected| <= value * max(1, |expected|)}, which the conformance suite and the
 * backends' load-time self-check hold engines to. {@link #absolute(double)} is a plain bound {@code
 * |actual - expected| <= bound}, for checks that state one (an engine against itself, a closed
 * form, a derivative with a known truncation error): those keep their own number.
 *
 * <p>Gradients ({@link #assertGradientsClose}) are held per tensor to the rule's value times that
 * tensor's largest reference entry: a float32 backprop loses a few ulps relative to the terms it
 * sums, so its error follows the tensor's scale, not 1 (a fixed bound would be meaningless for a
 * tensor of size 1e-3 and needlessly strict for one of size 10).
 */
public final class Agreement {
  private final Tolerance rule;
  private final boolean absolute;

  private Agreement(Tolerance rule, boolean absolute) {
    this.rule = rule;
    this.absolute = absolute;
  }

  /** The api's rule for an engine computing in {@code precision}: 2e-5 or 1e-10 of max(1, |e|). */
  public static Agreement of(Precision precision) {
    return of(Tolerance.of(precision));
  }

  /** The api's rule with this tolerance: {@code |a - e| <= value * max(1, |e|)}. */
  public static Agreement of(Tolerance tolerance) {
    return new Agreement(tolerance, false);
  }

  /** A plain absolute bound, {@code |a - e| <= bound} whatever the size of {@code e}. */
  public static Agreement absolute(double bound) {
    // Tolerance checks the bound is positive; exact equality is assertEquals' job.
    return new Agreement(new Tolerance(bound), true);
  }

  /** The tolerance on values of order 1, or the absolute bound. */
  public double value() {
    return rule.value();
  }

  /** The largest allowed |actual - expected| where the expected value is {@code expected}. */
  public double allowed(double expected) {
    return absolute ? rule.value() : rule.allowed(expected);
  }

  /** Whether {@code actual} agrees with {@code expected} (a NaN never does). */
  public boolean isClose(double expected, double actual) {
    return Math.abs(actual - expected) <= allowed(expected);
  }

  public void assertClose(String what, double expected, double actual) {
    Check c = new Check();
    c.value(what, expected, actual);
    c.done();
  }

  public void assertClose(String what, double[] expected, double[] actual) {
    Check c = new Check();
    c.vector(what, expected, actual);
    c.done();
  }

  public void assertClose(String what, double[][] expected, double[][] actual) {
    Check c = new Check();
    c.matrix(what, expected, actual);
    c.done();
  }

  /** Arrays {@code [a][b][c]}: sequences, traces, targets, one part of a state. */
  public void assertClose(String what, double[][][] expected, double[][][] actual) {
    Check c = new Check();
    c.tensor3(what, expected, actual);
    c.done();
  }

  /** Arrays {@code [a][b][c][d]}: the forget gates of every layer. */
  public void assertClose(String what, double[][][][] expected, double[][][][] actual) {
    Check c = new Check();
    c.length(what, expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      c.tensor3(what + "[" + i + "]", expected[i], actual[i]);
    }
    c.done();
  }

  /** Both parts of a state, {@code [L][B][H]}. */
  public void assertClose(String what, LstmState expected, LstmState actual) {
    assertClose(what + ".h", expected.h(), actual.h());
    assertClose(what + ".c", expected.c(), actual.c());
  }

  /**
   * Hidden states, head outputs, final state and traces; a part present in one result and absent
   * from the other is a failure.
   */
  public void assertClose(ForwardResult expected, ForwardResult actual) {
    assertClose("", expected, actual);
  }

  /** {@link #assertClose(ForwardResult, ForwardResult)} with {@code what} before each part. */
  public void assertClose(String what, ForwardResult expected, ForwardResult actual) {
    String at = what.isEmpty() ? "" : what + ": ";
    assertClose(at + "hidden", expected.hidden(), actual.hidden());
    assertEquals(
        expected.output().isPresent(), actual.output().isPresent(), at + "head output present");
    expected.output().ifPresent(e -> assertClose(at + "output", e, actual.output().get()));
    assertClose(at + "finalState", expected.finalState(), actual.finalState());
    assertEquals(
        expected.cellStates().isPresent(),
        actual.cellStates().isPresent(),
        at + "cell-state trace present");
    expected
        .cellStates()
        .ifPresent(e -> assertClose(at + "cellStates", e, actual.cellStates().get()));
    assertEquals(
        expected.forgetGates().isPresent(),
        actual.forgetGates().isPresent(),
        at + "forget-gate trace present");
    expected
        .forgetGates()
        .ifPresent(e -> assertClose(at + "forgetGates", e, actual.forgetGates().get()));
  }

  /** Every weight of the same architecture, entry by entry, as values. */
  public void assertClose(String what, LstmWeights expected, LstmWeights actual) {
    assertEquals(expected.spec(), actual.spec(), what + ": architecture");
    Check c = new Check();
    Map<String, double[]> a = WeightTensors.byName(actual);
    WeightTensors.byName(expected)
        .forEach((name, e) -> c.vector(what + "." + name, e, a.get(name)));
    c.done();
  }

  /**
   * Gradients of the same architecture, each tensor held to {@link #value()} times its own largest
   * reference entry (see the class doc).
   */
  public void assertGradientsClose(String what, LstmWeights expected, LstmWeights actual) {
    assertEquals(expected.spec(), actual.spec(), what + ": architecture");
    Check c = new Check();
    Map<String, double[]> a = WeightTensors.byName(actual);
    WeightTensors.byName(expected)
        .forEach(
            (name, e) ->
                c.scaledVector(
                    what + "." + name, e, a.get(name), rule.value() * WeightTensors.maxAbs(e)));
    c.done();
  }

  @Override
  public String toString() {
    return absolute
        ? "absolute bound " + rule.value()
        : "tolerance " + rule.value() + " of max(1, |expected|)";
  }

  /** One assertion: every value goes into a {@link Deviation}, which keeps the worst. */
  private final class Check {
    private final Deviation deviation = new Deviation(rule);

    /** Shapes are not a matter of degree: a length mismatch fails at once. */
    void length(String what, int expected, int actual) {
      if (expected != actual) {
        fail(what + " has " + actual + " entries; " + expected + " expected");
      }
    }

    void tensor3(String what, double[][][] expected, double[][][] actual) {
      length(what, expected.length, actual.length);
      for (int i = 0; i < expected.length; i++) {
        matrix(what + "[" + i + "]", expected[i], actual[i]);
      }
    }

    void matrix(String what, double[][] expected, double[][] actual) {
      length(what, expected.length, actual.length);
      for (int i = 0; i < expected.length; i++) {
        vector(what + "[" + i + "]", expected[i], actual[i]);
      }
    }

    void vector(String what, double[] expected, double[] actual) {
      length(what, expected.length, actual.length);
      for (int k = 0; k < expected.length; k++) {
        value(what + "[" + k + "]", expected[k], actual[k]);
      }
    }

    void scaledVector(String what, double[] expected, double[] actual, double allowed) {
      length(what, expected.length, actual.length);
      for (int k = 0; k < expected.length; k++) {
        deviation.value(what + "[" + k + "]", expected[k], actual[k], allowed);
      }
    }

    void value(String what, double expected, double actual) {
      deviation.value(what, expected, actual, allowed(expected));
    }

    void done() {
      if (!deviation.withinTolerance()) {
        fail(
            deviation.worst()
                + "; "
                + deviation.violations()
                + " of "
                + deviation.compared()
                + " values out of "
                + Agreement.this);
      }
    }
  }
}
