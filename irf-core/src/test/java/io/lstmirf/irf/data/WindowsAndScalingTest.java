package io.lstmirf.irf.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.train.Dataset;
import org.junit.jupiter.api.Test;

/** Windows exactly as the method defines them, and a scaler that never sees validation data. */
class WindowsAndScalingTest {

  static double[] ramp(int n) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = i;
    }
    return s;
  }

  @Test
  void windowIHasInputsSiToSiPlusLookbackMinus1AndTargetSiPlusLookbackPlusOffset() {
    Windowing w = new Windowing(60, 30);
    double[] s = ramp(200);
    assertEquals(200 - 90, w.count(200));
    Dataset d = w.windows(s, 0, w.count(200));
    double[][][] x = d.inputs();
    double[][][] y = d.targets();
    for (int i = 0; i < d.size(); i++) {
      for (int t = 0; t < 60; t++) {
        assertEquals(i + t, x[i][t][0]);
      }
      assertEquals(i + 60 + 30, y[i][0][0]); // the original: y = s[i + 60 + 30]
    }
    assertEquals(199, y[d.size() - 1][0][0]); // the last window's target is the last point
    assertThrows(InvalidInputException.class, () -> w.windows(s, 1, w.count(200)));
    assertEquals(0, w.count(90));
  }

  @Test
  void offsetZeroIsOneStepAhead() {
    Dataset d = new Windowing(3, 0).windows(ramp(10), 2, 1);
    assertEquals(2, d.inputs()[0][0][0]);
    assertEquals(4, d.inputs()[0][2][0]);
    assertEquals(5, d.targets()[0][0][0]);
  }

  @Test
  void scalerIsFittedOnTheTrainingPartOnly() {
    // a series that keeps rising: the validation part lies above everything the scaler saw
    double[] s = ramp(100);
    PreparedSeries p = PreparedSeries.of(s, new Windowing(5, 2), 0.8);
    assertEquals(80, p.trainEnd());
    MinMaxScaler k = p.scaler().column(0);
    assertEquals(0, k.min());
    assertEquals(79, k.max()); // s[0..79]: the training part, nothing after it
    double[][] scaled = p.scaled();
    assertEquals(0, scaled[0][0]);
    assertEquals(1, scaled[79][0], 1e-15);
    assertTrue(scaled[99][0] > 1, "validation values above the training range scale above 1");
    assertEquals(99, k.inverse(scaled[99][0]), 1e-12);
  }

  @Test
  void trainingWindowsEndBeforeTheSplitAndValidationTargetsCoverTheRest() {
    double[] s = ramp(100);
    PreparedSeries p = PreparedSeries.of(s, new Windowing(5, 2), 0.8);
    MinMaxScaler k = p.scaler().column(0);
    double[][][] trainX = p.train().inputs();
    double[][][] trainY = p.train().targets();
    assertEquals(80 - 7, p.train().size());
    for (int i = 0; i < trainY.length; i++) {
      assertTrue(k.inverse(trainY[i][0][0]) < 80, "a training target lies in the training part");
      assertEquals(i, k.inverse(trainX[i][0][0]), 1e-9);
    }
    double[][][] valY = p.validation().targets();
    assertEquals(20, valY.length); // one validation window per point of the validation part
    for (int i = 0; i < valY.length; i++) {
      assertEquals(80 + i, k.inverse(valY[i][0][0]), 1e-9);
    }
    // the validation windows' inputs reach back into the training part, as history may
    assertEquals(73, k.inverse(p.validation().inputs()[0][0][0]), 1e-9);
    double[][] stretch = p.validationStretch();
    assertEquals(100 - 73, stretch.length);
    assertEquals(73, k.inverse(stretch[0][0]), 1e-9);
  }

  @Test
  void multivariateWindowsCarryEveryColumnAndEachColumnHasItsOwnScale() {
    double[][] s = new double[50][];
    for (int t = 0; t < s.length; t++) {
      s[t] = new double[] {t, 10 - 2.0 * t};
    }
    PreparedSeries p = PreparedSeries.of(s, new Windowing(4, 0), 0.8);
    assertEquals(40, p.trainEnd());
    SeriesScaler k = p.scaler();
    assertEquals(2, k.dimension());
    assertEquals(39, k.range(0));
    assertEquals(78, k.range(1)); // 10 - 2 * 39 .. 10
    double[][][] x = p.train().inputs();
    double[][][] y = p.train().targets();
    assertEquals(36, x.length);
    assertEquals(2, x[0][0].length);
    assertEquals(2, y[0][0].length);
    double[][] back = k.inverse(new double[][] {x[3][1], y[3][0]});
    assertArrayEquals(new double[] {4, 2}, back[0], 1e-12);
    assertArrayEquals(new double[] {7, -4}, back[1], 1e-12); // target s[3 + 4]
    assertEquals(50 - 36, p.validationStretch().length);
    double[][] flat = new double[30][];
    for (int t = 0; t < flat.length; t++) {
      flat[t] = new double[] {t, 3};
    }
    InvalidInputException constant =
        assertThrows(
            InvalidInputException.class, () -> PreparedSeries.of(flat, new Windowing(4, 0), 0.8));
    assertTrue(constant.getMessage().startsWith("column 1: "), constant.getMessage());
  }

  @Test
  void clearErrorsForSeriesThatCannotBeUsed() {
    InvalidInputException shortSeries =
        assertThrows(
            InvalidInputException.class,
            () -> PreparedSeries.of(ramp(60), new Windowing(60, 30), 0.8));
    assertTrue(shortSeries.getMessage().contains("too short"), shortSeries.getMessage());
    double[] flat = new double[50];
    InvalidInputException constant =
        assertThrows(
            InvalidInputException.class, () -> PreparedSeries.of(flat, new Windowing(5, 0), 0.8));
    assertTrue(constant.getMessage().contains("constant"), constant.getMessage());
    assertThrows(InvalidInputException.class, () -> new Windowing(0, 1));
    assertThrows(InvalidInputException.class, () -> new Windowing(3, -1));
    assertThrows(
        InvalidInputException.class, () -> PreparedSeries.of(ramp(50), new Windowing(5, 0), 1.0));
  }
}
