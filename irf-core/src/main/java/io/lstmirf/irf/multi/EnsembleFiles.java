package io.lstmirf.irf.multi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.api.json.ModelJson;
import io.lstmirf.api.train.EpochReport;
import io.lstmirf.irf.data.MinMaxScaler;
import io.lstmirf.irf.data.SeriesScaler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directory {@code lstm-irf fit} writes, every file atomically: one model file per seed ({@code
 * model-seedS.json}, format {@code lstm-irf-model/1}), {@code scaler.json} (the min-max scaling of
 * each column, fitted on the training part), {@code residuals.json} (each model's one-step residual
 * covariance over the training part, in the data's units) and, last, {@code fit.json} (the options,
 * every epoch's losses, the out-of-sample one-step errors). A model file is usable on its own only
 * with the three files beside it.
 */
public final class EnsembleFiles {
  /** The options, losses and errors; written last, so its presence means a complete fit. */
  public static final String FIT = "fit.json";

  public static final String SCALER = "scaler.json";
  public static final String RESIDUALS = "residuals.json";
  static final String FIT_FORMAT = "lstm-irf-fit/1";
  static final String SCALER_FORMAT = "lstm-irf-scaler/1";
  static final String RESIDUALS_FORMAT = "lstm-irf-residuals/1";

  private EnsembleFiles() {}

  /** The file name of the model of {@code seed}. */
  public static String modelFile(long seed) {
    return "model-seed" + seed + ".json";
  }

  /**
   * Writes {@code outcome} into {@code dir} (created if needed), replacing an earlier fit there
   * whole, and returns the files written.
   *
   * @param source the data file, recorded in fit.json
   */
  public static List<Path> write(Path dir, FitOutcome outcome, String source) {
    forgetEarlierFit(dir, outcome);
    List<Path> files = new ArrayList<>();
    for (MemberFit m : outcome.members()) {
      Path file = dir.resolve(modelFile(m.seed()));
      ModelJson.write(m.forecaster().weights(), file);
      files.add(file);
    }
    files.add(write(dir.resolve(SCALER), scalerJson(outcome)));
    files.add(write(dir.resolve(RESIDUALS), residualsJson(outcome)));
    files.add(write(dir.resolve(FIT), fitJson(outcome, source)));
    return files;
  }

  /**
   * Replacing an earlier fit in {@code dir}: its fit.json goes first (so that a run stopped
   * half-way leaves no directory that claims to be complete), then the model files it listed that
   * the new fit does not write (fewer seeds), so the directory holds only the new fit's models.
   */
  private static void forgetEarlierFit(Path dir, FitOutcome outcome) {
    Path fitFile = dir.resolve(FIT);
    if (!Files.exists(fitFile)) {
      return;
    }
    JsonNode earlier = document(fitFile, FIT_FORMAT);
    List<String> kept = outcome.members().stream().map(m -> modelFile(m.seed())).toList();
    try {
      Files.delete(fitFile);
      for (JsonNode m : earlier.path("members")) {
        String model = m.path("model").asText("");
        if (model.matches("model-seed-?\\d+\\.json") && !kept.contains(model)) {
          Files.deleteIfExists(dir.resolve(model));
        }
      }
    } catch (IOException e) {
      throw new LstmIrfException(
          "cannot replace the earlier fit in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads an ensemble: every model of a fit directory, or one model file of it (its fit.json,
   * scaler.json and residuals.json beside it).
   */
  public static ForecastEnsemble read(Path dirOrModel) {
    boolean single = !Files.isDirectory(dirOrModel);
    Path dir = single ? dirOrModel.toAbsolutePath().getParent() : dirOrModel;
    Path fitFile = dir.resolve(FIT);
    if (!Files.exists(fitFile)) {
      throw new InvalidInputException(
          (single
                  ? "model file " + dirOrModel + " has no " + FIT + " beside it"
                  : dirOrModel + " holds no " + FIT)
              + "; give a directory written by"
              + " lstm-irf fit, or a model file in one");
    }
    JsonNode fit = document(fitFile, FIT_FORMAT);
    List<String> names = strings(fit.get("columns"), FIT + ".columns");
    int lookback = JsonArrays.count(fit.get("lookback"), FIT + ".lookback");
    SeriesScaler scaler = readScaler(dir.resolve(SCALER), names);
    JsonNode residuals = document(dir.resolve(RESIDUALS), RESIDUALS_FORMAT);
    JsonNode members = residuals.get("members");
    if (members == null || !members.isArray() || members.isEmpty()) {
      throw new InvalidInputException(
          dir.resolve(RESIDUALS) + ": \"members\" must list the" + " models");
    }
    List<Forecaster> out = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      JsonNode m = members.get(i);
      String path = RESIDUALS + ".members[" + i + "]";
      String model = text(m.get("model"), path + ".model");
      if (single && !model.equals(dirOrModel.getFileName().toString())) {
        continue;
      }
      long seed = (long) JsonArrays.number(m.get("seed"), path + ".seed");
      out.add(
          new Forecaster(
              seed,
              ModelJson.read(dir.resolve(model)),
              JsonArrays.matrix(m.get("sigmaU"), path + ".sigmaU")));
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(
          "model file "
              + dirOrModel
              + " is not one of the models"
              + " listed in "
              + dir.resolve(RESIDUALS)
              + "; give the directory or a listed file");
    }
    return new ForecastEnsemble(names, lookback, scaler, out);
  }

  private static ObjectNode scalerJson(FitOutcome outcome) {
    ObjectNode root = header(SCALER_FORMAT);
    root.put(
        "method",
        "min-max per column, z = (y - min) / (max - min), fitted on the"
            + " training part: observations 0 .. "
            + (outcome.trainEnd() - 1));
    ArrayNode columns = root.putArray("columns");
    ForecastEnsemble e = outcome.ensemble();
    for (int k = 0; k < e.dimension(); k++) {
      MinMaxScaler s = e.scaler().column(k);
      columns.addObject().put("name", e.names().get(k)).put("min", s.min()).put("max", s.max());
    }
    return root;
  }

  private static ObjectNode residualsJson(FitOutcome outcome) {
    ObjectNode root = header(RESIDUALS_FORMAT);
    root.put(
        "definition",
        "sigmaU = (1/n) sum_t u[t] u[t]', u[t] = y[t] - yhat[t], the one-step"
            + " residuals of each model over the training part (targets "
            + outcome.spec().lookback()
            + " .. "
            + (outcome.trainEnd() - 1)
            + "), in the data's units, no degrees-of-freedom"
            + " correction; [K][K] in the order of \"names\"");
    root.put("observations", outcome.trainEnd() - outcome.spec().lookback());
    root.set("names", JsonFiles.MAPPER.valueToTree(outcome.ensemble().names()));
    ArrayNode members = root.putArray("members");
    for (MemberFit m : outcome.members()) {
      members
          .addObject()
          .put("seed", m.seed())
          .put("model", modelFile(m.seed()))
          .set("sigmaU", JsonArrays.toJson(m.forecaster().sigmaU()));
    }
    return root;
  }

  private static ObjectNode fitJson(FitOutcome outcome, String source) {
    FitSpec s = outcome.spec();
    ObjectNode root = header(FIT_FORMAT);
    root.put("data", source);
    root.set("columns", JsonFiles.MAPPER.valueToTree(outcome.ensemble().names()));
    root.put("lookback", s.lookback())
        .put("units", s.units())
        .put("layers", s.layers())
        .put("epochs", s.epochs())
        .put("seeds", s.seeds())
        .put("firstSeed", s.firstSeed())
        .put("batchSize", s.batchSize())
        .put("learningRate", s.learningRate())
        .put("trainFraction", s.trainFraction())
        .put("forgetBias", FitSpec.FORGET_BIAS)
        .put("backend", outcome.backend())
        .put("precision", outcome.precision())
        .put("observations", outcome.observations())
        .put("trainEnd", outcome.trainEnd());
    root.put("losses", "mean squared error of the scaled one-step targets, per epoch");
    root.put(
        "errors",
        "root mean squared one-step errors on the validation part (observations "
            + outcome.trainEnd()
            + " .. "
            + (outcome.observations() - 1)
            + "), in the data's units,"
            + " per column");
    ArrayNode members = root.putArray("members");
    for (MemberFit m : outcome.members()) {
      ObjectNode n =
          members
              .addObject()
              .put("seed", m.seed())
              .put("model", modelFile(m.seed()))
              .put("seconds", m.seconds());
      ArrayNode train = n.putArray("trainLoss");
      ArrayNode validation = n.putArray("validationLoss");
      for (EpochReport e : m.epochs()) {
        train.add(e.trainLoss());
        validation.add(e.validationLoss());
      }
      n.set("validationRmse", JsonArrays.toJson(m.validation().rmse()));
    }
    root.set("ensembleValidationRmse", JsonArrays.toJson(outcome.ensembleValidation().rmse()));
    return root;
  }

  private static SeriesScaler readScaler(Path file, List<String> names) {
    JsonNode root = document(file, SCALER_FORMAT);
    JsonNode columns = root.get("columns");
    if (columns == null || !columns.isArray() || columns.size() != names.size()) {
      throw new InvalidInputException(
          file
              + ": \"columns\" must list the "
              + names.size()
              + " columns "
              + names
              + " of "
              + FIT);
    }
    List<MinMaxScaler> out = new ArrayList<>();
    for (int k = 0; k < names.size(); k++) {
      String path = SCALER + ".columns[" + k + "]";
      JsonNode c = columns.get(k);
      String name = text(c.get("name"), path + ".name");
      if (!name.equals(names.get(k))) {
        throw new InvalidInputException(
            path
                + " is '"
                + name
                + "' but "
                + FIT
                + " names '"
                + names.get(k)
                + "'; the files come from different fits");
      }
      out.add(
          new MinMaxScaler(
              JsonArrays.number(c.get("min"), path + ".min"),
              JsonArrays.number(c.get("max"), path + ".max")));
    }
    return new SeriesScaler(out);
  }

  private static ObjectNode header(String format) {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    root.put("format", format);
    return root;
  }

  private static Path write(Path file, ObjectNode json) {
    JsonFiles.writeAtomically(file, json.toPrettyString() + "\n");
    return file;
  }

  private static JsonNode document(Path file, String format) {
    JsonNode root = JsonFiles.read(file, "fit file");
    String found = root.path("format").asText("");
    if (!found.equals(format)) {
      throw new InvalidInputException(
          file
              + " is not a "
              + format
              + " file (its \"format\" is '"
              + found
              + "'); it should be written by lstm-irf fit");
    }
    return root;
  }

  private static String text(JsonNode node, String path) {
    if (node == null || !node.isTextual() || node.asText().isEmpty()) {
      throw new InvalidInputException(path + " must be a non-empty string");
    }
    return node.asText();
  }

  private static List<String> strings(JsonNode node, String path) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new InvalidInputException(path + " must be a non-empty array of names");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(text(node.get(i), path + "[" + i + "]"));
    }
    return out;
  }
}
