package io.lstmirf.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.testing.FrameworkCase;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.WeightTensors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The facade: providers found on the class path, formats told from files, read and write. */
class ModelFormatsTest {
  private final ModelFormats formats = ModelFormats.discover();

  @Test
  void thisModuleProvidesOnnxAndBothKerasFormats() {
    assertEquals(
        List.of(ModelFormat.ONNX, ModelFormat.KERAS, ModelFormat.KERAS_H5), formats.readable());
    assertEquals(
        List.of(ModelFormat.ONNX, ModelFormat.KERAS, ModelFormat.KERAS_H5), formats.writable());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "onnx/torch_l1_time_major.onnx, ONNX",
    "keras/keras_l1_dense.keras, KERAS",
    "keras/keras_l1_dense.h5, KERAS_H5"
  })
  void formatsAreToldFromTheFilesFrameworksWrote(String resource, ModelFormat format) {
    String[] p = resource.split("/");

    assertEquals(format, formats.detect(FrameworkCase.resource(p[0], p[1])));
    assertEquals(format, formats.read(FrameworkCase.resource(p[0], p[1])).format());
  }

  @Test
  void contentDecidesOverTheName(@TempDir Path dir) throws IOException {
    Path keras =
        Files.copy(
            FrameworkCase.resource("keras", "keras_l1_dense.keras"), dir.resolve("model.zip"));
    Path h5 =
        Files.copy(FrameworkCase.resource("keras", "keras_l1_dense.h5"), dir.resolve("model.bin"));
    Path onnx =
        Files.copy(
            FrameworkCase.resource("onnx", "torch_l1_time_major.onnx"), dir.resolve("model"));

    assertEquals(ModelFormat.KERAS, formats.detect(keras));
    assertEquals(ModelFormat.KERAS_H5, formats.detect(h5));
    assertEquals(ModelFormat.ONNX, formats.detect(onnx));
  }

  @Test
  void otherFrameworksArchivesAreRecognisedForTheirProviders(@TempDir Path dir) throws IOException {
    Path ts = zip(dir.resolve("model.bin"), "archive/data.pkl", "archive/code/m.py");
    Path dl4j = zip(dir.resolve("net.bin"), "configuration.json", "coefficients.bin");
    Path saved = Files.createDirectories(dir.resolve("saved"));
    Files.writeString(saved.resolve("saved_model.pb"), "");

    assertEquals(ModelFormat.TORCHSCRIPT, formats.detect(ts));
    assertEquals(ModelFormat.DL4J, formats.detect(dl4j));
    assertEquals(ModelFormat.SAVEDMODEL, formats.detect(saved));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> formats.read(ts));
    assertTrue(
        e.getMessage()
            .startsWith(
                "cannot read TorchScript archives: no provider for"
                    + " 'torchscript' is on the class path"),
        e.getMessage());
  }

  @Test
  void anUnknownFileAsksForTheFormat(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("weights.txt"), "hello");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> formats.detect(f));

    assertEquals(
        "cannot tell the format of "
            + f
            + " from its content or name; name it (one of"
            + " onnx, keras, keras-h5, torchscript, savedmodel, dl4j)",
        e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ONNX, m.onnx", "KERAS, m.keras", "KERAS_H5, m.h5"})
  void everyWritableFormatReadsBackThroughTheFacade(
      ModelFormat format, String name, @TempDir Path dir) {
    LstmWeights w =
        WeightTensors.heldIn(
            Precision.FLOAT32, RandomData.weights(LstmSpec.withHead(2, 3, 2, 1), 0.5, 3));
    Path file = dir.resolve(name);

    formats.write(w, format, file);

    assertEquals(format, ModelFormats.formatOfName(file).orElseThrow());
    assertEquals(w, formats.read(file).weights());
  }

  @Test
  void formatsAreParsedByTheirShortNames() {
    assertEquals(ModelFormat.KERAS_H5, ModelFormat.parse("keras-h5"));
    assertEquals(ModelFormat.KERAS_H5, ModelFormat.parse("H5"));
    assertEquals(ModelFormat.SAVEDMODEL, ModelFormat.parse("savedmodel"));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ModelFormat.parse("pickle"));
    assertEquals(
        "unknown model format 'pickle'; expected one of onnx, keras, keras-h5,"
            + " torchscript, savedmodel, dl4j",
        e.getMessage());
  }

  @Test
  void withoutProvidersNothingCanBeRead() {
    ModelFormats none = ModelFormats.of(List.of());
    Path file = FrameworkCase.resource("onnx", "torch_l1_time_major.onnx");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> none.read(file));

    assertTrue(e.getMessage().endsWith("available: none"), e.getMessage());
  }

  private static Path zip(Path file, String... entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String e : entries) {
        zip.putNextEntry(new ZipEntry(e));
        zip.write(1);
        zip.closeEntry();
      }
    }
    return file;
  }
}
