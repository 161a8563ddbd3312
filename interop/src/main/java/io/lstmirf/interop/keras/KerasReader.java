package io.lstmirf.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.UnsupportedModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads Keras model files: the Keras 3 archive ({@code .keras}: config.json, metadata.json and
 * model.weights.h5 in a zip) and the legacy HDF5 model ({@code .h5}: a model_config attribute and a
 * model_weights group, as Keras 2 and Keras 3's {@code model.save("m.h5")} write it). HDF5 is read
 * with jhdf, in pure Java. {@link #read} checks the model against the canonical LSTM ({@link
 * KerasImporter}); {@link #readFile} gives the file's own content.
 */
public final class KerasReader {
  private KerasReader() {}

  /** Reads a .keras or .h5 model (told apart by content) into canonical weights. */
  public static ImportedModel read(Path file) {
    KerasModelFile f = readFile(file);
    try {
      return KerasImporter.toCanonical(f);
    } catch (UnsupportedModelException e) {
      throw e.in(file.toString());
    } catch (InvalidInputException e) {
      throw new InvalidInputException(file + ": " + e.getMessage(), e);
    }
  }

  /** The config and weights of a .keras or .h5 file, unchecked. */
  public static KerasModelFile readFile(Path file) {
    try {
      return isZip(file) ? archive(file) : legacy(file);
    } catch (HdfException e) {
      throw new InvalidInputException("cannot read " + file + " as HDF5: " + e.getMessage(), e);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("model file " + file + " does not exist");
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean isZip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(2);
      return head.length == 2 && head[0] == 'P' && head[1] == 'K';
    }
  }

  /** Keras 3: weights at layers/&lt;snake_case class&gt;[_k]/.../vars/&lt;i&gt;. */
  private static KerasModelFile archive(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      JsonNode config = JsonFiles.parse(entry(zip, file, "config.json"), file + "!config.json");
      String version =
          zip.getEntry("metadata.json") == null
              ? ""
              : JsonFiles.parse(entry(zip, file, "metadata.json"), file + "!metadata.json")
                  .path("keras_version")
                  .asText();
      ZipEntry w = zip.getEntry("model.weights.h5");
      if (w == null) {
        throw new InvalidInputException(
            file + " has no model.weights.h5; is it a .keras" + " archive?");
      }
      byte[] h5;
      try (InputStream in = zip.getInputStream(w)) {
        h5 = in.readAllBytes();
      }
      Map<String, List<KerasWeight>> weights = new LinkedHashMap<>();
      // jhdf reads some datasets only from a file, not from bytes in memory
      Path tmp = Files.createTempFile("lstm-irf-keras", ".h5");
      try (HdfFile hdf = openCopy(tmp, h5)) {
        List<KerasLayers.Layer> layers = KerasLayers.chain(config);
        List<String> paths = KerasPaths.containerPaths(config, layers);
        for (int i = 0; i < layers.size(); i++) {
          Node n = KerasHdf5.find(hdf, paths.get(i));
          List<KerasWeight> ws = new ArrayList<>();
          if (n instanceof Group g) {
            collectVars(g, "", ws);
          }
          if (!ws.isEmpty()) {
            weights.put(layers.get(i).name(), ws);
          }
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      return new KerasModelFile(ModelFormat.KERAS, version, config, weights);
    }
  }

  private static HdfFile openCopy(Path tmp, byte[] h5) throws IOException {
    Files.write(tmp, h5);
    return new HdfFile(tmp);
  }

  /** The datasets of every vars group under {@code g}, each group's in index order. */
  private static void collectVars(Group g, String prefix, List<KerasWeight> out) {
    Map<String, Node> children = g.getChildren();
    if (g.getName().equals("vars")) {
      for (int i = 0; children.containsKey(Integer.toString(i)); i++) {
        out.add(KerasHdf5.weight((Dataset) children.get(Integer.toString(i)), prefix + i));
      }
      return;
    }
    for (Node c : children.values()) {
      if (c instanceof Group sub) {
        collectVars(sub, prefix + sub.getName() + "/", out);
      }
    }
  }

  /** Keras 2 and Keras 3's model.save("m.h5"). */
  private static KerasModelFile legacy(Path file) {
    try (HdfFile hdf = new HdfFile(file)) {
      String json = KerasHdf5.string(hdf, "model_config");
      if (json.isEmpty()) {
        throw new InvalidInputException(
            file
                + " has no model_config attribute: it holds"
                + " weights only (model.save_weights); save the model with model.save(\"m.h5\")");
      }
      JsonNode config = JsonFiles.parse(json, file + " model_config");
      Node root = hdf.getChild("model_weights");
      Group weightsGroup = root instanceof Group g ? g : hdf;
      String version = KerasHdf5.string(hdf, "keras_version");
      Map<String, List<KerasWeight>> weights = new LinkedHashMap<>();
      for (String layer : KerasHdf5.strings(weightsGroup, "layer_names")) {
        Node n = weightsGroup.getChild(layer);
        if (!(n instanceof Group lg)) {
          continue;
        }
        List<KerasWeight> ws = new ArrayList<>();
        for (String wn : KerasHdf5.strings(lg, "weight_names")) {
          Node d = KerasHdf5.find(lg, wn);
          if (!(d instanceof Dataset ds)) {
            throw new InvalidInputException(
                file + ": weight '" + wn + "' of layer '" + layer + "' is listed but missing");
          }
          ws.add(KerasHdf5.weight(ds, wn));
        }
        if (!ws.isEmpty()) {
          weights.put(layer, ws);
        }
      }
      return new KerasModelFile(ModelFormat.KERAS_H5, version, config, weights);
    }
  }

  private static String entry(ZipFile zip, Path file, String name) throws IOException {
    ZipEntry e = zip.getEntry(name);
    if (e == null) {
      throw new InvalidInputException(file + " has no " + name + "; is it a .keras archive?");
    }
    try (InputStream in = zip.getInputStream(e)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
