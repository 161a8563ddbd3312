package io.lstmirf.backend.djl;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.function.Supplier;

/**
 * Keeps libtorch's oneDNN off its AVX-512 RNN kernels: caps oneDNN's instruction set at AVX2 for
 * the libtorch this process loads, in-process, before oneDNN first reads its limit.
 *
 * <p>Why: PyTorch 2.7.1 sends a float32 {@code lstm} (inference) on an AVX-512 CPU to oneDNN
 * 3.7.1's {@code rnn,brgemm:avx512_core,forward_inference} kernel, and on some such CPUs (an AMD
 * EPYC with {@code avx512_vp2intersect}, reported in the project's issue tracker) its results are
 * wrong by up to 0.4 for most hidden sizes below 50, silently; capped at AVX2 (the kernel every
 * AVX2 machine runs, {@code rnn,brgemm:avx2}) the same tests pass there, at the same speed.
 * Training is not affected: with gradients recorded, PyTorch runs oneDNN's reference RNN ({@code
 * rnn,ref,forward_training}), plain C++ that computes alike on every CPU.
 *
 * <p>The alternatives were measured and rejected: turning PyTorch's oneDNN off ({@code
 * torch.backends.mkldnn.enabled = False}) moves sequences to ATen's own loop, 1.6-2x slower, and
 * training to ATen's autograd, 2.9x slower; computing sequences from single ops in Java is 3x
 * slower; oneDNN's forward-training kernel for inference is 2x slower.
 *
 * <p>How: oneDNN reads {@code ONEDNN_MAX_CPU_ISA} from the process environment once, when it first
 * needs its instruction set, and keeps the answer. Java cannot set its own environment, so libc's
 * {@code setenv} is called through JNA, one tiny float32 LSTM is run to make oneDNN read it, and
 * the variable is removed again at once, so that TensorFlow's own copy of oneDNN, which reads it
 * later, keeps its defaults. A limit the user set ({@code ONEDNN_MAX_CPU_ISA} or {@code
 * DNNL_MAX_CPU_ISA}) is left as it is; {@code -Dlstmirf.djl.onednn=native} leaves oneDNN uncapped.
 * If libtorch's oneDNN was initialised before this backend loaded (another library ran PyTorch
 * first), the cap cannot take effect: the backend's self-check then guards the results. {@code
 * ONEDNN_VERBOSE=1} shows the kernel that runs.
 */
final class DjlOneDnn {
  /** System property: {@code native} leaves oneDNN's instruction set uncapped. */
  static final String PROPERTY = "lstmirf.djl.onednn";

  private static final String LIMIT = "ONEDNN_MAX_CPU_ISA";
  private static final String LEGACY_LIMIT = "DNNL_MAX_CPU_ISA";
  private static final String CAP = "AVX2";

  private DjlOneDnn() {}

  /** What became of oneDNN's instruction set, for listings. */
  enum State {
    /** Capped at AVX2 by this backend. */
    CAPPED("oneDNN capped at AVX2"),
    /** The user's own ONEDNN_MAX_CPU_ISA / DNNL_MAX_CPU_ISA applies. */
    USER_LIMIT("oneDNN limited by the user's " + LIMIT),
    /** Left uncapped because {@code -Dlstmirf.djl.onednn=native} asked for it. */
    NATIVE("oneDNN uncapped (lstmirf.djl.onednn=native)");

    private final String description;

    State(String description) {
      this.description = description;
    }

    /** For the backend's description. */
    String description() {
      return description;
    }
  }

  /**
   * Caps oneDNN at AVX2 unless the user chose otherwise. Call once, after the engine has loaded and
   * before any model runs.
   *
   * @param initialise runs one float32 LSTM inference on the CPU, so that oneDNN reads its limit
   */
  static State capUnlessChosen(Runnable initialise) {
    String choice = System.getProperty(PROPERTY, "");
    if (choice.equalsIgnoreCase("native")) {
      return State.NATIVE;
    }
    if (!choice.isEmpty()) {
      throw new io.lstmirf.api.InvalidInputException(
          PROPERTY + " must be 'native' or unset," + " got '" + choice + "'");
    }
    if (System.getenv(LIMIT) != null || System.getenv(LEGACY_LIMIT) != null) {
      return State.USER_LIMIT;
    }
    withEnvironment(
        LIMIT,
        CAP,
        () -> {
          initialise.run();
          return null;
        });
    return State.CAPPED;
  }

  /** Runs {@code body} with {@code name=value} in the process environment, then removes it. */
  private static <T> T withEnvironment(String name, String value, Supplier<T> body) {
    NativeLibrary libc = NativeLibrary.getInstance("c");
    Function setenv = libc.getFunction("setenv");
    Function unsetenv = libc.getFunction("unsetenv");
    if (setenv.invokeInt(new Object[] {name, value, 1}) != 0) {
      throw new IllegalStateException("setenv(" + name + ") failed");
    }
    try {
      return body.get();
    } finally {
      unsetenv.invokeInt(new Object[] {name});
    }
  }
}
