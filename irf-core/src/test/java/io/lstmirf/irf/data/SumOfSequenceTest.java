package io.lstmirf.irf.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.train.Dataset;
import org.junit.jupiter.api.Test;

class SumOfSequenceTest {

  @Test
  void targetsAreTheSumsOfStandardNormalInputs() {
    Dataset d = SumOfSequence.generate(4000, SumOfSequence.DEFAULT_LENGTH, 3);
    double[][][] x = d.inputs();
    double[][][] y = d.targets();
    assertEquals(4000, d.size());
    assertEquals(10, x[0].length);
    assertEquals(1, x[0][0].length);
    assertEquals(1, y[0].length);
    double sum = 0;
    double squares = 0;
    for (int n = 0; n < x.length; n++) {
      double s = 0;
      for (double[] step : x[n]) {
        s += step[0];
        sum += step[0];
        squares += step[0] * step[0];
      }
      assertEquals(s, y[n][0][0], 1e-12);
    }
    int count = 4000 * 10;
    assertEquals(0, sum / count, 4 / Math.sqrt(count));
    assertEquals(1, squares / count, 0.03);
  }

  @Test
  void rejectsEmptyTasks() {
    assertThrows(InvalidInputException.class, () -> SumOfSequence.generate(0, 10, 1));
    assertThrows(InvalidInputException.class, () -> SumOfSequence.generate(5, 0, 1));
  }
}
