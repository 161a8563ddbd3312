package io.lstmirf.backend.djl;

import io.lstmirf.api.EngineSettings;
import java.util.Properties;

/**
 * The DJL and PyTorch versions this module was built against (the parent POM's, or its {@code gpu}
 * profile's), read from a resource Maven fills in. Reading it loads no engine class, so listings
 * and error messages can name the exact artifacts.
 *
 * @param djlVersion DJL's version, e.g. {@code 0.35.1}
 * @param pytorchVersion the bundled libtorch's version, e.g. {@code 2.7.1}
 * @param jniVersion the DJL JNI bridge's version, e.g. {@code 2.7.1-0.35.1}
 * @param nativeArtifact {@code pytorch-native-cpu}, or a CUDA build such as {@code
 *     pytorch-native-cu124}
 */
record DjlBuild(
    String djlVersion, String pytorchVersion, String jniVersion, String nativeArtifact) {

  /** The build recorded in this module's resources. */
  static DjlBuild current() {
    Properties p = EngineSettings.buildProperties(DjlBuild.class, "engine.properties");
    return new DjlBuild(
        p.getProperty("djl.version"),
        p.getProperty("pytorch.version"),
        p.getProperty("pytorch.jni.version"),
        p.getProperty("pytorch.native.artifact"));
  }

  /** Whether the natives are a CUDA build. */
  boolean isCuda() {
    return !nativeArtifact.endsWith("-cpu");
  }

  /** The Maven coordinates of the native library jar for this platform. */
  String nativeCoordinates() {
    return "ai.djl.pytorch:" + nativeArtifact + ":" + pytorchVersion + ":linux-x86_64";
  }

  /** The Maven coordinates of the JNI bridge jar. */
  String jniCoordinates() {
    return "ai.djl.pytorch:pytorch-jni:" + jniVersion;
  }

  /** For listings: {@code DJL 0.35.1, PyTorch 2.7.1 (CPU)} or {@code ... (CUDA 12.4)}. */
  String description() {
    return "DJL " + djlVersion + ", PyTorch " + pytorchVersion + " (" + flavour() + ")";
  }

  private String flavour() {
    return isCuda() ? "CUDA " + cudaVersion() : "CPU";
  }

  /** The CUDA version of CUDA natives: {@code 12.4} for {@code pytorch-native-cu124}. */
  String cudaVersion() {
    String cu = nativeArtifact.substring(nativeArtifact.lastIndexOf('-') + 1);
    String digits = cu.startsWith("cu") ? cu.substring(2) : "";
    return digits.length() >= 2 && digits.chars().allMatch(Character::isDigit)
        ? digits.substring(0, digits.length() - 1) + "." + digits.substring(digits.length() - 1)
        : cu;
  }
}
