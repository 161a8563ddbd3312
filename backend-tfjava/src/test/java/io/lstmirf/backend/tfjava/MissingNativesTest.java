package io.lstmirf.backend.tfjava;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without TensorFlow's native jar on the class path, the backend reports itself unavailable with
 * the missing artifact, and the other backends keep working. Runs the api in a class loader that
 * sees the test class path minus that jar.
 */
class MissingNativesTest {

  @Test
  void reportsTheMissingNativeJarAndLeavesOtherBackendsAvailable() throws Exception {
    List<URL> urls = new ArrayList<>();
    boolean removed = false;
    for (String entry : testClassPath()) {
      if (new File(entry)
          .getName()
          .matches("tensorflow-core-native-.*-linux-x86_64(-gpu)?\\.jar")) {
        removed = true;
      } else {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    assertTrue(removed, "the test class path should hold the native jar: " + testClassPath());
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> backendsClass = loader.loadClass("io.lstmirf.api.Backends");
      Class<?> backendClass = loader.loadClass("io.lstmirf.api.LstmBackend");
      Object backends = backendsClass.getMethod("discover", ClassLoader.class).invoke(null, loader);
      Object tfjava = backendsClass.getMethod("get", String.class).invoke(backends, "tfjava");
      Object reference = backendsClass.getMethod("get", String.class).invoke(backends, "reference");

      Object tfAvailability = backendClass.getMethod("availability").invoke(tfjava);
      boolean tfAvailable =
          (boolean) tfAvailability.getClass().getMethod("available").invoke(tfAvailability);
      String reason = (String) tfAvailability.getClass().getMethod("reason").invoke(tfAvailability);
      assertFalse(tfAvailable, "tfjava without its natives");
      assertTrue(
          reason.contains("org.tensorflow:tensorflow-core-native:1.1.0")
              && reason.contains("linux-x86_64"),
          reason);

      Object refAvailability = backendClass.getMethod("availability").invoke(reference);
      assertTrue(
          (boolean) refAvailability.getClass().getMethod("available").invoke(refAvailability),
          "the reference backend is unaffected");
    }
  }

  private static List<String> testClassPath() {
    String path = System.getProperty("surefire.test.class.path");
    if (path == null || path.isBlank()) {
      path = System.getProperty("java.class.path");
    }
    return List.of(path.split(File.pathSeparator));
  }
}
