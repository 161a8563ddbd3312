package io.lstmirf.backend.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The engine this module was built against, filtered into {@code dl4j-backend.properties} by
 * Maven. It touches no ND4J class, so naming the backend never loads the engine.
 *
 * @param dl4j the Deeplearning4j / ND4J version
 * @param backendArtifact {@code nd4j-native}, or {@code nd4j-cuda-11.6} in a {@code -Pgpu} build
 * @param openblas the OpenBLAS preset version the CPU backend needs
 * @param platform the JavaCPP platform classifier of the native jars
 */
record EngineVersions(String dl4j, String backendArtifact, String openblas, String platform) {

  /** The versions of this build. */
  static final EngineVersions BUILT = load();

  private static EngineVersions load() {
    Properties p = new Properties();
    try (InputStream in = EngineVersions.class.getResourceAsStream("dl4j-backend.properties")) {
      if (in == null) {
        throw new IllegalStateException("dl4j-backend.properties is missing from the jar");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new EngineVersions(p.getProperty("dl4j.version"),
        p.getProperty("nd4j.backend.artifact"), p.getProperty("openblas.version"),
        p.getProperty("javacpp.platform"));
  }

  /** Whether the build put ND4J's CUDA backend on the class path ({@code -Pgpu}). */
  boolean cuda() {
    return backendArtifact.contains("cuda");
  }

  /** {@code "Deeplearning4j 1.0.0-M2.1, ND4J CPU backend"}. */
  String description() {
    return "Deeplearning4j " + dl4j + ", ND4J " + (cuda() ? "CUDA" : "CPU") + " backend";
  }
}
