package io.lstmirf.api.check;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link SelfCheck} found on one backend.
 *
 * @param kind {@code quick} (run when a backend loads) or {@code thorough} ({@code lstm-irf
 *     backends --verify})
 * @param outcomes every case, in the order run
 * @param elapsed wall time of the whole check, the reference's share included
 * @param cpu the processor it ran on
 * @param cached true when this is a pass remembered from an earlier run on this machine with the
 *     same engine, settings and cases ({@link SelfCheckCache}); {@code elapsed} is then that run's
 */
public record SelfCheckResult(
    String kind, List<CaseOutcome> outcomes, Duration elapsed, CpuInfo cpu, boolean cached) {

  public SelfCheckResult {
    outcomes = List.copyOf(outcomes);
  }

  /** A result of a check that ran just now. */
  public SelfCheckResult(String kind, List<CaseOutcome> outcomes, Duration elapsed, CpuInfo cpu) {
    this(kind, outcomes, elapsed, cpu, false);
  }

  /** Whether every case was within tolerance. */
  public boolean passed() {
    return outcomes.stream().allMatch(CaseOutcome::passed);
  }

  /** How many comparisons ran (a case compared in two modes counts twice). */
  public int cases() {
    return outcomes.size();
  }

  /** The largest |backend - reference| over every case (infinite if a case failed to run). */
  public double maxAbsDifference() {
    return outcomes.stream().mapToDouble(CaseOutcome::maxAbsDifference).max().orElse(0);
  }

  /** The failed case with the largest difference, if any failed. */
  public Optional<CaseOutcome> worstFailure() {
    return outcomes.stream()
        .filter(o -> !o.passed())
        .max(Comparator.comparingDouble(CaseOutcome::maxAbsDifference));
  }

  /**
   * Why the backend is unavailable after a failed check, in one line: the precision, mode and
   * shape, the largest difference, and what to do.
   */
  public String failureReason(String backend) {
    CaseOutcome w =
        worstFailure().orElseThrow(() -> new IllegalStateException("the self-check passed"));
    long failed = outcomes.stream().filter(o -> !o.passed()).count();
    return "self-check failed on "
        + cpu.describe()
        + ": "
        + w.describe()
        + " is off by "
        + String.format("%.3g", w.maxAbsDifference())
        + " from the float64 reference (allowed "
        + Tolerance.of(w.kase().precision()).value()
        + "; worst "
        + w.detail()
        + "), "
        + failed
        + " of "
        + cases()
        + " comparisons wrong. This engine computes wrong numbers on this"
        + " machine: use another backend ("
        + backend
        + " stays off), run 'lstm-irf backends"
        + " --verify' for the full table and report it; -D"
        + io.lstmirf.api.EngineSettings.SELF_CHECK_PROPERTY
        + "=false skips the check at your own risk";
  }
}
