package io.lstmirf.irf.var;

import java.util.List;

/**
 * Information criteria of VAR(p) for {@code p = 0 .. maxLags}, every order fitted on the same
 * observations (the first {@code maxLags - p} are dropped for order {@code p}, as statsmodels'
 * {@code VAR.select_order} does), so that they are comparable.
 *
 * @param maxLags the largest order tried
 * @param byLag the criteria of order {@code p} at index {@code p}
 */
public record LagOrderSelection(int maxLags, List<InformationCriteria> byLag) {

  public LagOrderSelection {
    byLag = List.copyOf(byLag);
  }

  /** The order minimising {@code criterion}; the smallest such order on ties. */
  public int selected(InformationCriterion criterion) {
    int best = 0;
    for (int p = 1; p < byLag.size(); p++) {
      if (byLag.get(p).get(criterion) < byLag.get(best).get(criterion)) {
        best = p;
      }
    }
    return best;
  }
}
