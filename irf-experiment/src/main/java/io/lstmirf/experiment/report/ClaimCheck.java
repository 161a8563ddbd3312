package io.lstmirf.experiment.report;

/**
 * One claim of the original article beside what a sweep measured.
 *
 * @param claim the claim, as the article made it
 * @param measured what was measured, in numbers, per backend
 * @param verdict how the two compare
 */
public record ClaimCheck(String claim, String measured, Verdict verdict) {

  /** How a claim fares against the measurements. */
  public enum Verdict {
    /** Every backend's measurement supports the claim. */
    AGREES("agrees"),
    /** Some backends' measurements support it, or some of its numbers hold and others do not. */
    PARTLY("partly agrees"),
    /** No backend's measurement supports it. */
    DISAGREES("disagrees"),
    /** The sweep did not measure what the claim is about. */
    NOT_MEASURED("not measured");

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
