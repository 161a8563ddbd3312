package io.lstmirf.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import io.lstmirf.api.Device;
import io.lstmirf.api.EngineException;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.io.AtomicFiles;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ReadOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TorchScript files through DJL's PyTorch engine: libtorch loads the module ({@code
 * torch::jit::load}, DJL's {@code JniUtils.loadModule}) and lists its named parameters, which
 * {@link TorchScriptModules} turns into the canonical model; exports are written by libtorch's own
 * {@code Module::save} after it has compiled and loaded the {@link TorchScriptArchive} this backend
 * builds, so PyTorch accepts every file written.
 */
final class DjlTorchScript {
  private DjlTorchScript() {}

  /** Reads a TorchScript file's LSTM (and head) parameters. */
  static ImportedModel read(DjlEngine engine, Path file, ReadOptions options) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("model file " + file + " does not exist");
    }
    Map<String, TorchScriptModules.Tensor> parameters = new LinkedHashMap<>();
    try (NDManager manager = engine.newManager(Device.CPU);
        PtSymbolBlock module = load(manager, file)) {
      for (Pair<String, Parameter> p : module.getDirectParameters()) {
        NDArray a = p.getValue().getArray();
        parameters.put(
            p.getKey(),
            new TorchScriptModules.Tensor(
                a.getShape().getShape(), a.toType(DataType.FLOAT64, false).toDoubleArray()));
      }
    }
    return TorchScriptModules.interpret(file.toString(), parameters, options);
  }

  /** Writes the weights as TorchScript, parameters in {@code precision}. */
  static void write(DjlEngine engine, LstmWeights weights, Path file, Precision precision) {
    Path raw = null;
    try {
      raw = Files.createTempFile(file.toAbsolutePath().getParent(), ".lstm-irf", ".pt");
      Files.write(raw, TorchScriptArchive.of(weights, precision));
      try (NDManager manager = engine.newManager(Device.CPU);
          PtSymbolBlock module = load(manager, raw)) {
        AtomicFiles.write(
            file,
            tmp -> {
              try (OutputStream out = Files.newOutputStream(tmp)) {
                JniUtils.writeModule(module, out, false); // false: no DJL length prefix
              }
            });
      }
    } catch (IOException e) {
      throw new io.lstmirf.api.LstmIrfException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      if (raw != null) {
        try {
          Files.deleteIfExists(raw);
        } catch (IOException ignored) {
          // a stray temporary file; the export itself succeeded or failed already
        }
      }
    }
  }

  private static PtSymbolBlock load(NDManager manager, Path file) {
    try {
      PtSymbolBlock block =
          JniUtils.loadModule(
              (PtNDManager) manager, file, true, new String[0], new String[0], false);
      JniUtils.enableInferenceMode(block);
      return block;
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          file
              + " is not a TorchScript file PyTorch "
              + "can load ("
              + EngineException.rootCause(e)
              + "); save the model with"
              + " torch.jit.script(model).save(path) or torch.jit.trace(model, example).save(path):"
              + " torch.save(model.state_dict()) files hold no module",
          e);
    }
  }
}
