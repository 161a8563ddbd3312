package io.lstmirf.irf.var;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The VAR against an independent numpy least-squares computation of statsmodels' conventions:
 * src/test/python/var_reference.py prints every expected value below from var3.csv (a VAR(2) in
 * three variables, 160 observations, written with a pandas-style index column).
 */
class VarModelTest {
  private static final double TOL = 1e-10;
  private static TimeSeries series;

  @BeforeAll
  static void readData() throws URISyntaxException {
    series = CsvSeries.read(Path.of(VarModelTest.class.getResource("var3.csv").toURI()));
  }

  @Test
  void readsTheCsvSkippingTheIndexColumn() {
    assertEquals(List.of("gdp", "inflation", "rate"), series.names());
    assertEquals(160, series.length());
    assertEquals(0.085765, series.get(0, 0));
    assertEquals(-0.817269, series.get(1, 2));
  }

  @Test
  void coefficientsAndResidualCovariance() {
    VarModel var = VarModel.fit(series, 2);
    assertEquals(2, var.lags());
    assertEquals(158, var.observations());
    assertEquals(158 - 3 * 2 - 1, var.degreesOfFreedom());
    assertArrayEquals(
        new double[] {0.6316494485843157, -0.14859522283270138, 0.15496573596822236},
        var.intercept(),
        TOL);
    double[][][] a = var.coefficients();
    assertMatrix(
        new double[][] {
          {0.30032844022208965, 0.23967990433227432, -0.21685534698270006},
          {0.2625873373171457, 0.19465919039986457, -0.04197544256096573},
          {0.05128819155167072, 0.16614997288573247, 0.48303479704666313}
        },
        a[0]);
    assertMatrix(
        new double[][] {
          {-0.15969650752019698, 0.06385468077817405, 0.03506226773569689},
          {0.02622871936876217, 0.19452276688305012, -0.08146220256406195},
          {0.03402024848633477, 0.08032863838408792, -0.1526041632091502}
        },
        a[1]);
    assertMatrix(
        new double[][] {
          {0.92448037912033, 0.34282336282051923, -0.24740317795783656},
          {0.34282336282051923, 0.7796172147945191, 0.0694643614605037},
          {-0.24740317795783656, 0.0694643614605037, 0.4029889834536016}
        },
        var.sigmaU());
  }

  @Test
  void impulseResponsesInStatsmodelsLayout() {
    VarModel var = VarModel.fit(series, 2);
    double[][][] irf = var.irf(10);
    double[][][] orth = var.orthogonalisedIrf(10);
    assertEquals(11, irf.length);
    assertMatrix(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, irf[0]);
    // Phi_1 = A_1; [step][response][impulse]
    assertMatrix(var.coefficients()[0], irf[1]);
    assertMatrix(
        new double[][] {
          {-0.01768454620197632, 0.14646275871000144, -0.14487490895302682},
          {0.154053358760171, 0.2883776565338499, -0.16685217575520844},
          {0.11782641122929188, 0.2052202248676322, 0.06262211473033702}
        },
        irf[2]);
    assertMatrix(
        new double[][] {
          {0.00735892490253407, 0.00576677867370908, -0.00416354172278095},
          {0.00909519562308707, 0.02471081409640868, -0.03197658765160796},
          {0.02042907062034129, 0.04499666170799806, -0.05679464411538812}
        },
        irf[5]);
    assertMatrix(
        new double[][] {
          {1.0668059548927187e-04, 1.9154123277700729e-04, -1.7940985927510301e-04},
          {2.0198040817913441e-04, 4.5472000758485271e-04, -2.8359929380261911e-04},
          {1.7995943685040656e-04, 3.9067412536506954e-04, -7.6794079087267128e-05}
        },
        irf[10]);
    // orth_irfs[0] is the lower Cholesky factor of sigma_u
    assertEquals(0, orth[0][0][1]);
    assertEquals(Math.sqrt(0.92448037912033), orth[0][0][0], TOL);
    assertMatrix(
        new double[][] {
          {0.43002261201157943, 0.15032726510575795, -0.11817150746977492},
          {0.3326840779667298, 0.14886225152773586, -0.02287377919501328},
          {-0.01573514295883965, 0.2306111682673359, 0.26322131744307264}
        },
        orth[1]);
    assertMatrix(
        new double[][] {
          {0.07249549963965912, 0.08939480042325615, -0.07894703369657446},
          {0.29387618297329693, 0.19964300718392933, -0.09092315872284107},
          {0.17034815233281472, 0.17826793708823332, 0.034124820077503}
        },
        orth[2]);
    assertMatrix(
        new double[][] {
          {2.1703141694530816e-04, 1.1891550040958600e-04, -9.7766247503089935e-05},
          {4.2930769703151625e-04, 3.1070944099966343e-04, -1.5454244745319871e-04},
          {3.3208591589208063e-04, 3.0024793324664697e-04, -4.1847582809288230e-05}
        },
        orth[10]);
  }

