package io.lstmirf.cli;

import io.lstmirf.irf.json.IrfJson;
import io.lstmirf.irf.plot.ResponseChart;
import io.lstmirf.irf.plot.ResponseCharts;
import io.lstmirf.irf.var.CsvSeries;
import io.lstmirf.irf.var.InformationCriterion;
import io.lstmirf.irf.var.TimeSeries;
import io.lstmirf.irf.var.VarModel;
import jakarta.inject.Inject;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lstm-irf var-irf}: the classical baseline, impulse responses of a least-squares VAR(p)
 * with a constant, as statsmodels computes them.
 */
@Command(name = "var-irf", mixinStandardHelpOptions = true,
    description = "Fit a VAR(p) with a constant by least squares and print its impulse responses"
        + " (MA coefficients) and orthogonalised impulse responses (Cholesky factor of"
        + " Sigma_u = SSR / (T - Kp - 1)), [N+1][K][K] indexed [step][response][impulse], as"
        + " statsmodels' irfs / orth_irfs.")
final class VarIrfCommand implements Runnable {
  private final Console console;

  @Option(names = {"-d", "--data"}, required = true, paramLabel = "series.csv",
      description = "CSV with a header row of variable names and one row per observation,"
          + " oldest first (a leading index or date column is skipped).")
  Path data;

  @Mixin
  CsvOptions csv;

  @Option(names = {"-p", "--lags"}, required = true, paramLabel = "P",
      description = "Lag order p; with --ic, the largest order tried (statsmodels' maxlags).")
  int lags;

  @Option(names = {"-n", "--horizon"}, required = true, paramLabel = "N",
      description = "Steps after the shock: N + 1 matrices, step 0 included.")
  int horizon;

  @Option(names = "--ic", paramLabel = "CRITERION",
      description = "Choose the order in 0..P by aic, bic, hqic or fpe, each order fitted on the"
          + " same observations (statsmodels' select_order), then fit it on the whole series.")
  String criterion;

  @Option(names = "--plot", paramLabel = "FILE",
      description = "Also draw every impulse -> response curve of the (non-orthogonalised)"
          + " IRFs to FILE (.png or .svg).")
  Path plot;

  @Inject
  VarIrfCommand(Console console) {
    this.console = console;
  }

  @Override
  public void run() {
    if (plot != null) {
      ResponseChart.Format.of(plot);
    }
    TimeSeries series = CsvSeries.read(data, csv.delimiter());
    VarModel var = criterion == null ? VarModel.fit(series, lags)
        : VarModel.fit(series, lags, InformationCriterion.parse(criterion));
    console.printJson(IrfJson.varIrf(var, horizon));
    if (plot != null) {
      ResponseCharts.var(var.irf(horizon), var.names(), "VAR(" + var.lags() + ") impulse"
          + " responses").save(plot);
      console.err().println("lstm-irf: wrote " + plot);
    }
  }
}
