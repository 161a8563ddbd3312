package io.lstmirf.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import org.junit.jupiter.api.Test;

class SlicesTest {
  private static final double[][][] X = RandomData.uniform(3, 5, 2, 1.0, 1);

  @Test
  void aStepIsACopyOfEverySequenceAtThatTime() {
    double[][] step = Slices.step(X, 2);
    assertEquals(3, step.length);
    assertArrayEquals(X[1][2], step[1]);
    step[1][0] = 99;
    assertEquals(RandomData.uniform(3, 5, 2, 1.0, 1)[1][2][0], X[1][2][0], "x is untouched");
  }

  @Test
  void stepsAndRowsCutTheSequences() {
    double[][][] middle = Slices.steps(X, 1, 4);
    assertEquals(3, middle.length);
    assertEquals(3, middle[0].length);
    assertArrayEquals(X[2][3], middle[2][2]);
    double[][][] last = Slices.rows(X, 2, 3);
    assertEquals(1, last.length);
    assertArrayEquals(X[2][4], last[0][4]);
  }

  @Test
  void aStateRowIsAStateOfBatchOne() {
    LstmState s = RandomData.state(LstmSpec.of(1, 3, 2), 4, 1.0, 5);
    LstmState row = Slices.row(s, 2);
    assertEquals(1, row.batchSize());
    assertArrayEquals(s.h()[1][2], row.h()[1][0]);
    assertArrayEquals(s.c()[0][2], row.c()[0][0]);
  }
}
