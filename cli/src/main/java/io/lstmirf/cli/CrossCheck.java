package io.lstmirf.cli;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.check.Deviation;
import io.lstmirf.api.check.Tolerance;
import io.lstmirf.irf.Baseline;
import io.lstmirf.irf.ImpulseResponse;
import io.lstmirf.irf.ImpulseResponses;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.Shock;
import io.lstmirf.irf.metrics.ResponseMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One model on every backend, precision and mode against the float64 reference in sequence mode:
 * outputs, final states, the impulse response (and cell-state response) and its memory metrics,
 * each held to the conformance tolerance of the precision computed in ({@link Tolerance}). Discrete
 * metrics (half-life, peak lag, lag90) sit on thresholds a rounding can cross, so they are reported
 * when they differ but do not fail a row; the responses they are counted on are held to the
 * tolerance.
 */
final class CrossCheck {
  private final LstmWeights weights;
  private final double[][][] inputs;
  private final LstmState initialState;
  private final Shock shock;
  private final int horizon;

  /** One backend, precision and mode against the reference. */
  record Row(
      String backend,
      Precision precision,
      IrfMode mode,
      Deviation outputs,
      Deviation finalState,
      Deviation irf,
      Deviation metrics,
      List<String> discrete) {
    boolean agrees() {
      return outputs.withinTolerance()
          && finalState.withinTolerance()
          && irf.withinTolerance()
          && metrics.withinTolerance();
    }

    String worst() {
      for (Deviation d : List.of(outputs, finalState, irf, metrics)) {
        if (!d.withinTolerance()) {
          return d.worst();
        }
      }
      return "";
    }
  }

  CrossCheck(
      LstmWeights weights, double[][][] inputs, LstmState initialState, Shock shock, int horizon) {
    this.weights = Objects.requireNonNull(weights);
    this.inputs = inputs;
    this.initialState = initialState;
    this.shock = shock;
    this.horizon = horizon;
  }

  /**
   * The default input when none is given: {@code batch} sequences of 40 steps, {@code x[b][t][i] =
   * sin(0.3 (t + 1) + b + 0.7 i)}, smooth, of both signs and every size up to 1.
   */
  static double[][][] defaultInputs(int batch, int inputSize) {
    double[][][] x = new double[batch][40][inputSize];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < 40; t++) {
        for (int i = 0; i < inputSize; i++) {
          x[b][t][i] = Math.sin(0.3 * (t + 1) + b + 0.7 * i);
        }
      }
    }
    return x;
  }

  /** Runs every row; {@code reference} is the oracle, the others each backend found. */
  List<Row> run(LstmBackend reference, List<LstmBackend> backends) {
    ForwardResult expected;
    ImpulseResponse expectedIrf;
    try (LstmModel oracle = reference.create(weights, ModelOptions.of(Precision.FLOAT64))) {
      expected = oracle.forward(inputs, initialState);
      expectedIrf = irf(oracle, IrfMode.SEQUENCE);
    }
    List<Row> rows = new ArrayList<>();
    for (LstmBackend b : backends) {
      for (Precision p : b.capabilities().precisions()) {
        try (LstmModel model = b.create(weights, ModelOptions.of(p))) {
          for (IrfMode mode : IrfMode.values()) {
            rows.add(row(b.name(), p, mode, model, expected, expectedIrf));
          }
        }
      }
    }
    return rows;
  }

  private Row row(
      String backend,
      Precision p,
      IrfMode mode,
      LstmModel model,
      ForwardResult expected,
      ImpulseResponse expectedIrf) {
    Tolerance tol = Tolerance.of(p);
    ForwardResult r =
        mode == IrfMode.SEQUENCE
            ? model.forward(inputs, initialState)
            : model.forwardStepwise(inputs, initialState);
    Deviation outputs = new Deviation(tol).add("outputs", expected.responses(), r.responses());
    Deviation state =
        new Deviation(tol)
            .add("h_n", expected.finalState().h(), r.finalState().h())
            .add("c_n", expected.finalState().c(), r.finalState().c());
    ImpulseResponse irf = irf(model, mode);
    Deviation response =
        new Deviation(tol)
            .add("irf", expectedIrf.response(), irf.response())
            .add("cell irf", expectedIrf.cellResponse(), irf.cellResponse());
    Deviation metrics = new Deviation(tol);
    List<String> discrete = new ArrayList<>();
    for (int c = 0; c < irf.metrics().size(); c++) {
      ResponseMetrics e = expectedIrf.metrics().get(c);
      ResponseMetrics a = irf.metrics().get(c);
      String at = "[" + c + "]";
      metrics
          .add("peak" + at, e.peak(), a.peak())
          .add("persistence" + at, e.persistence(), a.persistence())
          .add("contributionRatio" + at, e.contributionRatio(), a.contributionRatio());
      optional(metrics, "decayRate" + at, e.decayRate(), a.decayRate());
      discrete(discrete, "halfLife" + at, e.halfLife(), a.halfLife());
      discrete(discrete, "lag90" + at, e.lag90(), a.lag90());
      if (e.peakLag() != a.peakLag()) {
        discrete.add("peakLag" + at + " " + a.peakLag() + " (reference " + e.peakLag() + ")");
      }
    }
    return new Row(backend, p, mode, outputs, state, response, metrics, discrete);
  }

  private ImpulseResponse irf(LstmModel model, IrfMode mode) {
    return new ImpulseResponses(model).compute(Baseline.zeros(), shock, horizon, mode);
  }

  private static void optional(Deviation d, String what, OptionalDouble e, OptionalDouble a) {
    if (e.isPresent() && a.isPresent()) {
      d.add(what, e.getAsDouble(), a.getAsDouble());
    }
  }

  private static void discrete(List<String> out, String what, OptionalInt e, OptionalInt a) {
    if (!e.equals(a)) {
      out.add(what + " " + text(a) + " (reference " + text(e) + ")");
    }
  }

  private static String text(OptionalInt v) {
    return v.isPresent() ? Integer.toString(v.getAsInt()) : "none";
  }
}
