package io.lstmirf.irf.multi;

import io.lstmirf.api.json.JsonFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html} of a {@link Comparison}: one self-contained page (the grid embedded as a PNG
 * data URI, no external resources) with the K x K grid, the distance of every cell, both models'
 * out-of-sample one-step errors, the set-up, and how to read it all.
 */
public final class ComparisonReport {
  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;max-width:1400px;"
          + "margin:1.5em auto;padding:0 1em;color:#222;line-height:1.45}"
          + "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}"
          + "table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;padding:.3em"
          + " .7em;text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}"
          + ".near{background:#e3f4e3}.mid{background:#fdf1d6}.far{background:#f9dcdc}"
          + "img{max-width:100%;border:1px solid #eee}figcaption{color:#555;font-size:.92em}"
          + ".note{color:#555;font-size:.92em}";

  private ComparisonReport() {}

  /** Writes the page to {@code file} atomically. */
  public static void write(Path file, Comparison c, byte[] gridPng, String dataName) {
    JsonFiles.writeAtomically(file, html(c, gridPng, dataName));
  }

  /** The page. */
  public static String html(Comparison c, byte[] gridPng, String dataName) {
    FitSpec s = c.fit().spec();
    int k = c.names().size();
    int level = (int) Math.round(100 * (1 - c.varBands().signif()));
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>")
        .append(esc("VAR and LSTM impulse responses: " + String.join(", ", c.names())))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n");
    h.append("<h1>")
        .append(
            esc(
                "VAR("
                    + c.var().lags()
                    + ") and LSTM impulse responses of "
                    + String.join(", ", c.names())))
        .append("</h1>\n");
    h.append(
        p(
            String.format(
                Locale.ROOT,
                "Data: %s, %d observations. Both models are"
                    + " estimated on the first %d (the training part) and forecast the last %d one step"
                    + " ahead. Shocks are orthogonalised with the Cholesky factor of each model's one-step"
                    + " residual covariance, in the order %s, one standard deviation each; responses are in"
                    + " the data's units.",
                dataName,
                c.observations(),
                c.trainEnd(),
                c.observations() - c.trainEnd(),
                String.join(", ", c.names()))));
    h.append(p(summary(c)));
    h.append("<figure><img alt=\"K x K grid of impulse responses\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(gridPng))
        .append("\"/><figcaption>")
        .append(
            esc(
                String.format(
                    Locale.ROOT,
                    "Row: the response; column: the impulse. Blue:"
                        + " the VAR(%d)'s orthogonalised impulse response with its %d%% asymptotic band"
                        + " (sampling uncertainty). Orange: the mean orthogonalised generalized impulse"
                        + " response of %d LSTMs over %d histories each, with the %s quantiles across"
                        + " models and histories (training seeds and state dependence, not a confidence"
                        + " band). D in each title: the distance defined below.",
                    c.var().lags(),
                    level,
                    c.lstm().seeds().size(),
                    c.lstm().histories(),
                    c.lstm().outerBandLabel())))
        .append("</figcaption></figure>\n");
    h.append("<h2>Distance between the responses</h2>\n");
    h.append(
        p(
            "D = RMS over steps 0.."
                + c.horizon()
                + " of (LSTM mean response - VAR"
                + " response), divided by the RMS over steps of the half-width of the VAR's "
                + level
                + "% band. D \u2264 1: the LSTM's response lies within the VAR's band in the RMS sense"
                + " (green); 1 < D \u2264 2 amber; above 2 red. In brackets: the RMS difference in the"
                + " data's units."));
    List<String> head = new ArrayList<>(List.of("response \\ impulse"));
    head.addAll(c.names());
    double[][] d = c.distance();
    double[][] rms = c.rmsDifference();
    h.append("<table><tr>");
    for (String cell : head) {
      h.append("<th>").append(esc(cell)).append("</th>");
    }
    h.append("</tr>\n");
    for (int i = 0; i < k; i++) {
      h.append("<tr><th class=\"l\">").append(esc(c.names().get(i))).append("</th>");
      for (int j = 0; j < k; j++) {
        String cls =
            !Double.isFinite(d[i][j]) ? "" : d[i][j] <= 1 ? "near" : d[i][j] <= 2 ? "mid" : "far";
        h.append("<td class=\"")
            .append(cls)
            .append("\">")
            .append(
                esc(Double.isFinite(d[i][j]) ? String.format(Locale.ROOT, "%.2f", d[i][j]) : "n/a"))
            .append(esc(String.format(Locale.ROOT, " (%.3g)", rms[i][j])))
            .append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
    errors(h, c);
    setup(h, c, s);
    h.append("</body></html>\n");
    return h.toString();
  }

  /** The findings in two sentences, from the numbers. */
  static String summary(Comparison c) {
    double[][] d = c.distance();
    int k = c.names().size();
    int within = 0;
    int cells = 0;
    int worstI = 0;
    int worstJ = 0;
    double worst = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        if (Double.isFinite(d[i][j])) {
          cells++;
          within += d[i][j] <= 1 ? 1 : 0;
          if (d[i][j] > worst) {
            worst = d[i][j];
            worstI = i;
            worstJ = j;
          }
        }
      }
    }
    StringBuilder ratios = new StringBuilder();
    for (int v = 0; v < k; v++) {
      ratios
          .append(v == 0 ? "" : ", ")
          .append(c.names().get(v))
          .append(String.format(Locale.ROOT, " %.2f", c.lstmErrors().ratioTo(c.varErrors(), v)));
    }
    return String.format(
        Locale.ROOT,
        "In short: the LSTMs' responses lie within the VAR's band"
            + " (D \u2264 1) in %d of %d cells; the farthest is %s \u2192 %s, D = %.2f. Their"
            + " out-of-sample one-step errors relative to the VAR's: %s.",
        within,
        cells,
        c.names().get(worstJ),
        c.names().get(worstI),
        worst,
        ratios);
  }

  private static void errors(StringBuilder h, Comparison c) {
    h.append("<h2>Out-of-sample one-step errors</h2>\n");
    h.append(
        p(
            "Root mean squared error of the one-step forecasts of the "
                + c.varErrors().count()
                + " validation observations, each from the actual observations"
                + " before it, in the data's units; the ratio is to the VAR's (below 1: better)."));
    h.append("<table><tr><th class=\"l\">forecast</th>");
    for (String n : c.names()) {
      h.append("<th>").append(esc(n)).append("</th><th>ratio</th>");
    }
    h.append("</tr>\n");
    row(h, "VAR(" + c.var().lags() + ")", c.varErrors(), c.varErrors());
    row(
        h,
        "LSTM ensemble (mean forecast of " + c.fit().members().size() + ")",
        c.lstmErrors(),
        c.varErrors());
    for (MemberFit m : c.fit().members()) {
      row(h, "LSTM seed " + m.seed(), m.validation(), c.varErrors());
    }
    row(h, "training-part mean (no dynamics)", c.meanErrors(), c.varErrors());
    h.append("</table>\n");
  }

  private static void row(StringBuilder h, String name, OneStepErrors e, OneStepErrors var) {
    h.append("<tr><td class=\"l\">").append(esc(name)).append("</td>");
    for (int v = 0; v < e.rmse().length; v++) {
      h.append("<td>")
          .append(String.format(Locale.ROOT, "%.4g", e.rmse()[v]))
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%.3f", e.ratioTo(var, v)))
          .append("</td>");
    }
    h.append("</tr>\n");
  }

  private static void setup(StringBuilder h, Comparison c, FitSpec s) {
    FitOutcome fit = c.fit();
    double seconds = fit.members().stream().mapToDouble(MemberFit::seconds).sum();
    h.append("<h2>Set-up</h2>\n<ul>\n");
    h.append(
        li(
            String.format(
                Locale.ROOT,
                "VAR(%d) with a constant, least squares on the"
                    + " training part (statsmodels' conventions), asymptotic (Lütkepohl) bands.",
                c.var().lags())));
    h.append(
        li(
            String.format(
                Locale.ROOT,
                "LSTM: %d model(s), seeds %d..%d; LSTM(%d) x %d"
                    + " layer(s) + dense head of %d, predicting each observation from the %d before it;"
                    + " columns min-max scaled on the training part; Adam (learning rate %s), batch %d, %d"
                    + " epochs, no early stopping; backend %s (%s); %.1f s of training in all.",
                s.seeds(),
                s.firstSeed(),
                s.firstSeed() + s.seeds() - 1,
                s.units(),
                s.layers(),
                c.names().size(),
                s.lookback(),
                String.valueOf(s.learningRate()),
                s.batchSize(),
                s.epochs(),
                fit.backend(),
                fit.precision(),
                seconds)));
    h.append(
        li(
            "LSTM responses: generalized impulse responses (Koop, Pesaran and Potter 1996)"
                + " traced in closed loop (each prediction becomes the next input), over "
                + c.lstm().histories()
                + " histories of the data per model, the shock added to the"
                + " last observation of each history's first window; each model's impulse is the"
                + " Cholesky factor of its own training residual covariance."));
    h.append("</ul>\n");
    h.append("<p class=\"note\">")
        .append(
            esc(
                "Written by lstm-irf compare; the numbers are in"
                    + " compare.json beside this page."))
        .append("</p>\n");
  }

  private static String p(String text) {
    return "<p>" + esc(text) + "</p>\n";
  }

  private static String li(String text) {
    return "<li>" + esc(text) + "</li>\n";
  }

  /** Text as HTML: the five characters XML reserves, escaped. */
  static String esc(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
