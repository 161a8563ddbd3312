package io.lstmirf.experiment.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.experiment.report.ClaimCheck.Verdict;
import io.lstmirf.experiment.sweep.BiasSetting;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verdicts follow the numbers, whichever way they point. */
class OriginalClaimsTest {

  /** A fixed arm with the given mean half-life, contribution, oscillation and loss. */
  static SummaryRow arm(
      String backend,
      double bias,
      double halfLife,
      double contribution,
      double oscillation,
      double loss) {
    Spread none = Spread.of();
    return new SummaryRow(
        backend,
        new BiasSetting.Fixed(bias),
        3,
        Spread.of(halfLife - 1, halfLife, halfLife + 1),
        none,
        Spread.of(contribution),
        Spread.of(oscillation),
        none,
        Spread.of(loss, loss),
        none,
        none,
        Spread.of(1.0),
        none,
        none,
        none);
  }

  /** The article's own table, on one backend. */
  static List<SummaryRow> asClaimed(String backend) {
    return List.of(
        arm(backend, 0.5, 45, 0.123, 0.08, 0.02),
        arm(backend, 1.0, 32, 0.2, 0.1, 0.01),
        arm(backend, 1.5, 28, 0.3, 0.15, 0.015),
        arm(backend, 2.0, 22, 0.389, 0.22, 0.03));
  }

  static Verdict verdict(List<ClaimCheck> checks, String start) {
    return checks.stream()
        .filter(c -> c.claim().startsWith(start))
        .findFirst()
        .orElseThrow()
        .verdict();
  }

  @Test
  void theArticlesOwnNumbersAgreeWithEveryClaimTheyCover() {
    List<ClaimCheck> checks = OriginalClaims.check(asClaimed("x"), List.of(), 100, 50);
    assertEquals(Verdict.AGREES, verdict(checks, "Half-lives"));
    assertEquals(Verdict.AGREES, verdict(checks, "Memory shrinks"));
    assertEquals(Verdict.AGREES, verdict(checks, "Contribution"));
    assertEquals(Verdict.AGREES, verdict(checks, "Oscillation"));
    assertEquals(Verdict.AGREES, verdict(checks, "The lowest error"));
    assertEquals(Verdict.NOT_MEASURED, verdict(checks, "The adaptive rule"));
  }

  @Test
  void memoryThatGrowsWithTheBiasContradictsTheArticle() {
    List<SummaryRow> grows =
        List.of(
            arm("y", 0.5, 2, 0.0, 0.0, 0.01),
            arm("y", 1.0, 4, 0.0, 0.0, 0.02),
            arm("y", 2.0, 11, 0.01, 0.0, 0.005));
    List<SummaryRow> rows = new java.util.ArrayList<>(asClaimed("x"));
    rows.addAll(grows);
    List<ClaimCheck> checks = OriginalClaims.check(rows, List.of(), 100, 50);
    assertEquals(Verdict.PARTLY, verdict(checks, "Half-lives"));
    assertEquals(Verdict.PARTLY, verdict(checks, "Memory shrinks"));
    List<ClaimCheck> onlyY = OriginalClaims.check(grows, List.of(), 100, 50);
    assertEquals(Verdict.DISAGREES, verdict(onlyY, "Half-lives"));
    assertEquals(Verdict.DISAGREES, verdict(onlyY, "Memory shrinks"));
    assertEquals(Verdict.DISAGREES, verdict(onlyY, "Contribution"));
    assertEquals(Verdict.DISAGREES, verdict(onlyY, "The lowest error"));
    String measured =
        onlyY.stream()
            .filter(c -> c.claim().startsWith("Memory"))
            .findFirst()
            .orElseThrow()
            .measured();
    assertTrue(
        measured.contains("IRF half-life grows from 2.0 at b_f = 0.5 to 11.0 at b_f =" + " 2.0"),
        measured);
  }

