package io.lstmirf.backend.djl;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps libtorch off oneDNN (its "mkldnn" switch, {@code torch.backends.mkldnn.enabled} in
 * Python), process-wide.
 *
 * <p>Why: PyTorch 2.7.1 sends a float32 {@code lstm} on an AVX-512 CPU to oneDNN 3.7.1's
 * {@code rnn,brgemm:avx512_core} inference kernel, and on some such CPUs (an AMD EPYC with
 * {@code avx512_vp2intersect}, reported in the project's issue tracker) that kernel's results are
 * wrong by up to 0.4 for most hidden sizes below 50, silently. With the switch off, every LSTM
 * runs on ATen's own loop (the input projection for all steps in one GEMM, then one GEMM and the
 * pointwise gates per step), the same code float64 always takes, on every CPU alike. The CPU
 * matrix products use MKL/BLAS either way: the switch only moves work away from oneDNN's
 * primitives. {@code ONEDNN_VERBOSE=1} shows no {@code rnn} primitive once it is off.
 *
 * <p>DJL's JNI bridge exposes no call for it, so it is made through JNA on libtorch's exported
 * {@code at::globalContext().setUserEnabledMkldnn(bool)} and read back with
 * {@code userEnabledMkldnn()}. The switch is a plain global flag: it also affects other DJL
 * PyTorch models in the same JVM (convolutions lose oneDNN's kernels); {@link #KEEP_PROPERTY}
 * leaves it on for applications that need that, and the backend's self-check then guards the
 * results.
 */
final class DjlOneDnn {
  /** System property: {@code true} leaves PyTorch's use of oneDNN as it is. */
  static final String KEEP_PROPERTY = "lstmirf.djl.onednn";

  private static final String LIBRARY = "libtorch_cpu.so";
  // Itanium C++ ABI names of at::globalContext(), at::Context::setUserEnabledMkldnn(bool) and
  // at::Context::userEnabledMkldnn() const; exported by every libtorch 2.x for Linux.
  private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
  private static final String SET_ENABLED = "_ZN2at7Context20setUserEnabledMkldnnEb";
  private static final String IS_ENABLED = "_ZNK2at7Context17userEnabledMkldnnEv";

  private DjlOneDnn() {}

  /** What became of the switch, for listings. */
  enum State {
    /** oneDNN is off: every LSTM runs on ATen's own loop. */
    OFF,
    /** Left on because {@link #KEEP_PROPERTY} asked for it. */
    KEPT_ON,
    /** Not a libtorch this class knows how to reach (another platform, other symbols). */
    UNREACHABLE
  }

  /**
   * Turns oneDNN off in the libtorch DJL has loaded, unless {@link #KEEP_PROPERTY} says to keep
   * it. Call after the engine has loaded.
   */
  static State disableUnlessKept() {
    if (Boolean.getBoolean(KEEP_PROPERTY)) {
      return State.KEPT_ON;
    }
    Path library = Path.of(LibUtils.getLibtorchPath()).resolve(LIBRARY);
    if (!Files.isRegularFile(library)) {
      return State.UNREACHABLE;
    }
    // dlopen of a loaded library returns the loaded one: the context is the engine's own.
    NativeLibrary torch = NativeLibrary.getInstance(library.toString());
    Pointer context;
    Function setEnabled;
    Function isEnabled;
    try {
      context = torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
      setEnabled = torch.getFunction(SET_ENABLED);
      isEnabled = torch.getFunction(IS_ENABLED);
    } catch (UnsatisfiedLinkError e) {
      return State.UNREACHABLE;
    }
    setEnabled.invokeVoid(new Object[] {context, Boolean.FALSE});
    // C++ returns bool in the low byte of the register; the other bytes are not defined.
    int enabled = isEnabled.invokeInt(new Object[] {context}) & 0xff;
    return enabled == 0 ? State.OFF : State.UNREACHABLE;
  }
}
