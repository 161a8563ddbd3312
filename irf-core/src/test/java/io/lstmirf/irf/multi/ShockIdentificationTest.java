package io.lstmirf.irf.multi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.testing.Agreement;
import org.junit.jupiter.api.Test;

/** The impulse vectors of each identification. */
class ShockIdentificationTest {
  private static final double[][] SIGMA = {{4, 2, 0}, {2, 5, 1}, {0, 1, 9}};

  @Test
  void orthogonalisedImpulsesAreTheCholeskyFactor() {
    double[][] p = ShockIdentification.ORTHOGONALISED.impulses(SIGMA);
    // P P' = Sigma, P lower triangular with a positive diagonal
    Agreement.absolute(1e-14).assertClose("P P'", SIGMA, KnownVar.times(p, transpose(p)));
    assertEquals(0, p[0][1]);
    assertEquals(0, p[0][2]);
    assertEquals(0, p[1][2]);
    assertEquals(2, p[0][0]);
    assertEquals(1, p[1][0]);
  }

  @Test
  void generalizedImpulsesMoveTheOthersByTheirConditionalMean() {
    double[][] d = ShockIdentification.GENERALIZED.impulses(SIGMA);
    // column j: Sigma e_j / sqrt(Sigma_jj): its own innovation by one standard deviation
    for (int j = 0; j < 3; j++) {
      assertEquals(Math.sqrt(SIGMA[j][j]), d[j][j], 1e-15);
      for (int i = 0; i < 3; i++) {
        assertEquals(SIGMA[i][j] / Math.sqrt(SIGMA[j][j]), d[i][j], 1e-15);
      }
    }
    // the first variable's generalized impulse is its orthogonalised one
    double[][] p = ShockIdentification.ORTHOGONALISED.impulses(SIGMA);
    for (int i = 0; i < 3; i++) {
      assertEquals(p[i][0], d[i][0], 1e-15);
    }
  }

  @Test
  void namesAndBadCovariances() {
    assertEquals(ShockIdentification.ORTHOGONALISED, ShockIdentification.parse("Orth"));
    assertEquals(ShockIdentification.GENERALIZED, ShockIdentification.parse("generalized"));
    assertThrows(InvalidInputException.class, () -> ShockIdentification.parse("cholesky"));
    double[][] singular = {{1, 1}, {1, 1}};
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> ShockIdentification.ORTHOGONALISED.impulses(singular));
    assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
    assertThrows(
        InvalidInputException.class,
        () -> ShockIdentification.GENERALIZED.impulses(new double[][] {{0, 0}, {0, 1}}));
  }

  private static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }
}
