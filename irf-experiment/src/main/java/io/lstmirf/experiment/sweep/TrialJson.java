package io.lstmirf.experiment.sweep;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.api.train.EpochReport;
import io.lstmirf.experiment.json.StrictJson;
import io.lstmirf.irf.LayerForgetGates;
import io.lstmirf.irf.metrics.ResponseMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One {@link TrialResult} as one JSON object of trials.jsonl, and back, bound by Jackson through
 * the records below ({@link StrictJson}: unknown, missing or mistyped fields are errors naming the
 * field). Numbers round-trip exactly (Jackson writes the shortest decimal that reads back to the
 * same double); values that are not finite or not reached are {@code null}. Derived values (final
 * losses, time constants) are written for readers with {@code jq} and ignored when reading.
 */
public final class TrialJson {
  private TrialJson() {}

  /** The trial as a JSON object. */
  public static ObjectNode write(TrialResult r) {
    return StrictJson.tree(Line.of(r));
  }

  /** The trial as one line of JSON, without the newline. */
  public static String line(TrialResult r) {
    return StrictJson.line(Line.of(r));
  }

  /**
   * Reads a trial written by {@link #write}.
   *
   * @throws InvalidInputException naming the field that is unknown, missing or malformed
   */
  public static TrialResult read(JsonNode root) {
    Line line = StrictJson.read(root, Line.class);
    try {
      return line.result();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("not a trial record: " + e.getMessage(), e);
    }
  }

  /** {@code key} alone as one line of JSON: its backend, setting label and seed. */
  public static String keyLine(TrialKey key) {
    return StrictJson.line(new Key(key.backend(), key.setting().label(), key.seed()));
  }

  /**
   * Reads {@link #keyLine}'s output.
   *
   * @throws InvalidInputException naming the field that is unknown, missing or malformed
   */
  public static TrialKey readKey(String json) {
    Key k = StrictJson.read(JsonFiles.parse(json, "trial key"), Key.class);
    return new TrialKey(k.backend, BiasSetting.parse(k.setting), k.seed);
  }

  /** A trial's key. */
  @JsonPropertyOrder({"backend", "setting", "seed"})
  record Key(String backend, String setting, long seed) {}

  /** A line of trials.jsonl. */
  @JsonPropertyOrder({
    "backend",
    "setting",
    "seed",
    "precision",
    "training",
    "irf",
    "girf",
    "gates",
    "analysisSeconds"
  })
  record Line(
      String backend,
      String setting,
      long seed,
      String precision,
      Training training,
      Curve irf,
      Girf girf,
      Gates gates,
      Double analysisSeconds) {

    static Line of(TrialResult r) {
      GirfSummary g = r.girf();
      GateSummary s = r.gates();
      return new Line(
          r.key().backend(),
          r.key().setting().label(),
          r.key().seed(),
          r.precision(),
          Training.of(r.training()),
          Curve.of(r.irf()),
          new Girf(
              list(g.mean().values()),
              Metrics.of(g.mean().metrics()),
              g.histories(),
              finite(g.lowerLevel()),
              list(g.lower()),
              finite(g.upperLevel()),
              list(g.upper())),
          new Gates(
              finite(s.meanForget()),
              finite(s.geometricMeanForget()),
              finite(s.trainedForgetBias())),
          finite(r.analysisSeconds()));
    }

    TrialResult result() {
      TrialKey key = new TrialKey(backend, BiasSetting.parse(setting), seed);
      GirfSummary g =
          new GirfSummary(
              new ResponseCurve(array(girf.response), girf.metrics.metrics()),
              array(girf.lower),
              array(girf.upper),
              nan(girf.lowerLevel),
              nan(girf.upperLevel),
              girf.histories);
      GateSummary s =
          new GateSummary(
              nan(gates.meanForget), nan(gates.geometricMeanForget), nan(gates.trainedForgetBias));
      return new TrialResult(
          key, precision, training.record(), irf.curve(), g, s, nan(analysisSeconds));
    }
  }

