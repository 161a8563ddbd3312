package io.lstmirf.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.json.JsonFiles;
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
public record SweepConfig(List<String> backends, List<Double> biases, int seeds, long firstSeed,
    InitMode init, boolean adaptive, double adaptiveStart, ExperimentSpec experiment,
    DataSource data) {

  /** The file format tag of sweep.json. */
  public static final String FORMAT = "lstm-irf-sweep/1";
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
    return new SweepConfig(backends, ORIGINAL_BIASES, seeds, ORIGINAL_SEED, InitMode.FORGET,
        false, ADAPTIVE_START, ExperimentSpec.original(),
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
   * Every trial, seed by seed, and within a seed setting by setting with every backend next to
   * each other, so that an interrupted sweep has whole cross-backend comparisons done first.
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
    if (init != InitMode.CHRONO) {
      s.append(" --biases ").append(biases.stream().map(String::valueOf)
          .collect(Collectors.joining(",")));
    }
    if (init != InitMode.FORGET) {
      s.append(" --init ").append(init.id());
    }
    s.append(" --seeds ").append(seeds).append(" --epochs ").append(experiment.epochs())
        .append(" --units ").append(experiment.units()).append(" --lookback ")
        .append(experiment.lookback()).append(" --offset ").append(experiment.offset())
        .append(" --horizon ").append(experiment.horizon());
    if (data instanceof DataSource.Synthetic syn) {
      s.append(" --samples ").append(syn.samples());
    } else if (data instanceof DataSource.CsvColumn csv) {
      s.append(" --data ").append(csv.file()).append(" --column ").append(csv.column());
    }
    if (adaptive) {
      s.append(" --adaptive");
    }
    return s.toString();
  }

  /** sweep.json. */
  public ObjectNode toJson() {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    ArrayNode b = root.putArray("backends");
    backends.forEach(b::add);
    ArrayNode bs = root.putArray("biases");
    biases.forEach(bs::add);
    root.put("seeds", seeds);
    root.put("firstSeed", firstSeed);
    root.put("init", init.id());
    root.put("adaptive", adaptive);
    root.put("adaptiveStart", adaptiveStart);
    ObjectNode e = root.putObject("experiment");
    e.put("units", experiment.units());
    e.put("lookback", experiment.lookback());
    e.put("offset", experiment.offset());
    e.put("epochs", experiment.epochs());
    e.put("batchSize", experiment.batchSize());
    e.put("learningRate", experiment.learningRate());
    e.put("trainFraction", experiment.trainFraction());
    e.put("horizon", experiment.horizon());
    e.put("shockSize", experiment.shockSize());
    e.put("girfHistories", experiment.girfHistories());
    ObjectNode d = root.putObject("data");
    if (data instanceof DataSource.Synthetic syn) {
      d.put("kind", "synthetic");
      d.put("samples", syn.samples());
      d.put("seed", syn.seed());
    } else if (data instanceof DataSource.CsvColumn csv) {
      d.put("kind", "csv");
      d.put("file", csv.file());
      d.put("column", csv.column());
      d.put("sha256", csv.sha256());
    }
    return root;
  }

  /** Reads sweep.json; {@code source} names it in errors. */
  public static SweepConfig fromJson(JsonNode root, String source) {
    try {
      if (!FORMAT.equals(text(root, "format"))) {
        throw new InvalidInputException(source + " is not a sweep record (format "
            + root.path("format") + ", expected " + FORMAT + ")");
      }
      List<String> backends = new ArrayList<>();
      root.path("backends").forEach(n -> backends.add(n.asText()));
      List<Double> biases = new ArrayList<>();
      root.path("biases").forEach(n -> biases.add(n.asDouble()));
      JsonNode e = field(root, "experiment");
      ExperimentSpec experiment = new ExperimentSpec(integer(e, "units"), integer(e, "lookback"),
          integer(e, "offset"), integer(e, "epochs"), integer(e, "batchSize"),
          number(e, "learningRate"), number(e, "trainFraction"), integer(e, "horizon"),
          number(e, "shockSize"), integer(e, "girfHistories"));
      JsonNode d = field(root, "data");
      DataSource data = switch (text(d, "kind")) {
        case "synthetic" -> new DataSource.Synthetic(integer(d, "samples"),
            field(d, "seed").asLong());
        case "csv" -> new DataSource.CsvColumn(text(d, "file"), text(d, "column"),
            text(d, "sha256"));
        default -> throw new InvalidInputException("unknown data kind " + d.path("kind"));
      };
      return new SweepConfig(backends, biases, integer(root, "seeds"),
          field(root, "firstSeed").asLong(), InitMode.parse(text(root, "init")),
          field(root, "adaptive").asBoolean(), number(root, "adaptiveStart"), experiment, data);
    } catch (InvalidInputException ex) {
      throw new InvalidInputException(source + " is damaged: " + ex.getMessage()
          + "; restore it or start the sweep in a new --out directory", ex);
    }
  }

  private static JsonNode field(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new InvalidInputException("field '" + name + "' is missing");
    }
    return v;
  }

  private static String text(JsonNode n, String name) {
    return field(n, name).asText();
  }

  private static int integer(JsonNode n, String name) {
    return field(n, name).asInt();
  }

  private static double number(JsonNode n, String name) {
    return field(n, name).asDouble();
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
