package io.lstmirf.irf.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.irf.ForgetGateProfile;
import io.lstmirf.irf.GeneralizedImpulseResponse;
import io.lstmirf.irf.ImpulseResponse;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.LayerForgetGates;
import io.lstmirf.irf.LinearisedResponse;
import io.lstmirf.irf.QuantileBand;
import io.lstmirf.irf.Shock;
import io.lstmirf.irf.metrics.ResponseMetrics;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The JSON documents the analysis commands print, as Jackson trees built on the api's {@link
 * JsonFiles#MAPPER}. Arrays keep the layouts of the results ({@code [lag][channel]}; the VAR's
 * document is {@link VarJson}'s). A value that is not reached or not defined (a half-life never
 * reached, the time constant of a gate stuck at 1) is {@code null}, never a made-up number: JSON
 * has no infinity or NaN.
 */
public final class IrfJson {
  private IrfJson() {}

  /**
   * A conditional IRF: {@code {"backend", "mode", "response": [N][R], "cellResponse": [N][H],
   * "metrics": [...]}}.
   */
  public static ObjectNode irf(String backend, IrfMode mode, ImpulseResponse r) {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    root.put("backend", backend);
    root.put("mode", mode.id());
    root.set("response", JsonArrays.toJson(r.response()));
    root.set("cellResponse", JsonArrays.toJson(r.cellResponse()));
    root.set("metrics", metrics(r.metrics()));
    return root;
  }

  /**
   * A generalized IRF: {@code {"backend", "mode", "shock", "horizon", "histories", "seed", "mean":
   * [N][R], "bands": [{"quantile", "response": [N][R]}], "cellMean": [N][H], "cellBands":
   * [{"quantile", "response": [N][H]}], "metrics": [...] (of the mean)}}.
   */
  public static ObjectNode girf(String backend, IrfMode mode, GeneralizedImpulseResponse g) {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    root.put("backend", backend);
    root.put("mode", mode.id());
    root.set("shock", shock(g.spec().shock()));
    root.put("horizon", g.spec().horizon());
    root.put("histories", g.histories().size());
    root.put("seed", g.spec().seed());
    root.set("mean", JsonArrays.toJson(g.mean()));
    root.set("bands", bands(g.bands()));
    root.set("cellMean", JsonArrays.toJson(g.cellMean()));
    root.set("cellBands", bands(g.cellBands()));
    root.set("metrics", metrics(g.metrics()));
    return root;
  }

  /**
   * A linearised IRF: {@code {"shock", "smallShock", "linear": [N][R], "perUnit": [N][R],
   * "nonlinearity": [R], "cellLinear", "cellPerUnit", "cellNonlinearity"}}.
   */
  public static ObjectNode linearised(LinearisedResponse r) {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    root.set("shock", shock(r.shock()));
    root.put("smallShock", r.smallShock());
    root.set("linear", JsonArrays.toJson(r.linear()));
    root.set("perUnit", JsonArrays.toJson(r.perUnit()));
    root.set("nonlinearity", JsonArrays.toJson(r.nonlinearity()));
    root.set("cellLinear", JsonArrays.toJson(r.cellLinear()));
    root.set("cellPerUnit", JsonArrays.toJson(r.cellPerUnit()));
    root.set("cellNonlinearity", JsonArrays.toJson(r.cellNonlinearity()));
    return root;
  }

  /**
   * Forget-gate time constants: {@code {"layers": [{"layer", "meanForget", "geometricMeanForget",
   * "timeConstant", "halfLife", "effectiveHalfLife"}]}}, one entry per unit in each array.
   */
  public static ObjectNode forgetGates(ForgetGateProfile profile) {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    ArrayNode layers = root.putArray("layers");
    for (LayerForgetGates l : profile.layers()) {
      ObjectNode n = layers.addObject();
      n.put("layer", l.layer());
      n.set("meanForget", JsonArrays.toJson(l.meanForget()));
      n.set("geometricMeanForget", JsonArrays.toJson(l.geometricMeanForget()));
      n.set("timeConstant", JsonArrays.toJson(l.timeConstant()));
      n.set("halfLife", JsonArrays.toJson(l.halfLife()));
      n.set("effectiveHalfLife", JsonArrays.toJson(l.effectiveHalfLife()));
    }
    return root;
  }

  /** One object per channel with every memory metric; see {@link ResponseMetrics}. */
  public static ArrayNode metrics(List<ResponseMetrics> metrics) {
    ArrayNode a = JsonFiles.MAPPER.createArrayNode();
    for (ResponseMetrics m : metrics) {
      ObjectNode n = a.addObject();
      n.put("channel", m.channel());
      put(n, "halfLife", m.halfLife());
      put(n, "halfLifeFromPeak", m.halfLifeFromPeak());
      put(n, "contributionRatio", m.contributionRatio());
      put(n, "oscillationFrequency", m.oscillationFrequency());
      put(n, "peak", m.peak());
      n.put("peakLag", m.peakLag());
      put(n, "persistence", m.persistence());
      put(n, "decayRate", m.decayRate());
      put(n, "lag90", m.lag90());
    }
    return a;
  }

  /** {@code {"time", "channel", "size"}}. */
  public static ObjectNode shock(Shock s) {
    ObjectNode n = JsonFiles.MAPPER.createObjectNode();
    n.put("time", s.time());
    n.put("channel", s.channel());
    put(n, "size", s.size());
    return n;
  }

  private static ArrayNode bands(List<QuantileBand> bands) {
    ArrayNode a = JsonFiles.MAPPER.createArrayNode();
    for (QuantileBand b : bands) {
      ObjectNode n = a.addObject();
      n.put("quantile", b.level());
      n.set("response", JsonArrays.toJson(b.values()));
    }
    return a;
  }

  private static void put(ObjectNode n, String field, double v) {
    if (Double.isFinite(v)) {
      n.put(field, v);
    } else {
      n.putNull(field);
    }
  }

  private static void put(ObjectNode n, String field, OptionalInt v) {
    if (v.isPresent()) {
      n.put(field, v.getAsInt());
    } else {
      n.putNull(field);
    }
  }

  private static void put(ObjectNode n, String field, OptionalDouble v) {
    if (v.isPresent()) {
      put(n, field, v.getAsDouble());
    } else {
      n.putNull(field);
    }
  }
}
