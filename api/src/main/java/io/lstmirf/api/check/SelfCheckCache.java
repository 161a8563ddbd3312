package io.lstmirf.api.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.io.AtomicFiles;
import io.lstmirf.api.json.JsonFiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Passed self-checks remembered per machine, so that an engine's numbers are checked once for each
 * combination that can change them, not on every start (the quick check costs 0.1-1.5 s per engine,
 * most of it building models). The key is a SHA-256 of everything an engine's kernel choice or
 * lstm-irf's computation depends on: the backend's class and the file it was loaded from (its size
 * and time, so a rebuilt backend is checked again), its description (engine versions and settings
 * such as djl's oneDNN cap), the CPU model and instruction sets, every environment variable that
 * steers the engines' CPU dispatch, the thread count and the cases themselves. A failed check is
 * never stored: it runs again on every start until it passes. Unreadable or foreign files are
 * ignored and the check runs.
 */
public final class SelfCheckCache {
  /** The format tag of a stored result. */
  public static final String FORMAT = "lstm-irf-selfcheck/1";

  /** Environment variables the engines pick CPU kernels by (oneDNN, ATen, MKL, OpenBLAS). */
  static final List<String> DISPATCH_VARIABLES =
      List.of(
          "ONEDNN_MAX_CPU_ISA",
          "DNNL_MAX_CPU_ISA",
          "ONEDNN_CPU_ISA_HINTS",
          "ATEN_CPU_CAPABILITY",
          "MKL_ENABLE_INSTRUCTIONS",
          "MKL_CBWR",
          "MKL_DEBUG_CPU_TYPE",
          "OPENBLAS_CORETYPE",
          "OPENBLAS_VERBOSE",
          "TF_ENABLE_ONEDNN_OPTS",
          "OMP_NUM_THREADS");

  private final Path directory;

  /** A cache in {@code directory} (created when the first result is stored). */
  public SelfCheckCache(Path directory) {
    this.directory = directory;
  }

  /**
   * The key of one backend's check here and now.
   *
   * @param backendClass the backend's class (its code's file is part of the key)
   * @param description the backend's description: engine versions and settings
   * @param extra anything else the backend's numbers depend on (threads, properties)
   */
  public static String key(
      Class<?> backendClass,
      String description,
      SelfCheck check,
      List<SelfCheckCase> cases,
      CpuInfo cpu,
      String extra) {
    StringBuilder k = new StringBuilder(FORMAT).append('\n');
    k.append(backendClass.getName()).append('\n').append(codeSource(backendClass)).append('\n');
    k.append(description).append('\n').append(cpu.describe()).append('\n').append(extra);
    for (String v : DISPATCH_VARIABLES) {
      k.append('\n').append(v).append('=').append(System.getenv(v));
    }
    k.append('\n').append(check.kind());
    for (SelfCheckCase c : cases) {
      k.append('\n').append(c.describe(c.modes().get(0))).append(c.modes()).append(c.seed());
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(k.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** The jar or class file a class was loaded from, with its size and time of change. */
  private static String codeSource(Class<?> type) {
    URL url = type.getResource(type.getSimpleName() + ".class");
    try {
      URL location = type.getProtectionDomain().getCodeSource().getLocation();
      Path file = Path.of(location.toURI());
      Path stamped = Files.isDirectory(file) ? Path.of(url.toURI()) : file;
      return location + " " + Files.size(stamped) + " " + Files.getLastModifiedTime(stamped);
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return String.valueOf(url); // unusual class loaders: the class's own address only
    }
  }

  /** The file of one backend's key. */
  Path file(String backend, String key) {
    return directory.resolve(backend + "-" + key.substring(0, 16) + ".json");
  }

  /** A passed result stored under {@code key}, with its outcomes matched to {@code cases}. */
  public Optional<SelfCheckResult> lookup(String backend, String key, List<SelfCheckCase> cases) {
    Path file = file(backend, key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode root = JsonFiles.read(file, "self-check cache file");
      if (!FORMAT.equals(root.path("format").asText()) || !key.equals(root.path("key").asText())) {
        return Optional.empty();
      }
      List<CaseOutcome> outcomes = new ArrayList<>();
      for (JsonNode o : root.path("outcomes")) {
        SelfCheckCase c = cases.get(o.path("case").asInt());
        outcomes.add(
            new CaseOutcome(
                c,
                SelfCheckCase.Mode.valueOf(o.path("mode").asText()),
                true,
                o.path("maxAbsDifference").asDouble(),
                ""));
      }
      if (outcomes.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new SelfCheckResult(
              root.path("kind").asText(),
              outcomes,
              Duration.ofNanos(root.path("nanos").asLong()),
              CpuInfo.current(),
              true));
    } catch (LstmIrfException | IllegalArgumentException | IndexOutOfBoundsException e) {
      return Optional.empty(); // damaged or from another version: check again
    }
  }

  /** Stores a passed result under {@code key}; a failed one is not stored. */
  public void store(String backend, String key, List<SelfCheckCase> cases, SelfCheckResult result) {
    if (!result.passed()) {
      return;
    }
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    root.put("format", FORMAT)
        .put("key", key)
        .put("backend", backend)
        .put("kind", result.kind())
        .put("cpu", result.cpu().describe())
        .put("nanos", result.elapsed().toNanos());
    ArrayNode outcomes = root.putArray("outcomes");
    for (CaseOutcome o : result.outcomes()) {
      outcomes
          .addObject()
          .put("case", cases.indexOf(o.kase()))
          .put("mode", o.mode().name())
          .put("maxAbsDifference", o.maxAbsDifference());
    }
    try {
      AtomicFiles.write(
          file(backend, key), (root.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (LstmIrfException e) {
      // a read-only cache costs the check again next time, nothing more
    }
  }
}
