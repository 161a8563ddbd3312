package io.lstmirf.irf;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.irf.metrics.ResponseMetrics;
import java.util.Arrays;
import java.util.List;

/**
 * The response to one shock over a horizon of {@code N} lags: {@code response[j] = y_shocked[t0 +
 * j] - y_base[t0 + j]} for {@code j = 0 .. N-1}, on every response channel (head outputs if the
 * model has a head, else the top layer's hidden units), and the same difference of the top layer's
 * cell state, the memory itself. Immutable.
 *
 * @param shock the impulse
 * @param response {@code [N][R]}
 * @param cellResponse {@code [N][H]}
 */
public record ImpulseResponse(Shock shock, double[][] response, double[][] cellResponse) {

  public ImpulseResponse {
    if (shock == null) {
      throw new InvalidInputException("an impulse response needs its shock");
    }
    response = checkedCopy("response", response);
    cellResponse = checkedCopy("cellResponse", cellResponse);
    if (cellResponse.length != response.length) {
      throw new InvalidInputException(
          "cellResponse has " + cellResponse.length + " lags but response has " + response.length);
    }
  }

  /** The horizon N: the number of lags. */
  public int horizon() {
    return response.length;
  }

  /** R: head outputs, or hidden units without a head. */
  public int responseChannels() {
    return response[0].length;
  }

  @Override
  public double[][] response() {
    return FlatArrays.copy(response);
  }

  @Override
  public double[][] cellResponse() {
    return FlatArrays.copy(cellResponse);
  }

  /** The response series of channel {@code c}, {@code [N]}. */
  public double[] channel(int c) {
    return column(response, c, "response channel");
  }

  /** The cell-state response series of hidden unit {@code k}, {@code [N]}. */
  public double[] cellUnit(int k) {
    return column(cellResponse, k, "hidden unit");
  }

  /** The memory metrics of every response channel. */
  public List<ResponseMetrics> metrics() {
    return ResponseMetrics.ofColumns(response);
  }

  /** The memory metrics of every hidden unit's cell-state response. */
  public List<ResponseMetrics> cellMetrics() {
    return ResponseMetrics.ofColumns(cellResponse);
  }

  static double[] column(double[][] a, int c, String what) {
    if (c < 0 || c >= a[0].length) {
      throw new InvalidInputException(
          what
              + " "
              + c
              + " does not exist; there are "
              + a[0].length
              + ", 0.."
              + (a[0].length - 1));
    }
    double[] out = new double[a.length];
    for (int j = 0; j < a.length; j++) {
      out[j] = a[j][c];
    }
    return out;
  }

  private static double[][] checkedCopy(String name, double[][] a) {
    if (a == null || a.length == 0 || a[0] == null || a[0].length == 0) {
      throw new InvalidInputException(name + " is empty; expected [lags][channels]");
    }
    FlatArrays.requireBox(name, a, a.length, a[0].length);
    return FlatArrays.copy(a);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImpulseResponse r
        && r.shock.equals(shock)
        && Arrays.deepEquals(r.response, response)
        && Arrays.deepEquals(r.cellResponse, cellResponse);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * shock.hashCode() + Arrays.deepHashCode(response))
        + Arrays.deepHashCode(cellResponse);
  }

  @Override
  public String toString() {
    return "ImpulseResponse[" + shock + ", N=" + horizon() + ", R=" + responseChannels() + "]";
  }
}