  @Test
  void lagOrderSelectionOnACommonSample() {
    LagOrderSelection s = VarModel.selectOrder(series, 5);
    assertEquals(6, s.byLag().size());
    assertCriteria(
        s.byLag().get(0),
        -0.8826467222528303,
        -0.8237417199898771,
        -0.8587208343318314,
        0.4136867702304659);
    assertCriteria(
        s.byLag().get(1),
        -1.623127472803604,
        -1.3875074637517912,
        -1.5274239211196088,
        0.1972875270268111);
    assertCriteria(
        s.byLag().get(2),
        -1.608084021892211,
        -1.1957490060515388,
        -1.4406028064452194,
        0.20030790337048168);
    assertCriteria(
        s.byLag().get(5),
        -1.4479017671028347,
        -0.505421730895584,
        -1.065087560366854,
        0.23558400130253757);
    // the second lag's coefficients are small: every criterion prefers one lag on 155 points
    for (InformationCriterion c : InformationCriterion.values()) {
      assertEquals(1, s.selected(c), c.id());
    }
    VarModel chosen = VarModel.fit(series, 5, InformationCriterion.BIC);
    assertEquals(1, chosen.lags());
    assertEquals(159, chosen.observations());
  }

  @Test
  void orderZeroIsAConstantOnly() {
    VarModel var = VarModel.fit(series, 0);
    assertEquals(0, var.coefficients().length);
    double[][][] irf = var.irf(3);
    assertMatrix(new double[3][3], irf[1]);
    double mean0 = 0;
    for (int t = 0; t < series.length(); t++) {
      mean0 += series.get(t, 0) / series.length();
    }
    assertEquals(mean0, var.intercept()[0], 1e-12);
  }

  @Test
  void rejectsWhatCannotBeEstimated() {
    double[][] collinear = new double[50][2];
    for (int t = 0; t < 50; t++) {
      collinear[t][0] = Math.sin(t);
      collinear[t][1] = 2 * Math.sin(t);
    }
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> VarModel.fit(TimeSeries.of(collinear), 1));
    assertTrue(e.getMessage().contains("collinear"), e.getMessage());
    double[][] constant = new double[50][1];
    assertThrows(InvalidInputException.class, () -> VarModel.fit(TimeSeries.of(constant), 1));
    InvalidInputException few =
        assertThrows(
            InvalidInputException.class, () -> VarModel.fit(TimeSeries.of(new double[8][3]), 2));
    assertTrue(few.getMessage().contains("fewer lags"), few.getMessage());
    // statsmodels' bound: (n - K - 1) // (1 + K) = (160 - 4) // 4 = 39
    assertThrows(InvalidInputException.class, () -> VarModel.selectOrder(series, 40));
    assertThrows(InvalidInputException.class, () -> InformationCriterion.parse("aicc"));
    assertEquals(InformationCriterion.HQIC, InformationCriterion.parse("hqic"));
  }

  @Test
  void csvErrorsNameTheLineAndColumn() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> CsvSeries.parse(List.of("a,b", "1,2", "3,x"), "test.csv"));
    assertTrue(e.getMessage().contains("line 3, column 2 (b)"), e.getMessage());
    InvalidInputException ragged =
        assertThrows(
            InvalidInputException.class, () -> CsvSeries.parse(List.of("a,b", "1"), "test.csv"));
    assertTrue(ragged.getMessage().contains("line 2"), ragged.getMessage());
    assertThrows(InvalidInputException.class, () -> CsvSeries.parse(List.of("a,b"), "t.csv"));
    assertThrows(
        InvalidInputException.class, () -> CsvSeries.parse(List.of("a,a", "1,2"), "t.csv"));
    TimeSeries dated =
        CsvSeries.parse(List.of("date,\"x\",y", "2020-01,1,2", "", "2020-02,3,4"), "dated.csv");
    assertEquals(List.of("x", "y"), dated.names());
    assertArrayEquals(new double[] {3, 4}, dated.values()[1]);
  }

  private static void assertCriteria(
      InformationCriteria c, double aic, double bic, double hqic, double fpe) {
    assertEquals(aic, c.aic(), TOL);
    assertEquals(bic, c.bic(), TOL);
    assertEquals(hqic, c.hqic(), TOL);
    assertEquals(fpe, c.fpe(), TOL);
  }

  private static void assertMatrix(double[][] expected, double[][] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], TOL, "row " + i);
    }
  }
}
