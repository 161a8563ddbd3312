package io.lstmirf.experiment.sweep;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.CellKind;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.experiment.json.StrictJson;
import io.lstmirf.irf.var.CsvSeries;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A whole sweep: which backends, bias settings and seeds, the {@link ExperimentSpec} every trial
 * follows, and the data. It is recorded in the output directory as {@code sweep.json}; a re-run
 * into the same directory may only add trials to it (see {@link #conflictsWith}).
 *
 * @param backends backend names, in the order trials run, distinct
 * @param biases bias values of the fixed arms (unused with {@link InitMode#CHRONO})
 * @param seeds how many seeds, {@code firstSeed, firstSeed + 1, ...}
 * @param firstSeed the first seed
 * @param init how the fixed arms initialise the forget bias
 * @param adaptive whether to add an arm with the adaptive rule
 * @param adaptiveStart the bias the adaptive arm starts from
 * @param experiment what each trial does
 * @param data the series
 */
public record SweepConfig(
    @JsonSetter(contentNulls = Nulls.FAIL) List<String> backends,
    @JsonSetter(contentNulls = Nulls.FAIL) List<Double> biases,
    int seeds,
    long firstSeed,
    InitMode init,
    boolean adaptive,
    double adaptiveStart,
    ExperimentSpec experiment,
    DataSource data) {

  /** The file format tag of sweep.json for LSTM sweeps, which have no {@code cell} field. */
  public static final String FORMAT = "lstm-irf-sweep/1";

  /** The tag of sweeps of another cell: version 1 plus {@code experiment.cell}. */
  public static final String FORMAT_V2 = "lstm-irf-sweep/2";

  /** The original experiment's biases. */
  public static final List<Double> ORIGINAL_BIASES = List.of(0.0, 0.5, 1.0, 1.5, 2.0);

  /** The original experiment's seed: the first seed, and the synthetic data's seed. */
  public static final long ORIGINAL_SEED = 42;

  /**
   * Where the adaptive arm starts: 1.0, Keras' {@code unit_forget_bias} and the original article's
   * optimum, so that the adaptive arm is the fixed 1.0 arm plus the rule, trial by trial.
   */
  public static final double ADAPTIVE_START = 1.0;

  public SweepConfig {
    backends = List.copyOf(backends);
    biases = List.copyOf(biases);
    Objects.requireNonNull(init, "init");
    Objects.requireNonNull(experiment, "experiment");
    Objects.requireNonNull(data, "data");
    if (backends.isEmpty()) {
      throw new InvalidInputException("--backends is empty; name at least one backend");
    }
    if (new HashSet<>(backends).size() != backends.size()) {
      throw new InvalidInputException("--backends names a backend twice: " + backends);
    }
    if (init != InitMode.CHRONO && biases.isEmpty()) {
      throw new InvalidInputException("--biases is empty; give at least one forget bias");
    }
    if (new HashSet<>(biases).size() != biases.size()) {
      throw new InvalidInputException("--biases names a value twice: " + biases);
    }
    if (init == InitMode.ORIGINAL && experiment.cellKind() != CellKind.LSTM) {
      throw new InvalidInputException(
          "--init original reproduces the original LSTM code's"
              + " initialisation (every LSTM gate's bias); with --cell "
              + experiment.cell()
              + " use --init forget or chrono");
    }
    biases.forEach(BiasSetting.Fixed::new); // each must be finite
    if (seeds < 1) {
      throw new InvalidInputException("--seeds must be at least 1, got " + seeds);
    }
    if (adaptive) {
      new BiasSetting.Adaptive(adaptiveStart); // within the rule's range
    }
  }

  /** The original experiment on {@code backends}, over {@code seeds} seeds. */
  public static SweepConfig original(List<String> backends, int seeds) {
    return new SweepConfig(
        backends,
        ORIGINAL_BIASES,
        seeds,
        ORIGINAL_SEED,
        InitMode.FORGET,
        false,
        ADAPTIVE_START,
        ExperimentSpec.original(),
        new DataSource.Synthetic(1500, ORIGINAL_SEED));
  }

  /** The seeds, in order. */
  public List<Long> seedList() {
    List<Long> out = new ArrayList<>(seeds);
    for (int k = 0; k < seeds; k++) {
      out.add(firstSeed + k);
    }
    return out;
  }

  /** The arms: one per bias (or one chrono arm), then the adaptive arm if asked for. */
  public List<BiasSetting> settings() {
    List<BiasSetting> out = new ArrayList<>();
    switch (init) {
      case FORGET -> biases.forEach(b -> out.add(new BiasSetting.Fixed(b)));
      case ORIGINAL -> biases.forEach(b -> out.add(new BiasSetting.AllGates(b)));
      case CHRONO -> out.add(new BiasSetting.Chrono(experiment.dependencyRange()));
      default -> throw new IllegalStateException("unknown init " + init);
    }
    if (adaptive) {
      out.add(new BiasSetting.Adaptive(adaptiveStart));
    }
    return out;
  }

  /**
   * Every trial, seed by seed, and within a seed setting by setting with every backend next to each
   * other, so that an interrupted sweep has whole cross-backend comparisons done first.
   */
  public List<TrialKey> trials() {
    List<TrialKey> out = new ArrayList<>();
    for (long seed : seedList()) {
      for (BiasSetting s : settings()) {
        for (String b : backends) {
          out.add(new TrialKey(b, s, seed));
        }
      }
    }
    return out;
  }

  /**
   * Why this configuration cannot continue the sweep recorded as {@code recorded}: empty if it
   * repeats it or only adds trials to it (more backends, biases or seeds, or the adaptive arm),
   * otherwise one line per difference.
   */
  public List<String> conflictsWith(SweepConfig recorded) {
    List<String> out = new ArrayList<>();
    if (!backends.containsAll(recorded.backends)) {
      out.add("--backends drops " + missing(recorded.backends, backends));
    }
    if (!biases.containsAll(recorded.biases)) {
      out.add("--biases drops " + missing(recorded.biases, biases));
    }
    if (seeds < recorded.seeds) {
      out.add("--seeds is " + seeds + ", fewer than the recorded " + recorded.seeds);
    }
    if (recorded.adaptive && !adaptive) {
      out.add("--adaptive was given before and is missing now");
    }
    differs(out, "first seed", firstSeed, recorded.firstSeed);
    differs(out, "--init", init, recorded.init);
    differs(out, "adaptive start", adaptiveStart, recorded.adaptiveStart);
    ExperimentSpec e = experiment;
    ExperimentSpec r = recorded.experiment;
    differs(out, "--units", e.units(), r.units());
    differs(out, "--lookback", e.lookback(), r.lookback());
    differs(out, "--offset", e.offset(), r.offset());
    differs(out, "--cell", e.cell(), r.cell());
    differs(out, "--epochs", e.epochs(), r.epochs());
    differs(out, "batch size", e.batchSize(), r.batchSize());
    differs(out, "learning rate", e.learningRate(), r.learningRate());
    differs(out, "train fraction", e.trainFraction(), r.trainFraction());
    differs(out, "--horizon", e.horizon(), r.horizon());
    differs(out, "shock size", e.shockSize(), r.shockSize());
    differs(out, "GIRF histories", e.girfHistories(), r.girfHistories());
    if (!data.equals(recorded.data)) {
      out.add("the data are " + data.describe() + " but were " + recorded.data.describe());
    }
    return out;
  }

  /** The command-line options that repeat this configuration. */
  public String options() {
    StringBuilder s = new StringBuilder("--backends ").append(String.join(",", backends));
    if (experiment.cellKind() != CellKind.LSTM) {
      s.append(" --cell ").append(experiment.cell());
    }
    if (init != InitMode.CHRONO) {
      s.append(" --biases ")
          .append(biases.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
    if (init != InitMode.FORGET) {
      s.append(" --init ").append(init.id());
    }
    s.append(" --seeds ")
        .append(seeds)
        .append(" --epochs ")
        .append(experiment.epochs())
        .append(" --units ")
        .append(experiment.units())
        .append(" --lookback ")
        .append(experiment.lookback())
        .append(" --offset ")
        .append(experiment.offset())
        .append(" --horizon ")
        .append(experiment.horizon());
    if (data instanceof DataSource.Synthetic syn) {
      s.append(" --samples ").append(syn.samples());
    } else if (data instanceof DataSource.CsvColumn csv) {
      s.append(" --data ").append(csv.file()).append(" --column ").append(csv.column());
      if (csv.delimiter() != CsvSeries.COMMA) {
        s.append(" --delimiter ")
            .append(csv.delimiter() == '\t' ? "tab" : "'" + csv.delimiter() + "'");
      }
    }
    if (adaptive) {
      s.append(" --adaptive");
    }
    return s.toString();
  }

  /**
   * sweep.json: the format tag, then the record's fields as Jackson binds them. An LSTM sweep is
   * written as version 1, without {@code experiment.cell}, byte for byte as before cells existed,
   * so that older versions keep resuming it; another cell makes it version 2.
   */
  public ObjectNode toJson() {
    ObjectNode root = StrictJson.MAPPER.createObjectNode();
    boolean lstm = experiment.cellKind() == CellKind.LSTM;
    root.put("format", lstm ? FORMAT : FORMAT_V2);
    root.setAll(StrictJson.tree(this));
    if (lstm) {
      ((ObjectNode) root.get("experiment")).remove("cell");
    }
    return root;
  }

  /**
   * Reads sweep.json strictly (see {@link StrictJson}); {@code source} names it in errors.
   *
   * @throws InvalidInputException one line naming the field that is unknown, missing or wrong
   */
  public static SweepConfig fromJson(JsonNode root, String source) {
    try {
      String format = root.path("format").asText(null);
      if (!FORMAT.equals(format) && !FORMAT_V2.equals(format)) {
        throw new InvalidInputException(
            source
                + " is not a sweep record (format "
                + root.path("format")
                + ", expected "
                + FORMAT
                + " or "
                + FORMAT_V2
                + ")");
      }
      ObjectNode fields = root.deepCopy();
      fields.remove("format");
      if (FORMAT.equals(format) && fields.path("experiment") instanceof ObjectNode e) {
        if (e.has("cell")) {
          throw new InvalidInputException("experiment.cell is a field of " + FORMAT_V2);
        }
        e.put("cell", CellKind.LSTM.id()); // version 1: LSTM sweeps
      }
      JsonNode data = fields.path("data");
      if (data instanceof ObjectNode d
          && "csv".equals(d.path("kind").asText())
          && !d.has("delimiter")) {
        d.put("delimiter", String.valueOf(CsvSeries.COMMA)); // written before --delimiter
      }
      return StrictJson.read(fields, SweepConfig.class);
    } catch (InvalidInputException ex) {
      throw new InvalidInputException(
          source
              + " is damaged: "
              + ex.getMessage()
              + "; restore it or start the sweep in a new --out directory",
          ex);
    }
  }

  private static void differs(List<String> out, String what, Object now, Object before) {
    if (!now.equals(before)) {
      out.add(what + " is " + now + " here but " + before + " in the recorded sweep");
    }
  }

  private static <T> String missing(List<T> before, List<T> now) {
    LinkedHashSet<T> gone = new LinkedHashSet<>(before);
    now.forEach(gone::remove);
    return gone.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
