package io.lstmirf.irf.var;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * A multivariate time series: {@code T} observations of {@code K} named variables, oldest first.
 * Immutable.
 *
 * @param names the variables, {@code [K]}, distinct
 * @param values {@code [T][K]}, finite
 */
public record TimeSeries(List<String> names, double[][] values) {

  public TimeSeries {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new InvalidInputException("a time series needs at least one variable");
    }
    if (new HashSet<>(names).size() != names.size()) {
      throw new InvalidInputException("variable names must be distinct, got " + names);
    }
    if (values == null || values.length == 0) {
      throw new InvalidInputException("a time series needs at least one observation");
    }
    FlatArrays.requireBox("series", values, values.length, names.size());
    FlatArrays.requireFinite("series", values);
    values = FlatArrays.copy(values);
  }

  /** A series with variables named {@code y0, y1, ...}. */
  public static TimeSeries of(double[][] values) {
    if (values == null || values.length == 0 || values[0] == null) {
      throw new InvalidInputException("a time series needs at least one observation");
    }
    String[] names = new String[values[0].length];
    Arrays.setAll(names, k -> "y" + k);
    return new TimeSeries(List.of(names), values);
  }

  /** T: the number of observations. */
  public int length() {
    return values.length;
  }

  /** K: the number of variables. */
  public int dimension() {
    return names.size();
  }

  @Override
  public double[][] values() {
    return FlatArrays.copy(values);
  }

  /** Observation {@code t} of variable {@code k}. */
  public double get(int t, int k) {
    return values[t][k];
  }

  /**
   * The variables named {@code chosen}, in that order.
   *
   * @throws InvalidInputException naming the variables this series lacks, or a repeated name
   */
  public TimeSeries select(List<String> chosen) {
    List<String> missing = chosen.stream().filter(n -> !names.contains(n)).toList();
    if (!missing.isEmpty()) {
      throw new InvalidInputException(
          "no column "
              + String.join(", ", missing)
              + " in the"
              + " data; its columns are "
              + String.join(", ", names)
              + " (names are"
              + " case-sensitive)");
    }
    double[][] out = new double[values.length][chosen.size()];
    for (int k = 0; k < chosen.size(); k++) {
      int from = names.indexOf(chosen.get(k));
      for (int t = 0; t < values.length; t++) {
        out[t][k] = values[t][from];
      }
    }
    return new TimeSeries(chosen, out);
  }

  /** Observations {@code [from, to)}. */
  public TimeSeries range(int from, int to) {
    return new TimeSeries(names, Arrays.copyOfRange(values, from, to));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeSeries s
        && s.names.equals(names)
        && Arrays.deepEquals(s.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * names.hashCode() + Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    return "TimeSeries" + names + "[T=" + values.length + "]";
  }
}
