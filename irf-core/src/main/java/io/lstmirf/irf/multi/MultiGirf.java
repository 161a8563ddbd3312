package io.lstmirf.irf.multi;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.irf.var.ResponseBand;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Generalized impulse responses of K variables to a one-standard-deviation shock in each of them,
 * from an ensemble of one-step LSTM forecasters, in the data's units and in statsmodels' layout
 * ({@code irfs}: {@code [step][response][impulse]}), so that it lies beside a VAR's {@code
 * irf(N).irfs} or {@code orth_irfs}. Immutable.
 *
 * @param names the variables, {@code [K]}
 * @param spec what was measured
 * @param histories histories per model
 * @param seeds the members' seeds, {@code [S]}
 * @param mean the mean response over models and histories, {@code [N+1][K][K]}
 * @param quantiles the responses' quantiles across all models' histories, one per level
 * @param memberMeans each model's mean over histories, {@code [S][N+1][K][K]}
 * @param impulses each model's impulse vectors, {@code [S][K][K]} {@code [model][variable]
 *     [impulse]}: the response at step 0
 */
public record MultiGirf(
    List<String> names,
    MultiGirfSpec spec,
    int histories,
    List<Long> seeds,
    double[][][] mean,
    List<ResponseQuantile> quantiles,
    double[][][][] memberMeans,
    double[][][] impulses) {

  public MultiGirf {
    names = List.copyOf(names);
    seeds = List.copyOf(seeds);
    Objects.requireNonNull(spec, "spec");
    int k = names.size();
    FlatArrays.requireBox("mean response", mean, spec.horizon() + 1, k, k);
    if (memberMeans.length != seeds.size() || impulses.length != seeds.size()) {
      throw new InvalidInputException(
          seeds.size()
              + " seeds but "
              + memberMeans.length
              + " member responses and "
              + impulses.length
              + " impulse sets");
    }
    mean = FlatArrays.copy(mean);
    quantiles =
        quantiles.stream().sorted(Comparator.comparingDouble(ResponseQuantile::level)).toList();
    memberMeans = Arrays.stream(memberMeans).map(FlatArrays::copy).toArray(double[][][][]::new);
    impulses = FlatArrays.copy(impulses);
  }

  /** N, the last step. */
  public int horizon() {
    return spec.horizon();
  }

  @Override
  public double[][][] mean() {
    return FlatArrays.copy(mean);
  }

  @Override
  public double[][][][] memberMeans() {
    return Arrays.stream(memberMeans).map(FlatArrays::copy).toArray(double[][][][]::new);
  }

  @Override
  public double[][][] impulses() {
    return FlatArrays.copy(impulses);
  }

  /** The mean response of {@code response} to {@code impulse}, {@code [N+1]}. */
  public double[] path(int response, int impulse) {
    double[] out = new double[mean.length];
    for (int j = 0; j < mean.length; j++) {
      out[j] = mean[j][response][impulse];
    }
    return out;
  }

  /**
   * The band from the lowest to the highest quantile level (0.05 to 0.95 by default); empty with a
   * single level.
   */
  public Optional<ResponseBand> outerBand() {
    if (quantiles.size() < 2) {
      return Optional.empty();
    }
    return Optional.of(
        new ResponseBand(quantiles.get(0).values(), quantiles.get(quantiles.size() - 1).values()));
  }

  /** The outer band's levels as percentages, e.g. {@code 5%-95%}; empty without a band. */
  public String outerBandLabel() {
    if (quantiles.size() < 2) {
      return "";
    }
    return percent(quantiles.get(0).level())
        + "-"
        + percent(quantiles.get(quantiles.size() - 1).level());
  }

  /** A level as a percentage with at most three significant digits: 2.5%, 50%, 97.5%. */
  private static String percent(double level) {
    return new BigDecimal(100 * level)
            .round(new MathContext(3))
            .stripTrailingZeros()
            .toPlainString()
        + "%";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiGirf g
        && g.names.equals(names)
        && g.spec.equals(spec)
        && g.histories == histories
        && g.seeds.equals(seeds)
        && Arrays.deepEquals(g.mean, mean)
        && g.quantiles.equals(quantiles)
        && Arrays.deepEquals(g.memberMeans, memberMeans)
        && Arrays.deepEquals(g.impulses, impulses);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        names,
        spec,
        histories,
        seeds,
        Arrays.deepHashCode(mean),
        quantiles,
        Arrays.deepHashCode(memberMeans),
        Arrays.deepHashCode(impulses));
  }

  @Override
  public String toString() {
    return "MultiGirf"
        + names
        + "["
        + spec.identification().id()
        + ", N="
        + horizon()
        + ", "
        + seeds.size()
        + " model(s) x "
        + histories
        + " histories]";
  }
}
