package io.lstmirf.irf.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.irf.multi.Comparison;
import io.lstmirf.irf.multi.FitOutcome;
import io.lstmirf.irf.multi.MemberFit;
import io.lstmirf.irf.multi.MultiGirf;
import io.lstmirf.irf.multi.OneStepErrors;
import io.lstmirf.irf.multi.ResponseQuantile;
import io.lstmirf.irf.var.ResponseBand;

/**
 * The JSON documents of the multivariate analysis: an LSTM ensemble's K x K generalized impulse
 * responses ({@code lstm-irf mirf}) and its comparison with a VAR ({@code compare.json}). Every
 * response array is {@code [N+1][K][K]}, {@code [step][response][impulse]} (statsmodels' {@code
 * irfs}), in the data's units; NaN (a distance against a band of no width) is {@code null}.
 */
public final class MultiJson {
  /** The layout of every response array, said in each document. */
  public static final String LAYOUT = "[step][response][impulse]";

  private MultiJson() {}

  /**
   * {@code {"backend", "names", "identification", "mode", "horizon", "histories", "seed", "seeds",
   * "units", "layout", "irf", "quantiles": [{"level", "values"}], "memberIrfs": [S][N+1][K][K],
   * "impulses": [S][K][K]}}: {@code irf} is the mean over models and histories, {@code impulses}
   * each model's shock vectors ({@code [variable][impulse]}, step 0).
   */
  public static ObjectNode girf(String backend, MultiGirf g) {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    root.put("backend", backend);
    root.set("names", JsonFiles.MAPPER.valueToTree(g.names()));
    root.put("identification", g.spec().identification().id());
    root.put("mode", g.spec().mode().id());
    root.put("horizon", g.horizon());
    root.put("histories", g.histories());
    root.put("seed", g.spec().seed());
    root.set("seeds", JsonFiles.MAPPER.valueToTree(g.seeds()));
    root.put(
        "units",
        "the data's units: the response of each variable to a one-standard-"
            + "deviation impulse of the models' one-step residual covariance");
    root.put("layout", LAYOUT);
    root.set("irf", JsonArrays.toJson(g.mean()));
    ArrayNode quantiles = root.putArray("quantiles");
    for (ResponseQuantile q : g.quantiles()) {
      quantiles.addObject().put("level", q.level()).set("values", JsonArrays.toJson(q.values()));
    }
    ArrayNode members = root.putArray("memberIrfs");
    for (double[][][] m : g.memberMeans()) {
      members.add(JsonArrays.toJson(m));
    }
    root.set("impulses", JsonArrays.toJson(g.impulses()));
    return root;
  }

  /**
   * The comparison: {@code {"names", "observations", "trainEnd", "horizon", "layout",
   * "distanceDefinition", "var": {"lags", "sigmaU", "orthIrf", "band": {"signif", "lower",
   * "upper"}, "oneStepRmse"}, "lstm": {the mirf document, "lookback", "oneStepRmse", "members":
   * [{"seed", "oneStepRmse", "finalTrainLoss", "finalValidationLoss"}]}, "trainingMean":
   * {"oneStepRmse"}, "rmsDifference": [K][K], "distance": [K][K]}}.
   */
  public static ObjectNode comparison(Comparison c) {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    root.set("names", JsonFiles.MAPPER.valueToTree(c.names()));
    root.put("observations", c.observations());
    root.put("trainEnd", c.trainEnd());
    root.put("horizon", c.horizon());
    root.put("layout", LAYOUT);
    root.put(
        "distanceDefinition",
        "per cell [response][impulse]: RMS over steps 0..N of (LSTM"
            + " mean response - VAR response) / RMS over steps of the half-width of the VAR's band;"
            + " <= 1: within the VAR's band in the RMS sense");
    ObjectNode var = root.putObject("var");
    var.put("lags", c.var().lags());
    var.set("sigmaU", JsonArrays.toJson(c.var().sigmaU()));
    var.set("orthIrf", JsonArrays.toJson(c.varIrf()));
    ResponseBand band = c.varBands().orthIrf();
    var.putObject("band")
        .put("method", c.varBands().method().id())
        .put("signif", c.varBands().signif())
        .<ObjectNode>set("lower", JsonArrays.toJson(band.lower()))
        .set("upper", JsonArrays.toJson(band.upper()));
    errors(var, c.varErrors());
    FitOutcome fit = c.fit();
    ObjectNode lstm = girf(fit.backend(), c.lstm());
    lstm.put("lookback", fit.spec().lookback());
    lstm.put("units", fit.spec().units());
    lstm.put("layers", fit.spec().layers());
    lstm.put("epochs", fit.spec().epochs());
    errors(lstm, c.lstmErrors());
    ArrayNode members = lstm.putArray("members");
    for (MemberFit m : fit.members()) {
      ObjectNode n = members.addObject().put("seed", m.seed());
      errors(n, m.validation());
      n.put("finalTrainLoss", m.last().trainLoss());
      n.put("finalValidationLoss", m.last().validationLoss());
    }
    root.set("lstm", lstm);
    errors(root.putObject("trainingMean"), c.meanErrors());
    root.set("rmsDifference", JsonArrays.toJson(c.rmsDifference()));
    root.set("distance", JsonArrays.toJson(c.distance()));
    return root;
  }

  private static void errors(ObjectNode node, OneStepErrors e) {
    node.set("oneStepRmse", JsonArrays.toJson(e.rmse()));
    node.put("forecasts", e.count());
  }
}
