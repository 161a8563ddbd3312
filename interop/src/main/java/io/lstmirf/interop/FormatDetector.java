package io.lstmirf.interop;

import io.lstmirf.api.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Tells a model file's format from its content first and its name second: content is what a
 * framework actually wrote (a Keras archive renamed to .zip is still a Keras archive).
 */
final class FormatDetector {
  /** The HDF5 superblock signature, at offset 0 in every file Keras writes. */
  private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private static final byte[] ZIP = {'P', 'K', 3, 4};

  private FormatDetector() {}

  /** The format of {@code file}, or empty when neither content nor name tells. */
  static Optional<ModelFormat> detect(Path file) {
    if (Files.isDirectory(file)) {
      return Files.exists(file.resolve("saved_model.pb"))
              || Files.exists(file.resolve("saved_model.pbtxt"))
          ? Optional.of(ModelFormat.SAVEDMODEL)
          : Optional.empty();
    }
    byte[] head = head(file);
    if (startsWith(head, HDF5)) {
      return Optional.of(ModelFormat.KERAS_H5);
    }
    if (startsWith(head, ZIP)) {
      Optional<ModelFormat> zipped = zipFormat(file);
      if (zipped.isPresent()) {
        return zipped;
      }
    }
    for (ModelFormat f : ModelFormat.values()) {
      if (f.matchesName(file.getFileName().toString())) {
        return Optional.of(f);
      }
    }
    // Every ONNX writer starts with field 1 (ir_version) as a varint: tag byte 0x08.
    return head.length > 0 && head[0] == 0x08 ? Optional.of(ModelFormat.ONNX) : Optional.empty();
  }

  private static Optional<ModelFormat> zipFormat(Path file) {
    Set<String> names = new HashSet<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      zip.stream().map(ZipEntry::getName).forEach(names::add);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (names.contains("config.json") && names.contains("model.weights.h5")) {
      return Optional.of(ModelFormat.KERAS);
    }
    if (names.contains("configuration.json") && names.contains("coefficients.bin")) {
      return Optional.of(ModelFormat.DL4J);
    }
    // torch.jit.save: <archive>/data.pkl and <archive>/code/... (constants.pkl in newer ones)
    if (names.stream().anyMatch(n -> n.endsWith("/data.pkl") || n.contains("/code/"))) {
      return Optional.of(ModelFormat.TORCHSCRIPT);
    }
    return Optional.empty();
  }

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(HDF5.length);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("model file " + file + " does not exist");
    } catch (IOException e) {
      throw new InvalidInputException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    return head.length >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
  }
}