  /** How the trial trained; {@code plannedEpochs} is every epoch report's planned count. */
  @JsonPropertyOrder({
    "seconds",
    "cpuSeconds",
    "finalTrainLoss",
    "finalValidationLoss",
    "plannedEpochs",
    "epochs",
    "biasTrajectory"
  })
  @JsonIgnoreProperties(
      value = {"finalTrainLoss", "finalValidationLoss"},
      allowGetters = true)
  record Training(
      Double seconds,
      Double cpuSeconds,
      int plannedEpochs,
      List<Epoch> epochs,
      List<Double> biasTrajectory) {

    static Training of(TrainingRecord t) {
      return new Training(
          finite(t.seconds()),
          finite(t.cpuSeconds()),
          t.epochs().get(0).epochs(),
          t.epochs().stream().map(Epoch::of).toList(),
          t.biasTrajectory());
    }

    TrainingRecord record() {
      List<EpochReport> reports = new ArrayList<>();
      epochs.forEach(
          e ->
              reports.add(
                  new EpochReport(
                      e.epoch,
                      plannedEpochs,
                      nan(e.trainLoss),
                      nan(e.validationLoss),
                      nan(e.seconds))));
      return new TrainingRecord(reports, biasTrajectory, nan(seconds), nan(cpuSeconds));
    }

    @JsonProperty("finalTrainLoss")
    Double finalTrainLoss() {
      return epochs.get(epochs.size() - 1).trainLoss;
    }

    @JsonProperty("finalValidationLoss")
    Double finalValidationLoss() {
      return epochs.get(epochs.size() - 1).validationLoss;
    }
  }

  /** One epoch's losses and time. */
  record Epoch(int epoch, Double trainLoss, Double validationLoss, Double seconds) {
    static Epoch of(EpochReport e) {
      return new Epoch(
          e.epoch(), finite(e.trainLoss()), finite(e.validationLoss()), finite(e.seconds()));
    }
  }

  /** A response and its metrics. */
  record Curve(List<Double> response, Metrics metrics) {
    static Curve of(ResponseCurve c) {
      return new Curve(list(c.values()), Metrics.of(c.metrics()));
    }

    ResponseCurve curve() {
      return new ResponseCurve(array(response), metrics.metrics());
    }
  }

  /** The generalized IRF: the mean response, its metrics and the outer quantile band. */
  @JsonPropertyOrder({
    "response",
    "metrics",
    "histories",
    "lowerLevel",
    "lower",
    "upperLevel",
    "upper"
  })
  record Girf(
      List<Double> response,
      Metrics metrics,
      int histories,
      Double lowerLevel,
      List<Double> lower,
      Double upperLevel,
      List<Double> upper) {}

  /** The forget gates, with the memory times they imply written for readers. */
  @JsonPropertyOrder({
    "meanForget",
    "geometricMeanForget",
    "trainedForgetBias",
    "timeConstant",
    "halfLife",
    "effectiveHalfLife"
  })
  @JsonIgnoreProperties(
      value = {"timeConstant", "halfLife", "effectiveHalfLife"},
      allowGetters = true)
  record Gates(Double meanForget, Double geometricMeanForget, Double trainedForgetBias) {
    @JsonProperty("timeConstant")
    Double timeConstant() {
      return finite(LayerForgetGates.timeConstant(nan(meanForget)));
    }

    @JsonProperty("halfLife")
    Double halfLife() {
      return finite(LayerForgetGates.halfLife(nan(meanForget)));
    }

    @JsonProperty("effectiveHalfLife")
    Double effectiveHalfLife() {
      return finite(LayerForgetGates.halfLife(nan(geometricMeanForget)));
    }
  }

  /** {@link ResponseMetrics} with the names the irf command prints; null when not reached. */
  record Metrics(
      int channel,
      Integer halfLife,
      Integer halfLifeFromPeak,
      Double contributionRatio,
      Double oscillationFrequency,
      Double peak,
      int peakLag,
      Double persistence,
      Double decayRate,
      Integer lag90) {

    static Metrics of(ResponseMetrics m) {
      return new Metrics(
          m.channel(),
          boxed(m.halfLife()),
          boxed(m.halfLifeFromPeak()),
          finite(m.contributionRatio()),
          finite(m.oscillationFrequency()),
          finite(m.peak()),
          m.peakLag(),
          finite(m.persistence()),
          m.decayRate().isPresent() ? finite(m.decayRate().getAsDouble()) : null,
          boxed(m.lag90()));
    }

    ResponseMetrics metrics() {
      return new ResponseMetrics(
          channel,
          optional(halfLife),
          optional(halfLifeFromPeak),
          nan(contributionRatio),
          nan(oscillationFrequency),
          nan(peak),
          peakLag,
          nan(persistence),
          decayRate == null ? OptionalDouble.empty() : OptionalDouble.of(decayRate),
          optional(lag90));
    }
  }

  /** A finite value, or null for NaN and infinities: JSON has neither. */
  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static double nan(Double v) {
    return v == null ? Double.NaN : v;
  }

  private static List<Double> list(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(finite(v));
    }
    return out;
  }

  private static double[] array(List<Double> values) {
    if (values == null) {
      throw new InvalidInputException("a response array is null");
    }
    return values.stream().mapToDouble(TrialJson::nan).toArray();
  }

  private static Integer boxed(OptionalInt v) {
    return v.isPresent() ? v.getAsInt() : null;
  }

  private static OptionalInt optional(Integer v) {
    return v == null ? OptionalInt.empty() : OptionalInt.of(v);
  }
}
