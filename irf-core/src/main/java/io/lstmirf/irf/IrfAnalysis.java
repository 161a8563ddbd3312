package io.lstmirf.irf;

import io.lstmirf.api.LstmModel;
import io.lstmirf.irf.var.InformationCriterion;
import io.lstmirf.irf.var.TimeSeries;
import io.lstmirf.irf.var.VarModel;

/**
 * The analysis entry points in one stateless object, for code that injects its services (see the
 * lstm-irf-guice module) or prefers one object to several constructors. Each method is a thin door
 * to the class that does the work; those classes can be used directly.
 *
 * <pre>{@code
 * ImpulseResponse r = analysis.impulseResponses(model)
 *     .compute(Baseline.zeros(), new Shock(30, 0, 1.0), 100, IrfMode.SEQUENCE);
 * }</pre>
 */
public final class IrfAnalysis {

  /** Conditional impulse responses of {@code model} (one baseline history). */
  public ImpulseResponses impulseResponses(LstmModel model) {
    return new ImpulseResponses(model);
  }

  /** Generalized impulse responses of {@code model} over histories drawn from data. */
  public GeneralizedImpulseResponses generalizedImpulseResponses(LstmModel model) {
    return new GeneralizedImpulseResponses(model);
  }

  /** The derivative of {@code model}'s response at a zero-size shock. */
  public Linearisation linearisation(LstmModel model) {
    return new Linearisation(model);
  }

  /** The mean forget gate of every unit over a forward pass, and its time constant. */
  public ForgetGateProfile forgetGateProfile(LstmModel model, double[][][] inputs) {
    return ForgetGateProfile.measure(model, inputs);
  }

  /** A VAR({@code lags}) fitted by least squares, statsmodels' conventions. */
  public VarModel fitVar(TimeSeries series, int lags) {
    return VarModel.fit(series, lags);
  }

  /** A VAR whose order up to {@code maxLags} minimises {@code criterion}. */
  public VarModel fitVar(TimeSeries series, int maxLags, InformationCriterion criterion) {
    return VarModel.fit(series, maxLags, criterion);
  }
}
