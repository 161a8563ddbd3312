package io.lstmirf.api.train;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * A model for testing {@link Training#fit} alone: its trainer computes nothing, but records which
 * examples each step saw (example {@code n} carries {@code n} in {@code inputs[0][0]}), answers
 * each step with the mean example number, and each validation batch with the next value of a
 * script. Everything {@code fit} does not use is refused.
 */
final class ScriptedModel implements LstmModel {
  final List<int[]> steps = new ArrayList<>();
  final List<String> events = new ArrayList<>();
  final DoubleSupplier validationLoss;
  boolean trainerClosed;

  ScriptedModel(DoubleSupplier validationLoss) {
    this.validationLoss = validationLoss;
  }

  /** Examples 0..n-1, each carrying its number. */
  static Dataset numbered(int n) {
    double[][][] x = new double[n][3][1];
    double[][][] y = new double[n][1][1];
    for (int i = 0; i < n; i++) {
      x[i][0][0] = i;
    }
    return new Dataset(x, y);
  }

  @Override
  public LstmTrainer openTrainer(TrainerConfig config) {
    events.add("open");
    return new LstmTrainer() {
      @Override
      public double step(double[][][] inputs, double[][][] targets) {
        int[] seen = new int[inputs.length];
        double sum = 0;
        for (int i = 0; i < inputs.length; i++) {
          seen[i] = (int) inputs[i][0][0];
          sum += seen[i];
        }
        steps.add(seen);
        events.add("step");
        return sum / inputs.length;
      }

      @Override
      public double loss(double[][][] inputs, double[][][] targets) {
        return validationLoss.getAsDouble();
      }

      @Override
      public void close() {
        trainerClosed = true;
        events.add("close");
      }
    };
  }

  @Override
  public String backendName() {
    return "scripted";
  }

  @Override
  public LstmSpec spec() {
    return LstmSpec.withHead(1, 1, 1, 1);
  }

  @Override
  public ModelOptions options() {
    return ModelOptions.of(Precision.FLOAT64);
  }

  @Override
  public ForwardResult forward(double[][][] inputs, LstmState initialState, Set<Trace> traces) {
    throw new UnsupportedOperationException("Training.fit does not run forward passes");
  }

  @Override
  public LstmSession openSession(int batchSize) {
    throw new UnsupportedOperationException("Training.fit does not open sessions");
  }

  @Override
  public double[] memoryGateBias(int layer) {
    throw new UnsupportedOperationException("Training.fit does not read biases");
  }

  /** setForgetBias reaches here through LstmModel's default: the LSTM's memory gate. */
  @Override
  public void setMemoryGateBias(int layer, double[] bias) {
    events.add("setForgetBias");
  }

  @Override
  public LstmWeights weights() {
    throw new UnsupportedOperationException("Training.fit does not read weights");
  }

  @Override
  public GradientResult gradients(double[][][] inputs, double[][][] targets, LossTarget loss) {
    throw new UnsupportedOperationException("Training.fit trains through its trainer");
  }

  @Override
  public void close() {}
}
