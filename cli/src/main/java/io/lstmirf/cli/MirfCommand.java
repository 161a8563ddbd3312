package io.lstmirf.cli;

import io.lstmirf.api.Backends;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.json.MultiJson;
import io.lstmirf.irf.multi.EnsembleFiles;
import io.lstmirf.irf.multi.ForecastEnsemble;
import io.lstmirf.irf.multi.MultiGirf;
import io.lstmirf.irf.multi.MultiGirfSpec;
import io.lstmirf.irf.multi.MultivariateGirfs;
import io.lstmirf.irf.multi.ShockIdentification;
import io.lstmirf.irf.plot.ResponseChart;
import io.lstmirf.irf.plot.VarCharts;
import io.lstmirf.irf.var.CsvSeries;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lstm-irf mirf}: the K x K generalized impulse responses of the forecasters {@code fit}
 * wrote, in the VAR's layout, with bands across models and histories.
 */
@Command(
    name = "mirf",
    mixinStandardHelpOptions = true,
    description = {
      "Generalized impulse responses (Koop, Pesaran and Potter) of every variable"
          + " to a one-standard-deviation shock in every variable, from LSTM forecasters written"
          + " by lstm-irf fit, averaged over histories drawn from the data and traced in closed"
          + " loop (each prediction is the next input). Prints JSON: irf [N+1][K][K]"
          + " ([step][response][impulse], statsmodels' irfs layout) in the data's units, the"
          + " quantiles across models and histories, each model's mean and impulses.",
      "Shocks: generalized (Pesaran-Shin: Sigma e_j / sqrt(Sigma_jj)) by default; --orth:"
          + " the Cholesky factor of Sigma in the fitted column order, as the VAR's"
          + " orthogonalised IRF. Sigma is each model's one-step residual covariance."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf mirf --model runs/macro-fit --data docs/examples/us-macro-logdiff.csv"
          + " --horizon 10 --orth --plot mirf.png",
      "  lstm-irf mirf --model runs/macro-fit/model-seed42.json --data"
          + " docs/examples/us-macro-logdiff.csv --horizon 10 --histories 100"
          + " --quantiles 0.1,0.5,0.9"
    })
final class MirfCommand implements Runnable {
  private final Backends backends;
  private final Console console;

  @Option(
      names = {"-m", "--model"},
      required = true,
      paramLabel = "M.json|DIR",
      description =
          "A directory written by lstm-irf fit (every model in it), or one model file"
              + " in such a directory.")
  Path model;

  @Option(
      names = {"-d", "--data"},
      required = true,
      paramLabel = "F.csv",
      description =
          "Data the histories are drawn from: a CSV with the fitted columns (others"
              + " are ignored).")
  Path data;

  @Mixin CsvOptions csv;

  @Option(
      names = {"-n", "--horizon"},
      required = true,
      paramLabel = "N",
      description = "Steps after the shock: responses at steps 0..N.")
  int horizon;

  @Option(
      names = "--orth",
      description =
          "Orthogonalised shocks (Cholesky, in the fitted"
              + " column order) instead of generalized ones.")
  boolean orth;

  @Mixin HistoryOptions draw;

  @Option(
      names = "--quantiles",
      split = ",",
      paramLabel = "Q",
      defaultValue = "0.05,0.5,0.95",
      description = "Quantile levels across models and histories (default ${DEFAULT-VALUE}).")
  List<Double> quantiles;

  @Option(
      names = "--mode",
      defaultValue = "sequence",
      paramLabel = "MODE",
      description =
          "sequence (each step's windows in one batched forward call) or step (a"
              + " stateful session stepped through each window). Default: ${DEFAULT-VALUE}.")
  IrfMode mode;

  @Option(
      names = "--plot",
      paramLabel = "FILE",
      description =
          "Also draw the K x K grid of mean responses with the outer quantile band"
              + " (.png or .svg).")
  Path plot;

  @Mixin BackendOptions engine;

  @Spec CommandSpec spec;

  @Inject
  MirfCommand(Backends backends, Console console) {
    this.backends = backends;
    this.console = console;
  }

  @Override
  public void run() {
    MultiGirfSpec girfSpec;
    try {
      girfSpec =
          new MultiGirfSpec(
              horizon,
              draw.histories(),
              draw.seed(),
              quantiles,
              orth ? ShockIdentification.ORTHOGONALISED : ShockIdentification.GENERALIZED,
              mode);
    } catch (InvalidInputException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (plot != null) {
      ResponseChart.Format.of(plot);
    }
    ForecastEnsemble ensemble = EnsembleFiles.read(model);
    double[][] values = ensemble.columnsOf(CsvSeries.read(data, csv.delimiter()));
    String backend = engine.resolve(backends).name();
    MultiGirf g =
        new MultivariateGirfs(engine.builder(backends)).compute(ensemble, values, girfSpec);
    console.printJson(MultiJson.girf(backend, g));
    if (plot != null) {
      String band = g.outerBand().isEmpty() ? "" : ", " + g.outerBandLabel() + " quantiles";
      VarCharts.responses(
              g.mean(),
              g.outerBand().orElse(null),
              g.names(),
              "LSTM "
                  + (orth ? "orthogonalised" : "generalized")
                  + " impulse responses ("
                  + g.seeds().size()
                  + " model(s) x "
                  + g.histories()
                  + " histories"
                  + band
                  + ")")
          .save(plot);
      console.err().println("lstm-irf: wrote " + plot);
    }
  }
}
