package io.lstmirf.sweep.spark;

import io.lstmirf.experiment.sweep.TrialExecutor;
import io.lstmirf.experiment.sweep.TrialExecutorProvider;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a sweep's trials as Spark tasks: {@code lstm-irf sweep --master local[N] | spark://HOST:PORT
 * | yarn | k8s://URL}. Found through {@link java.util.ServiceLoader}; nothing of Spark is in its
 * fields or signatures, so finding it loads no Spark class, and only {@link #open} starts Spark.
 */
public final class SparkTrialExecutorProvider implements TrialExecutorProvider {

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public String masters() {
    return "local[N], local[N,RETRIES], spark://HOST:PORT, yarn, k8s://URL";
  }

  @Override
  public boolean accepts(String master) {
    return SparkSettings.kindOf(master) != null;
  }

  @Override
  public TrialExecutor open(String master, Map<String, String> settings, PrintWriter notes) {
    SparkSettings s = SparkSettings.resolve(master, settings, sparkProperties(), System.getenv());
    return SparkTrialExecutor.start(s, notes);
  }

  /** The {@code spark.*} system properties: how spark-submit and properties files pass them. */
  private static Map<String, String> sparkProperties() {
    Map<String, String> out = new TreeMap<>();
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith("spark."))
        .forEach(k -> out.put(k, System.getProperty(k)));
    return out;
  }
}
