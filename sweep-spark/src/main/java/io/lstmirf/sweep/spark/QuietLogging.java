package io.lstmirf.sweep.spark;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.slf4j.LoggerFactory;

/**
 * Keeps Spark to warnings and errors on stderr ({@value #CONFIG}) where Spark would otherwise print
 * its INFO lines: when SLF4J writes through Log4j 2 (spark-submit, this module's tests) and nobody
 * configured Log4j (no {@code log4j2.configurationFile}, no configuration on the class path, or
 * Spark's own default profile). The launcher binds SLF4J to slf4j-nop, where Spark says nothing and
 * the sweep's own notes tell what happens on the cluster.
 */
final class QuietLogging {
  static final String CONFIG = "/io/lstmirf/sweep/spark/log4j2-quiet.properties";
  private static final String LOG4J2_SLF4J = "org.apache.logging.slf4j.Log4jLoggerFactory";

  private QuietLogging() {}

  /** Applies {@value #CONFIG} unless logging goes elsewhere or was configured; idempotent. */
  static void apply() {
    if (!LOG4J2_SLF4J.equals(LoggerFactory.getILoggerFactory().getClass().getName())
        || System.getProperty("log4j2.configurationFile") != null
        || System.getProperty("log4j.configurationFile") != null) {
      return;
    }
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    URI location = context.getConfigLocation();
    boolean unconfigured =
        context.getConfiguration() instanceof DefaultConfiguration
            || (location != null && location.toString().contains("org/apache/spark/log4j2"));
    URL ours = QuietLogging.class.getResource(CONFIG);
    if (unconfigured && ours != null) {
      try {
        context.setConfigLocation(ours.toURI());
      } catch (URISyntaxException e) {
        throw new IllegalStateException("the jar's own " + CONFIG + " has no URI", e);
      }
    }
  }
}
