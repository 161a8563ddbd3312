package io.lstmirf.backend.tfjava;

import io.lstmirf.api.EngineSettings;
import java.util.Properties;

/**
 * The TensorFlow Java version this module was built against (the parent POM's), read from a
 * resource Maven fills in; reading it loads no engine class.
 *
 * @param tensorflowJava TensorFlow Java's version, e.g. {@code 1.1.0}
 * @param nativeClassifier the native jar's classifier, {@code linux-x86_64} or, with {@code -Pgpu},
 *     {@code linux-x86_64-gpu}
 */
record TfJavaBuild(String tensorflowJava, String nativeClassifier) {
  /** The versions of this build. */
  static final TfJavaBuild BUILT = load();

  private static TfJavaBuild load() {
    Properties p = EngineSettings.buildProperties(TfJavaBuild.class, "engine.properties");
    return new TfJavaBuild(
        p.getProperty("tensorflow.version"), p.getProperty("tensorflow.native.classifier"));
  }

  /** {@code "TensorFlow Java 1.1.0"}, and the runtime's version once it is known. */
  String description(String runtimeVersion) {
    return "TensorFlow Java "
        + tensorflowJava
        + (runtimeVersion == null ? "" : ", TensorFlow " + runtimeVersion);
  }
}
