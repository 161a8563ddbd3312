package io.lstmirf.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;

/**
 * Assertions that two results agree entry by entry within an absolute tolerance: the shapes are
 * equal and the largest absolute difference is at most the tolerance (a NaN never passes).
 */
public final class CloseAssertions {
  private CloseAssertions() {}

  /** Arrays {@code [a][b][c]}: sequences, traces, targets. */
  public static void assertClose(double[][][] expected, double[][][] actual, double tolerance,
      String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertShape(expected[i], actual[i], what + "[" + i + "]");
    }
    assertWithin(FlatArrays.maxAbsDifference(expected, actual), tolerance, what);
  }

  /** Arrays {@code [a][b]}: one step of a batch. */
  public static void assertClose(double[][] expected, double[][] actual, double tolerance,
      String what) {
    assertShape(expected, actual, what);
    assertWithin(FlatArrays.maxAbsDifference(expected, actual), tolerance, what);
  }

  /** Both parts of a state. */
  public static void assertClose(LstmState expected, LstmState actual, double tolerance,
      String what) {
    assertClose(expected.h(), actual.h(), tolerance, what + " h");
    assertClose(expected.c(), actual.c(), tolerance, what + " c");
  }

  /** Every weight of the same architecture. */
  public static void assertClose(LstmWeights expected, LstmWeights actual, double tolerance,
      String what) {
    assertEquals(expected.spec(), actual.spec(), what + ": architecture");
    assertWithin(expected.maxAbsDifference(actual), tolerance, what);
  }

  private static void assertShape(double[][] expected, double[][] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i].length, actual[i].length, what + "[" + i + "]: length");
    }
  }

  private static void assertWithin(double difference, double tolerance, String what) {
    assertTrue(difference <= tolerance, () -> what + ": max |difference| " + difference + " > "
        + tolerance);
  }
}
