package io.lstmirf.api.check;

/**
 * How one {@link SelfCheckCase} came out in one of its modes.
 *
 * @param kase the case
 * @param mode the mode compared
 * @param passed every value within the tolerance of the case's precision
 * @param maxAbsDifference the largest |backend - reference| over every value compared (infinite
 *     when the backend failed or returned NaN)
 * @param detail empty when passed; else the worst value, or the error the backend threw
 */
public record CaseOutcome(
    SelfCheckCase kase,
    SelfCheckCase.Mode mode,
    boolean passed,
    double maxAbsDifference,
    String detail) {

  /** The case in this mode, in words. */
  public String describe() {
    return kase.describe(mode);
  }
}
