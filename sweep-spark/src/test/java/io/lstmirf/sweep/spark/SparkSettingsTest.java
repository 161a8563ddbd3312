package io.lstmirf.sweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's Spark configuration: loopback, authentication, and what is refused. */
class SparkSettingsTest {
  @TempDir Path dir;

  static SparkSettings resolve(String master, Map<String, String> given, Map<String, String> env) {
    return SparkSettings.resolve(master, given, Map.of(), env);
  }

  static String refusal(String master, Map<String, String> given, Map<String, String> env) {
    return assertThrows(InvalidInputException.class, () -> resolve(master, given, env))
        .getMessage();
  }

  @Test
  void mastersAreToldApart() {
    assertEquals(SparkSettings.Kind.LOCAL, SparkSettings.kindOf("local"));
    assertEquals(SparkSettings.Kind.LOCAL, SparkSettings.kindOf("local[2]"));
    assertEquals(SparkSettings.Kind.LOCAL, SparkSettings.kindOf("local[*]"));
    assertEquals(SparkSettings.Kind.LOCAL, SparkSettings.kindOf("local[2,3]"));
    assertEquals(SparkSettings.Kind.STANDALONE, SparkSettings.kindOf("spark://h:7077"));
    assertEquals(SparkSettings.Kind.YARN, SparkSettings.kindOf("yarn"));
    assertEquals(SparkSettings.Kind.KUBERNETES, SparkSettings.kindOf("k8s://https://h:6443"));
    assertNull(SparkSettings.kindOf("local[0]"));
    assertNull(SparkSettings.kindOf("mesos://h:5050"));
    assertNull(SparkSettings.kindOf("roundtrip"));
  }

  @Test
  void localRunsListenOnTheLoopbackAuthenticatedWithoutTheWebUi() {
    Map<String, String> conf = resolve("local[2]", Map.of(), Map.of()).conf();
    assertEquals("127.0.0.1", conf.get("spark.driver.bindAddress"));
    assertEquals("127.0.0.1", conf.get("spark.driver.host"));
    assertEquals("false", conf.get("spark.ui.enabled"));
    assertEquals("true", conf.get("spark.authenticate"));
    assertEquals("1", conf.get("spark.executorEnv.OMP_NUM_THREADS"));
    assertEquals("true", conf.get("spark.executorEnv.DJL_OFFLINE"));
    assertFalse(conf.containsKey(SparkSettings.SECRET), "Spark makes its own for local runs");
  }

  @Test
  void whatTheUserSaysWins() {
    Map<String, String> conf =
        resolve(
                "local[2]",
                Map.of("spark.ui.enabled", "true", "spark.executor.memory", "6g"),
                Map.of())
            .conf();
    assertEquals("true", conf.get("spark.ui.enabled"));
    assertEquals("6g", conf.get("spark.executor.memory"));
  }

  @Test
  void aStandaloneClusterTakesItsSecretFromTheEnvironmentOrAFile() throws IOException {
    Map<String, String> conf =
        resolve("spark://127.0.0.1:7077", Map.of(), Map.of(SparkSettings.SECRET_ENV, "s3cret"))
            .conf();
    assertEquals("s3cret", conf.get(SparkSettings.SECRET));
    assertEquals("127.0.0.1", conf.get("spark.driver.host"));
    Path file = Files.writeString(dir.resolve("secret"), "from-a-file\n");
    assertEquals(
        "from-a-file",
        resolve(
                "spark://localhost:7077",
                Map.of(),
                Map.of(SparkSettings.SECRET_FILE_ENV, file.toString()))
            .conf()
            .get(SparkSettings.SECRET));
    assertFalse(
        resolve("spark://127.0.0.1:7077", Map.of(), Map.of(SparkSettings.SECRET_ENV, "s3cret"))
            .toString()
            .contains("s3cret"),
        "never printed");
  }

  @Test
  void aStandaloneClusterWithoutASecretIsRefusedUnlessAuthenticationIsTurnedOff() {
    assertEquals(
        "--master spark://127.0.0.1:7077 needs the cluster's shared secret (its"
            + " spark.authenticate.secret): put it in $LSTM_IRF_SPARK_SECRET or in a file named by"
            + " $LSTM_IRF_SPARK_SECRET_FILE; for a cluster without authentication, say so with"
            + " --conf spark.authenticate=false",
        refusal("spark://127.0.0.1:7077", Map.of(), Map.of()));
    assertFalse(
        resolve("spark://127.0.0.1:7077", Map.of("spark.authenticate", "false"), Map.of())
            .conf()
            .containsKey(SparkSettings.SECRET));
    assertTrue(
        refusal(
                "spark://127.0.0.1:7077",
                Map.of(),
                Map.of(SparkSettings.SECRET_FILE_ENV, dir.resolve("none").toString()))
            .contains("cannot be read"));
  }

  @Test
  void aSecretOnTheCommandLineIsRefused() {
    assertEquals(
        "--conf spark.authenticate.secret: a secret on the command line shows in ps and"
            + " in the shell's history; put it in $LSTM_IRF_SPARK_SECRET or in a file named by"
            + " $LSTM_IRF_SPARK_SECRET_FILE",
        refusal("local[2]", Map.of("spark.authenticate.secret", "x"), Map.of()));
  }

  @Test
  void aClusterElsewhereNeedsToBeToldWhereTheDriverListens() {
    String why = refusal("spark://10.1.2.3:7077", Map.of(), Map.of(SparkSettings.SECRET_ENV, "s"));
    assertTrue(why.contains("add --conf spark.driver.host=ADDRESS"), why);
    assertTrue(refusal("yarn", Map.of(), Map.of()).contains("spark.driver.host"));
    Map<String, String> conf =
        resolve(
                "spark://10.1.2.3:7077",
                Map.of("spark.driver.host", "10.1.2.9"),
                Map.of(SparkSettings.SECRET_ENV, "s"))
            .conf();
    assertEquals("10.1.2.9", conf.get("spark.driver.host"));
    assertFalse(conf.containsKey("spark.driver.bindAddress"), "Spark binds to the host given");
  }

  @Test
  void otherSettingsAreRefusedByName() {
    assertEquals(
        "--conf foo.bar: Spark settings start with spark.",
        refusal("local[2]", Map.of("foo.bar", "1"), Map.of()));
    assertEquals(
        "--conf spark.master: give the master with --master",
        refusal("local[2]", Map.of("spark.master", "local[4]"), Map.of()));
    assertTrue(
        refusal("local[2]", Map.of("spark.submit.deployMode", "cluster"), Map.of())
            .contains("--deploy-mode client"));
    assertTrue(refusal("spark://nohost", Map.of(), Map.of()).contains("is not HOST:PORT"));
  }
}
