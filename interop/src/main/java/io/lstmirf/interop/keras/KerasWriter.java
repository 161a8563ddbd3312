package io.lstmirf.interop.keras;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.lstmirf.api.CellKind;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.Precision;
import io.lstmirf.api.io.AtomicFiles;
import io.lstmirf.api.layout.KerasLayout;
import io.lstmirf.interop.ModelFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes canonical weights as a Keras model that {@code keras.saving.load_model} loads: a
 * Sequential of LSTM, GRU and Bidirectional layers (return_sequences=True) and a linear Dense head
 * (config: {@link KerasConfigs}), weights in Keras' layout ({@link KerasLayout}: kernel [in, GH],
 * recurrent_kernel [H, GH], bias [4H] in gate order i, f, c, o, or a GRU's [2, 3H] in z, r, h).
 * Keras has no peephole LSTM: such a model is refused. HDF5 is written with jhdf.
 *
 * <ul>
 *   <li>{@code .keras}: a zip of metadata.json, config.json and model.weights.h5, variables at
 *       {@code layers/lstm/cell/vars/0..2} (a Bidirectional's at {@code
 *       layers/bidirectional/forward_layer/cell/vars/0..2} and {@code backward_layer}) and {@code
 *       layers/dense/vars/0..1};
 *   <li>{@code .h5}: attributes model_config, keras_version and backend ("tensorflow": the kernel
 *       layout written), group model_weights with layer_names and each layer's weight_names.
 * </ul>
 *
 * Float32 is what Keras keeps; float64 keeps every weight exactly (Keras casts on loading).
 * keras_version names the format version written ("3.0.0" for .keras, "2.0.0" for .h5), since no
 * Keras wrote the file; metadata.json also names lstm-irf as the producer.
 */
public final class KerasWriter {
  /** The legacy .h5 names of a cell's arrays, in Keras' order. */
  private static final String[] ARRAY_NAMES = {"kernel:0", "recurrent_kernel:0", "bias:0"};

  private KerasWriter() {}

