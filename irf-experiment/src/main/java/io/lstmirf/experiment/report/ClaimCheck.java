package io.lstmirf.experiment.report;

/**
 * One claim of the original article beside what a sweep measured.
 *
 * @param claim the claim, as the article made it
 * @param measured what was measured, in numbers, per backend
 * @param verdict how the two compare; {@link Verdict#INCONCLUSIVE} when the run was too small to
 *     judge by
 * @param asMeasured the verdict the numbers point to, whether or not the run was large enough
 */
public record ClaimCheck(String claim, String measured, Verdict verdict, Verdict asMeasured) {

  /** A claim judged by its numbers alone. */
  public ClaimCheck(String claim, String measured, Verdict verdict) {
    this(claim, measured, verdict, verdict);
  }

  /**
   * This claim, inconclusive if the numbers point anywhere (a claim that was not measured stays
   * so).
   */
  public ClaimCheck inconclusive() {
    return asMeasured == Verdict.NOT_MEASURED
        ? this
        : new ClaimCheck(claim, measured, Verdict.INCONCLUSIVE, asMeasured);
  }

  /** "disagrees", or "inconclusive (as measured: disagrees)". */
  public String label() {
    return verdict == asMeasured
        ? verdict.label()
        : verdict.label() + " (as measured: " + asMeasured.label() + ")";
  }

  /** How a claim fares against the measurements. */
  public enum Verdict {
    /** Every backend's measurement supports the claim. */
    AGREES("agrees"),
    /** Some backends' measurements support it, or some of its numbers hold and others do not. */
    PARTLY("partly agrees"),
    /** No backend's measurement supports it. */
    DISAGREES("disagrees"),
    /** The sweep did not measure what the claim is about. */
    NOT_MEASURED("not measured"),
    /** The sweep measured it, but too few seeds or epochs to judge the claim by. */
    INCONCLUSIVE("inconclusive");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** AGREES if all of {@code n} cases hold, DISAGREES if none, PARTLY otherwise. */
    static Verdict of(int holding, int n) {
      if (n == 0) {
        return NOT_MEASURED;
      }
      return holding == n ? AGREES : holding == 0 ? DISAGREES : PARTLY;
    }
  }
}
