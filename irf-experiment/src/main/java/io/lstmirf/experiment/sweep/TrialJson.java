package io.lstmirf.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.api.train.EpochReport;
import io.lstmirf.irf.json.IrfJson;
import io.lstmirf.irf.metrics.ResponseMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One {@link TrialResult} as one JSON object, and back. Numbers round-trip exactly (Jackson
 * writes the shortest decimal that reads back to the same double); values that are not finite
 * or not reached are {@code null}. Derived values (final losses, time constants) are written for
 * readers with {@code jq} and ignored when reading.
 */
public final class TrialJson {
  private TrialJson() {}

  /** The trial as a JSON object. */
  public static ObjectNode write(TrialResult r) {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    root.put("backend", r.key().backend());
    root.put("setting", r.key().setting().label());
    root.put("seed", r.key().seed());
    root.put("precision", r.precision());
    TrainingRecord t = r.training();
    ObjectNode training = root.putObject("training");
    put(training, "seconds", t.seconds());
    put(training, "cpuSeconds", t.cpuSeconds());
    put(training, "finalTrainLoss", t.finalTrainLoss());
    put(training, "finalValidationLoss", t.finalValidationLoss());
    training.put("plannedEpochs", t.epochs().get(0).epochs());
    ArrayNode epochs = training.putArray("epochs");
    for (EpochReport e : t.epochs()) {
      ObjectNode n = epochs.addObject();
      n.put("epoch", e.epoch());
      put(n, "trainLoss", e.trainLoss());
      put(n, "validationLoss", e.validationLoss());
      put(n, "seconds", e.seconds());
    }
    ArrayNode trajectory = training.putArray("biasTrajectory");
    t.biasTrajectory().forEach(trajectory::add);
    root.set("irf", curve(r.irf()));
    GirfSummary g = r.girf();
    ObjectNode girf = curve(g.mean());
    girf.put("histories", g.histories());
    girf.put("lowerLevel", g.lowerLevel());
    girf.set("lower", JsonArrays.toJson(g.lower()));
    girf.put("upperLevel", g.upperLevel());
    girf.set("upper", JsonArrays.toJson(g.upper()));
    root.set("girf", girf);
    GateSummary gs = r.gates();
    ObjectNode gates = root.putObject("gates");
    put(gates, "meanForget", gs.meanForget());
    put(gates, "geometricMeanForget", gs.geometricMeanForget());
    put(gates, "trainedForgetBias", gs.trainedForgetBias());
    put(gates, "timeConstant", gs.timeConstant());
    put(gates, "halfLife", gs.halfLife());
    put(gates, "effectiveHalfLife", gs.effectiveHalfLife());
    put(root, "analysisSeconds", r.analysisSeconds());
    return root;
  }

  /**
   * Reads a trial written by {@link #write}.
   *
   * @throws InvalidInputException naming the field that is missing or malformed
   */
  public static TrialResult read(JsonNode root) {
    TrialKey key = new TrialKey(text(root, "backend"),
        BiasSetting.parse(text(root, "setting")), field(root, "seed").asLong());
    JsonNode t = field(root, "training");
    int planned = field(t, "plannedEpochs").asInt();
    List<EpochReport> epochs = new ArrayList<>();
    for (JsonNode e : field(t, "epochs")) {
      epochs.add(new EpochReport(field(e, "epoch").asInt(), planned, number(e, "trainLoss"),
          number(e, "validationLoss"), number(e, "seconds")));
    }
    List<Double> trajectory = new ArrayList<>();
    field(t, "biasTrajectory").forEach(n -> trajectory.add(n.asDouble()));
    TrainingRecord training = new TrainingRecord(epochs, trajectory, number(t, "seconds"),
        number(t, "cpuSeconds"));
    JsonNode g = field(root, "girf");
    GirfSummary girf = new GirfSummary(curve(g), vector(g, "lower"), vector(g, "upper"),
        number(g, "lowerLevel"), number(g, "upperLevel"), field(g, "histories").asInt());
    JsonNode gates = field(root, "gates");
    GateSummary gs = new GateSummary(number(gates, "meanForget"),
        number(gates, "geometricMeanForget"), number(gates, "trainedForgetBias"));
    return new TrialResult(key, text(root, "precision"), training, curve(field(root, "irf")),
        girf, gs, number(root, "analysisSeconds"));
  }

  private static ObjectNode curve(ResponseCurve c) {
    ObjectNode n = JsonFiles.MAPPER.createObjectNode();
    n.set("response", JsonArrays.toJson(c.values()));
    n.set("metrics", IrfJson.metrics(List.of(c.metrics())).get(0));
    return n;
  }

  private static ResponseCurve curve(JsonNode n) {
    JsonNode m = field(n, "metrics");
    ResponseMetrics metrics = new ResponseMetrics(field(m, "channel").asInt(),
        optionalInt(m, "halfLife"), optionalInt(m, "halfLifeFromPeak"),
        number(m, "contributionRatio"), number(m, "oscillationFrequency"), number(m, "peak"),
        field(m, "peakLag").asInt(), number(m, "persistence"), optionalDouble(m, "decayRate"),
        optionalInt(m, "lag90"));
    return new ResponseCurve(vector(n, "response"), metrics);
  }

  private static double[] vector(JsonNode n, String name) {
    JsonNode a = field(n, name);
    if (!a.isArray()) {
      throw new InvalidInputException("field '" + name + "' is not an array");
    }
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).isNull() ? Double.NaN : a.get(i).asDouble();
    }
    return out;
  }

  private static JsonNode field(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null) {
      throw new InvalidInputException("field '" + name + "' is missing");
    }
    return v;
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isTextual()) {
      throw new InvalidInputException("field '" + name + "' is not a string");
    }
    return v.asText();
  }

  /** A number; null stands for a value that was not finite. */
  private static double number(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (v.isNull()) {
      return Double.NaN;
    }
    if (!v.isNumber()) {
      throw new InvalidInputException("field '" + name + "' is not a number");
    }
    return v.asDouble();
  }

  private static OptionalInt optionalInt(JsonNode n, String name) {
    JsonNode v = field(n, name);
    return v.isNull() ? OptionalInt.empty() : OptionalInt.of(v.asInt());
  }

  private static OptionalDouble optionalDouble(JsonNode n, String name) {
    JsonNode v = field(n, name);
    return v.isNull() ? OptionalDouble.empty() : OptionalDouble.of(v.asDouble());
  }

  private static void put(ObjectNode n, String field, double v) {
    if (Double.isFinite(v)) {
      n.put(field, v);
    } else {
      n.putNull(field);
    }
  }
}
