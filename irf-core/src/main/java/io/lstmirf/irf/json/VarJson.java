package io.lstmirf.irf.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.irf.var.InformationCriteria;
import io.lstmirf.irf.var.ResponseBand;
import io.lstmirf.irf.var.ResponseEstimate;
import io.lstmirf.irf.var.VarBands;
import io.lstmirf.irf.var.VarFevd;
import io.lstmirf.irf.var.VarIrfAnalysis;
import io.lstmirf.irf.var.VarModel;

/**
 * The document {@code lstm-irf var-irf} prints: a fitted VAR with everything statsmodels' {@code
 * VARResults}, {@code irf(N)} and {@code fevd(N)} give, under statsmodels' names in camel case and
 * in its layouts:
 *
 * <pre>
 * variables [K], lags p, observations T, horizon N,
 * coefs [p][K][K] ([lag-1][response][impulse]), intercept [K], sigmaU [K][K],
 * informationCriteria {aic, bic, hqic, fpe},
 * irf, orthIrf, irfStderr, orthIrfStderr,
 * cumEffects, orthCumEffects, cumEffectsStderr, orthCumEffectsStderr   [N+1][K][K]
 *     ([step][response][impulse]),
 * longRunEffects, orthLongRunEffects, longRunEffectsStderr             [K][K],
 * fevd [K][N][K] ([response][step][impulse]),
 * bands {method, signif, replications, irf, orthIrf, cumEffects, orthCumEffects: {lower, upper}}
 * </pre>
 *
 * <p>{@code bands} is there only when bands were asked for.
 */
public final class VarJson {
  private VarJson() {}

  /** The document; {@code bands} may be null. */
  public static ObjectNode document(
      VarModel model, VarIrfAnalysis analysis, VarFevd fevd, VarBands bands) {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    ArrayNode names = root.putArray("variables");
    model.names().forEach(names::add);
    root.put("lags", model.lags());
    root.put("observations", model.observations());
    root.put("horizon", analysis.horizon());
    root.set("coefs", JsonArrays.toJson(model.coefficients()));
    root.set("intercept", JsonArrays.toJson(model.intercept()));
    root.set("sigmaU", JsonArrays.toJson(model.sigmaU()));
    InformationCriteria ic = model.informationCriteria();
    ObjectNode criteria = root.putObject("informationCriteria");
    criteria.put("aic", ic.aic());
    criteria.put("bic", ic.bic());
    criteria.put("hqic", ic.hqic());
    criteria.put("fpe", ic.fpe());
    estimate(root, "irf", "irfStderr", analysis.irf());
    estimate(root, "orthIrf", "orthIrfStderr", analysis.orthIrf());
    estimate(root, "cumEffects", "cumEffectsStderr", analysis.cumEffects());
    estimate(root, "orthCumEffects", "orthCumEffectsStderr", analysis.orthCumEffects());
    root.set("longRunEffects", JsonArrays.toJson(analysis.longRunEffects()));
    root.set("orthLongRunEffects", JsonArrays.toJson(analysis.orthLongRunEffects()));
    root.set("longRunEffectsStderr", JsonArrays.toJson(analysis.longRunEffectsStderr()));
    root.set("fevd", JsonArrays.toJson(fevd.decomp()));
    if (bands != null) {
      root.set("bands", bands(bands));
    }
    return root;
  }

  /** {@code {method, signif, replications, irf, orthIrf, cumEffects, orthCumEffects}}. */
  public static ObjectNode bands(VarBands bands) {
    ObjectNode node = JsonFiles.MAPPER.createObjectNode();
    node.put("method", bands.method().id());
    node.put("signif", bands.signif());
    node.put("replications", bands.replications());
    node.set("irf", band(bands.irf()));
    node.set("orthIrf", band(bands.orthIrf()));
    node.set("cumEffects", band(bands.cumEffects()));
    node.set("orthCumEffects", band(bands.orthCumEffects()));
    return node;
  }

  private static void estimate(
      ObjectNode root, String name, String stderrName, ResponseEstimate e) {
    root.set(name, JsonArrays.toJson(e.values()));
    root.set(stderrName, JsonArrays.toJson(e.stderr()));
  }

  private static ObjectNode band(ResponseBand b) {
    ObjectNode node = JsonFiles.MAPPER.createObjectNode();
    node.set("lower", JsonArrays.toJson(b.lower()));
    node.set("upper", JsonArrays.toJson(b.upper()));
    return node;
  }
}