  @Test
  void anAdaptiveRuleThatNeverFiresIsReportedAsSuch() {
    Spread loss = Spread.of(0.01, 0.012);
    AdaptiveComparison same =
        new AdaptiveComparison(
            "x",
            1.0,
            loss,
            loss,
            Spread.of(0, 0),
            Optional.of(new BiasSetting.Fixed(1.0)),
            loss,
            0,
            0);
    ClaimCheck c = OriginalClaims.check(asClaimed("x"), List.of(same), 100, 50).get(5);
    assertEquals(Verdict.DISAGREES, c.verdict());
    assertTrue(c.measured().startsWith("x: error the same as fixed b_f = 1.0"), c.measured());
    assertTrue(c.measured().contains("the rule never fired"), c.measured());
    AdaptiveComparison better =
        new AdaptiveComparison(
            "x", 1.0, loss, loss, Spread.of(14, 16), Optional.empty(), Spread.of(), Double.NaN, 7);
    assertEquals(
        Verdict.AGREES, OriginalClaims.check(List.of(), List.of(better), 100, 50).get(5).verdict());
  }

  @Test
  void halfLivesNeverReachedCountAtTheHorizonForTheTrend() {
    Spread none = Spread.of();
    SummaryRow neverReached =
        new SummaryRow(
            "z",
            new BiasSetting.Fixed(2.0),
            3,
            Spread.of(),
            none,
            none,
            none,
            none,
            none,
            none,
            none,
            none,
            none,
            none,
            none);
    assertEquals(100, OriginalClaims.censoredHalfLife(neverReached, 100));
    SummaryRow some =
        new SummaryRow(
            "z",
            new BiasSetting.Fixed(2.0),
            3,
            Spread.of(10),
            none,
            none,
            none,
            none,
            none,
            none,
            none,
            none,
            none,
            none,
            none);
    assertEquals(70, OriginalClaims.censoredHalfLife(some, 100));
  }

  @Test
  void aRunTooSmallToJudgeGetsInconclusiveVerdictsThatSayWhereTheNumbersPoint() {
    List<SummaryRow> grows =
        List.of(
            arm("y", 0.5, 2, 0.0, 0.0, 0.01),
            arm("y", 1.0, 4, 0.0, 0.0, 0.02),
            arm("y", 2.0, 11, 0.01, 0.0, 0.005));
    List<ClaimCheck> short2 = OriginalClaims.check(grows, List.of(), 100, 2);
    assertEquals(Verdict.INCONCLUSIVE, verdict(short2, "Half-lives"));
    ClaimCheck memory =
        short2.stream().filter(c -> c.claim().startsWith("Memory")).findFirst().orElseThrow();
    assertEquals(Verdict.DISAGREES, memory.asMeasured());
    assertEquals("inconclusive (as measured: disagrees)", memory.label());
    assertEquals(Verdict.NOT_MEASURED, verdict(short2, "The adaptive rule"));
    // 25 epochs, half the original's 50, is enough; 24 is not
    assertEquals(
        Verdict.DISAGREES, verdict(OriginalClaims.check(grows, List.of(), 100, 25), "Half-lives"));
    assertEquals(
        List.of(
            "24 epochs, fewer than 25 (half the original's 50): the models are not"
                + " trained as the article's were"),
        OriginalClaims.tooSmall(3, 24));
    Spread none = Spread.of();
    SummaryRow oneSeed =
        new SummaryRow(
            "y",
            new BiasSetting.Fixed(1.5),
            1,
            Spread.of(7),
            none,
            Spread.of(0.0),
            Spread.of(0.0),
            none,
            Spread.of(0.01),
            none,
            none,
            Spread.of(2.0),
            none,
            none,
            none);
    List<SummaryRow> withOneSeed = new java.util.ArrayList<>(grows);
    withOneSeed.add(oneSeed);
    assertEquals(1, OriginalClaims.fewestSeeds(withOneSeed));
    assertEquals(
        Verdict.INCONCLUSIVE,
        verdict(OriginalClaims.check(withOneSeed, List.of(), 100, 50), "Memory shrinks"));
    assertEquals(
        List.of("1 seed per arm, fewer than 3: too few for a spread to judge a" + " difference by"),
        OriginalClaims.tooSmall(1, 50));
    assertEquals(List.of(), OriginalClaims.tooSmall(3, 50));
  }
}