  /**
   * Writes a .keras archive ({@link ModelFormat#KERAS}) or a legacy .h5 model ({@link
   * ModelFormat#KERAS_H5}).
   */
  public static void write(
      LstmWeights weights, Path file, ModelFormat format, Precision precision) {
    try {
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".lstm-irf", ".tmp");
      try {
        if (format == ModelFormat.KERAS) {
          AtomicFiles.write(file, archive(weights, tmp, precision));
        } else if (format == ModelFormat.KERAS_H5) {
          legacy(weights, tmp, precision);
          AtomicFiles.write(file, Files.readAllBytes(tmp));
        } else {
          throw new InvalidInputException("KerasWriter writes keras and keras-h5, not " + format);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new LstmIrfException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] archive(LstmWeights w, Path h5, Precision p) throws IOException {
    LstmSpec spec = w.spec();
    List<String> names = KerasConfigs.layerNames(spec);
    try (WritableHdfFile f = HdfFile.write(h5)) {
      WritableGroup layers = f.putGroup("layers");
      for (int l = 0; l < spec.numLayers(); l++) {
        LayerWeights lw = w.layer(l);
        WritableGroup g = layers.putGroup(names.get(l));
        for (int d = 0; d < lw.kind().directions(); d++) {
          WritableGroup cell =
              lw.kind().directions() == 1
                  ? g
                  : g.putGroup(d == 0 ? "forward_layer" : "backward_layer");
          WritableGroup vars = cell.putGroup("cell").putGroup("vars");
          List<Object> arrays = arrays(lw.direction(d), p);
          for (int k = 0; k < arrays.size(); k++) {
            vars.putDataset(Integer.toString(k), arrays.get(k));
          }
        }
      }
      w.head()
          .ifPresent(
              head -> {
                WritableGroup vars = layers.putGroup(names.get(names.size() - 1)).putGroup("vars");
                vars.putDataset("0", array(head.weight().transpose(), p));
                vars.putDataset("1", array(head.bias(), p));
              });
    }
    String meta = "{\"keras_version\": \"3.0.0\", \"producer\": \"lstm-irf-interop\"}";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      stored(zip, "metadata.json", meta.getBytes(StandardCharsets.UTF_8));
      stored(
          zip,
          "config.json",
          KerasConfigs.model(spec, true).toString().getBytes(StandardCharsets.UTF_8));
      stored(zip, "model.weights.h5", Files.readAllBytes(h5));
    }
    return out.toByteArray();
  }

  private static void legacy(LstmWeights w, Path h5, Precision p) {
    LstmSpec spec = w.spec();
    List<String> names = KerasConfigs.layerNames(spec);
    try (WritableHdfFile f = HdfFile.write(h5)) {
      f.putAttribute("model_config", KerasConfigs.model(spec, false).toString());
      f.putAttribute("keras_version", "2.0.0");
      f.putAttribute("backend", "tensorflow");
      WritableGroup mw = f.putGroup("model_weights");
      mw.putAttribute("layer_names", names.toArray(new String[0]));
      mw.putAttribute("keras_version", "2.0.0");
      mw.putAttribute("backend", "tensorflow");
      for (int l = 0; l < spec.numLayers(); l++) {
        String n = names.get(l);
        LayerWeights lw = w.layer(l);
        WritableGroup layerGroup = mw.putGroup(n);
        WritableGroup g = layerGroup.putGroup(n);
        List<String> weightNames = new ArrayList<>();
        String cell = lw.cell().id();
        for (int d = 0; d < lw.kind().directions(); d++) {
          String sub =
              lw.kind().directions() == 1 ? "" : (d == 0 ? "forward_" : "backward_") + cell + "/";
          WritableGroup at = sub.isEmpty() ? g : g.putGroup(sub.substring(0, sub.length() - 1));
          List<Object> arrays = arrays(lw.direction(d), p);
          for (int k = 0; k < arrays.size(); k++) {
            at.putDataset(ARRAY_NAMES[k], arrays.get(k));
            weightNames.add(n + "/" + sub + ARRAY_NAMES[k]);
          }
        }
        layerGroup.putAttribute("weight_names", weightNames.toArray(new String[0]));
      }
      w.head()
          .ifPresent(
              head -> {
                String n = names.get(names.size() - 1);
                WritableGroup g = mw.putGroup(n);
                g.putAttribute("weight_names", new String[] {n + "/kernel:0", n + "/bias:0"});
                WritableGroup d = g.putGroup(n);
                d.putDataset("kernel:0", array(head.weight().transpose(), p));
                d.putDataset("bias:0", array(head.bias(), p));
              });
    }
  }

  /**
   * One direction's kernel, recurrent kernel and bias in Keras' layout; a GRU's bias as its [2, 3H]
   * matrix.
   */
  private static List<Object> arrays(LayerWeights direction, Precision p) {
    KerasLayout.Layer k = KerasLayout.fromCanonical(direction);
    double[] bias = k.bias();
    Object b =
        direction.cell() == CellKind.GRU
            ? array(Matrix.ofRowMajor(2, bias.length / 2, bias), p)
            : array(bias, p);
    return List.of(array(k.kernel(), p), array(k.recurrentKernel(), p), b);
  }

  /** Keras stores the archive's members uncompressed; so does this. */
  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    e.setCrc(crc.getValue());
    zip.putNextEntry(e);
    zip.write(data);
    zip.closeEntry();
  }

  private static Object array(Matrix m, Precision p) {
    double[][] d = m.toArray();
    if (p == Precision.FLOAT64) {
      return d;
    }
    float[][] f = new float[d.length][];
    for (int i = 0; i < d.length; i++) {
      f[i] = new float[d[i].length];
      for (int j = 0; j < d[i].length; j++) {
        f[i][j] = (float) d[i][j];
      }
    }
    return f;
  }

  private static Object array(double[] v, Precision p) {
    if (p == Precision.FLOAT64) {
      return v.clone();
    }
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }
}
