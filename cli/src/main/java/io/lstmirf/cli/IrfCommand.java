package io.lstmirf.cli;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.Trace;
import io.lstmirf.api.json.InputJson;
import io.lstmirf.api.memory.ArraySizes;
import io.lstmirf.api.memory.MemoryCheck;
import io.lstmirf.irf.Baseline;
import io.lstmirf.irf.ImpulseResponse;
import io.lstmirf.irf.ImpulseResponses;
import io.lstmirf.irf.json.IrfJson;
import io.lstmirf.irf.plot.ResponseChart;
import io.lstmirf.irf.plot.ResponseCharts;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lstm-irf irf}: the conditional impulse response of a model to one shock, with the memory
 * metrics of every response channel.
 */
@Command(
    name = "irf",
    mixinStandardHelpOptions = true,
    description =
        "Impulse response of a model to one shock: response[j] = y_shocked[t0+j] -"
            + " y_base[t0+j] for every response channel, the top layer's cell-state response, and"
            + " memory metrics, as JSON.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf irf --model docs/examples/closed-form-lstm.json --horizon 100"
          + " --shock-time 30 --plot irf.png",
      "  lstm-irf irf --model my_lstm.onnx --horizon 50 --shock-time 10 --shock 0.5"
          + " --channel 0 --mode step --backend djl"
    })
final class IrfCommand implements Runnable {
  private final ModelLoader loader;
  private final Console console;

  @Mixin ModelRunOptions modelRun;

  @Mixin ShockOptions shockOptions;

  @Mixin ResultFileOption out;

  @Option(
      names = "--baseline",
      paramLabel = "X.json",
      description =
          "Baseline input {\"inputs\": [1][T][I], \"initialState\": ...} with T >="
              + " T0 + N (later steps are not used). Default: zeros of length T0 + N from the zero"
              + " state.")
  Path baseline;

  @Option(
      names = "--plot",
      paramLabel = "FILE",
      description =
          "Also draw the response curves to FILE (.png or .svg). Its folder must"
              + " exist; a symbolic link is written through.")
  Path plot;

  @Inject
  IrfCommand(ModelLoader loader, Console console) {
    this.loader = loader;
    this.console = console;
  }

  @Override
  public void run() {
    int steps = shockOptions.validate();
    out.check();
    if (plot != null) {
      ResponseChart.Format.of(plot); // a bad extension fails before the model runs
      OutputFiles.requireWritableFile("--plot", plot);
    }
    Baseline base = baseline == null ? Baseline.zeros() : readBaseline(baseline);
    try (LstmModel m = loader.load(modelRun)) {
      requireMemory(m, steps, shockOptions.horizon());
      ImpulseResponse r =
          new ImpulseResponses(m)
              .compute(base, shockOptions.shock(), shockOptions.horizon(), shockOptions.mode());
      console.printJson(IrfJson.irf(m.backendName(), shockOptions.mode(), r), out.file());
      if (plot != null) {
        ResponseCharts.irf(
                r,
                ResponseCharts.responseNames(m),
                "Impulse response ("
                    + m.backendName()
                    + ", shock "
                    + shockOptions.shock().size()
                    + " on input "
                    + shockOptions.shock().channel()
                    + " at t = "
                    + shockOptions.shock().time()
                    + ")")
            .save(plot);
        console.err().println("lstm-irf: wrote " + plot);
      }
    }
  }

  /**
   * Refuses an impulse response whose two runs of {@code steps} (a baseline and its shocked copy,
   * in one call) or whose responses do not fit, before anything is allocated.
   */
  static void requireMemory(LstmModel m, int steps, int horizon) {
    LstmSpec spec = m.spec();
    String what = "an impulse response over " + steps + " steps (--shock-time + --horizon)";
    String fix = "use a shorter --horizon or an earlier --shock-time";
    MemoryCheck.ForwardPlan plan =
        MemoryCheck.forward(m, 2, steps, Set.of(Trace.CELL_STATES), true, what, fix);
    long inputs = ArraySizes.doubles(2, steps, spec.inputSize());
    long responses =
        ArraySizes.doubles(2, horizon, Math.max(spec.responseSize(), spec.hiddenSize()));
    MemoryCheck.requireHeap(ArraySizes.plus(plan.heapBytes(), inputs, responses), what, fix);
  }

  static Baseline readBaseline(Path file) {
    InputJson.Input in = InputJson.read(file, "baseline file");
    if (in.inputs().length != 1) {
      throw new InvalidInputException(
          "baseline file "
              + file
              + " holds "
              + in.inputs().length
              + " sequences; a baseline is one sequence, [1][T][I] (for many histories use girf)");
    }
    try {
      return Baseline.window(in.inputs()[0], in.initialState());
    } catch (InvalidInputException e) {
      throw new InvalidInputException("baseline file " + file + ": " + e.getMessage(), e);
    }
  }
}
