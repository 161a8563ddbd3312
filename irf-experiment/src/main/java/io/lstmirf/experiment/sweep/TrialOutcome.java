package io.lstmirf.experiment.sweep;

import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.api.json.ModelJson;
import java.util.Objects;

/**
 * What one trial hands back to the sweep: its result (a line of trials.jsonl) and the trained model
 * (saved under {@value Sweep#MODELS_DIR}/ before the result is recorded). Executors that train
 * elsewhere send it as {@link #toText()}.
 *
 * @param result the measurements
 * @param model the trained weights, as measured
 */
public record TrialOutcome(TrialResult result, LstmWeights model) {

  public TrialOutcome {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(model, "model");
  }

  /** Two lines: the result's trials.jsonl line, then the model's JSON on one line. */
  public String toText() {
    return TrialJson.line(result) + "\n" + ModelJson.toJson(model);
  }

  /** Reads {@link #toText()}; {@code source} names where it came from in errors. */
  public static TrialOutcome fromText(String text, String source) {
    int newline = text.indexOf('\n');
    if (newline < 0) {
      throw new io.lstmirf.api.InvalidInputException(source + ": no model after the result");
    }
    TrialResult r = TrialJson.read(JsonFiles.parse(text.substring(0, newline), source));
    return new TrialOutcome(r, ModelJson.parse(text.substring(newline + 1), source));
  }
}
