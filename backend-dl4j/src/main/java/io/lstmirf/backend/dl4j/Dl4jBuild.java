package io.lstmirf.backend.dl4j;

import io.lstmirf.api.EngineSettings;
import java.util.Properties;

/**
 * The engine this module was built against, filtered into {@code engine.properties} by Maven. It
 * touches no ND4J class, so naming the backend never loads the engine.
 *
 * @param dl4j the Deeplearning4j / ND4J version
 * @param backendArtifact {@code nd4j-native}, or {@code nd4j-cuda-11.6} in a {@code -Pgpu} build
 * @param openblas the OpenBLAS preset version the CPU backend needs
 * @param platform the JavaCPP platform classifier of the native jars
 */
record Dl4jBuild(String dl4j, String backendArtifact, String openblas, String platform) {

  /** The versions of this build. */
  static final Dl4jBuild BUILT = load();

  private static Dl4jBuild load() {
    Properties p = EngineSettings.buildProperties(Dl4jBuild.class, "engine.properties");
    return new Dl4jBuild(
        p.getProperty("dl4j.version"),
        p.getProperty("nd4j.backend.artifact"),
        p.getProperty("openblas.version"),
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
