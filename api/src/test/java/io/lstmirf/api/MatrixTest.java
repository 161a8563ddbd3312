package io.lstmirf.api;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class MatrixTest {
  private static final double[][] A = {{1, 2, 3}, {4, 5, 6}};

  @Test
  void copiesInAndOut() {
    double[][] source = {{1, 2}, {3, 4}};
    Matrix m = Matrix.of("m", source);
    source[0][0] = 99;
    assertEquals(1, m.get(0, 0), "later changes to the source do not leak in");
    m.toRowMajor()[0] = 99;
    m.row(0)[0] = 99;
    m.toArray()[0][0] = 99;
    assertEquals(1, m.get(0, 0), "arrays handed out are copies");
    double[] flat = {1, 2, 3, 4};
    Matrix f = Matrix.ofRowMajor(2, 2, flat);
    flat[3] = 99;
    assertEquals(4, f.get(1, 1));
  }

  @Test
  void shapeAndAccess() {
    Matrix m = Matrix.of("m", A);
    assertEquals(2, m.rows());
    assertEquals(3, m.cols());
    assertEquals("2x3", m.shape());
    assertEquals(6, m.get(1, 2));
    assertArrayEquals(new double[] {4, 5, 6}, m.row(1));
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m.toRowMajor());
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, m.toColumnMajor());
    assertArrayEquals(A, m.toArray());
  }

  @Test
  void raggedMissingAndMiscountedInputsAreRejectedByName() {
    assertRejected(
        () -> Matrix.of("layers[0].weightIh", new double[][] {{1, 2}, {3}}),
        "layers[0].weightIh is ragged",
        "row 1 has length 1",
        "row 0 has length 2");
    assertRejected(() -> Matrix.of("head.weight", null), "head.weight is missing");
    assertRejected(() -> Matrix.of("w", new double[][] {{1}, null}), "w row 1 is missing");
    assertRejected(
        () -> Matrix.ofRowMajor(2, 3, new double[5]), "expected 2x3 = 6 values", "got 5");
    assertRejected(() -> Matrix.ofRowMajor(2, 2, new float[3]), "expected 2x2 = 4 values");
  }

  @Test
  void floatsWidenExactlyAndRoundBack() {
    float[] f = {0.1f, -3.3f, 1e-30f, Float.MAX_VALUE};
    Matrix m = Matrix.ofRowMajor(2, 2, f);
    assertEquals((double) 0.1f, m.get(0, 0), 0);
    assertArrayEquals(f, m.toFloatRowMajor());
    Matrix d = Matrix.ofRowMajor(1, 1, new double[] {0.1});
    assertEquals(0.1f, d.toFloatRowMajor()[0], 0, "rounded to the nearest float");
  }

  @Test
  void transposeRowBlocksAndStacking() {
    Matrix m = Matrix.of("m", A);
    Matrix t = m.transpose();
    assertEquals("3x2", t.shape());
    assertArrayEquals(new double[][] {{1, 4}, {2, 5}, {3, 6}}, t.toArray());
    assertEquals(m, t.transpose());
    Matrix tall = Matrix.of("tall", new double[][] {{1}, {2}, {3}, {4}});
    assertArrayEquals(new double[][] {{2}, {3}}, tall.rowBlock(1, 3).toArray());
    assertEquals(tall, Matrix.stackRows(tall.rowBlock(0, 1), tall.rowBlock(1, 4)));
    assertRejected(() -> Matrix.stackRows(m, tall), "cannot stack a 4x1 block under 3 columns");
  }

  @Test
  void finitenessAndDifferences() {
    Matrix m = Matrix.ofRowMajor(2, 2, new double[] {1, 2, Double.NaN, 4});
    assertEquals(2, m.firstNonFinite());
    assertEquals(false, m.isFinite());
    assertEquals(true, Matrix.zeros(3, 2).isFinite());
    assertEquals(
        0.5,
        Matrix.of("a", A).maxAbsDifference(Matrix.of("b", new double[][] {{1, 2, 3.5}, {4, 5, 6}})),
        0);
    assertRejected(
        () -> Matrix.of("a", A).maxAbsDifference(Matrix.zeros(3, 2)), "shapes differ: 2x3 vs 3x2");
  }

  @Test
  void equalityIsByShapeAndValues() {
    assertEquals(Matrix.of("a", A), Matrix.ofRowMajor(2, 3, new double[] {1, 2, 3, 4, 5, 6}));
    assertEquals(
        Matrix.of("a", A).hashCode(),
        Matrix.ofRowMajor(2, 3, new double[] {1, 2, 3, 4, 5, 6}).hashCode());
    assertNotEquals(Matrix.of("a", A), Matrix.ofRowMajor(3, 2, new double[] {1, 2, 3, 4, 5, 6}));
  }
}
