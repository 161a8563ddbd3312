package io.lstmirf.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.Availability;
import io.lstmirf.api.Backends;
import io.lstmirf.api.Capabilities;
import io.lstmirf.api.Device;
import io.lstmirf.api.EngineSettings;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.Precision;
import io.lstmirf.api.check.CpuInfo;
import io.lstmirf.api.check.SelfCheck;
import io.lstmirf.api.check.SelfCheckResult;
import io.lstmirf.api.json.JsonFiles;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lstm-irf backends}: every backend found, whether it runs here and why not, and the
 * self-check each engine ran on this machine; with {@code --verify}, the thorough check of every
 * engine against the reference, as a table of backend x precision x mode.
 */
@Command(
    name = "backends",
    mixinStandardHelpOptions = true,
    description =
        "List the backends found on the class path, with availability, reason,"
            + " precisions, devices and the self-check each engine ran against the reference.",
    footerHeading = "%nExamples:%n",
    footer = {"  lstm-irf backends", "  lstm-irf backends --json", "  lstm-irf backends --verify"})
final class BackendsCommand implements Runnable {
  private final Backends backends;
  private final Console console;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(
      names = "--verify",
      description =
          "Check every engine backend thoroughly against the"
              + " float64 reference on this machine (hundreds of models, up to about 30 s) and print"
              + " the largest difference per backend, precision and mode; exit 1 if any is off.")
  boolean verify;

  @Inject
  BackendsCommand(Backends backends, Console console) {
    this.backends = backends;
    this.console = console;
  }

  @Override
  public void run() {
    if (verify) {
      verify();
      return;
    }
    if (json) {
      ObjectNode root = JsonFiles.MAPPER.createObjectNode();
      root.put("cpu", CpuInfo.current().describe());
      ArrayNode list = root.putArray("backends");
      for (LstmBackend b : backends.all()) {
        describe(list.addObject(), b);
      }
      console.printJson(root);
      return;
    }
    String format = "%-10s %-9s %-17s %-12s %-30s %s%n";
    console
        .out()
        .printf(
            format,
            "BACKEND",
            "AVAILABLE",
            "PRECISIONS",
            "DEVICES",
            "SELF-CHECK",
            "ENGINE / REASON");
    for (LstmBackend b : backends.all()) {
      Availability a = b.availability();
      String check =
          b.selfCheck().map(BackendsCommand::summary).orElse(b.isOracle() ? "(the oracle)" : "-");
      if (a.available()) {
        Capabilities c = b.capabilities();
        console
            .out()
            .printf(
                format,
                b.name(),
                "yes",
                c.precisions().stream().map(Precision::id).collect(Collectors.joining(",")),
                c.devices().stream().map(Device::toString).collect(Collectors.joining(",")),
                check,
                b.description());
      } else {
        console.out().printf(format, b.name(), "no", "-", "-", check, a.reason());
      }
    }
    console.out().flush();
  }

  private static void describe(ObjectNode n, LstmBackend b) {
    Availability a = b.availability();
    n.put("name", b.name());
    n.put("description", b.description());
    n.put("available", a.available());
    n.put("reason", a.reason());
    ArrayNode precisions = n.putArray("precisions");
    ArrayNode devices = n.putArray("devices");
    if (a.available()) {
      Capabilities c = b.capabilities();
      c.precisions().forEach(p -> precisions.add(p.id()));
      c.devices().forEach(d -> devices.add(d.toString()));
    }
    b.selfCheck()
        .ifPresentOrElse(
            r -> {
              ObjectNode s = n.putObject("selfCheck");
              s.put("passed", r.passed());
              s.put("maxAbsDifference", r.maxAbsDifference());
              s.put("cases", r.cases());
              s.put("seconds", r.elapsed().toNanos() / 1e9);
              s.put("remembered", r.cached());
            },
            () -> n.putNull("selfCheck"));
  }

  private static String summary(SelfCheckResult r) {
    return String.format(
        "%s %d cases, max %.1e (%s)",
        r.passed() ? "passed" : "FAILED",
        r.cases(),
        r.maxAbsDifference(),
        r.cached() ? "remembered" : String.format("%.2f s", r.elapsed().toNanos() / 1e9));
  }

  /** The thorough check of every engine backend, the quick one turned off so all of them load. */
  private void verify() {
    System.setProperty(EngineSettings.SELF_CHECK_PROPERTY, "false");
    LstmBackend oracle =
        backends
            .oracle()
            .orElseThrow(
                () ->
                    new LstmIrfException(
                        "--verify needs the reference backend (lstm-irf-backend-reference) on the class path"));
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    root.put("cpu", CpuInfo.current().describe());
    ArrayNode list = root.putArray("backends");
    String format = "%-10s %-9s %-10s %6s %14s  %s%n";
    if (!json) {
      console
          .err()
          .println(
              "backends: checking every engine against the reference on "
                  + CpuInfo.current().describe());
      console.out().printf(format, "BACKEND", "PRECISION", "MODE", "CASES", "MAX |DIFF|", "RESULT");
    }
    boolean allPassed = true;
    for (LstmBackend b : backends.all()) {
      if (b.isOracle()) {
        continue;
      }
      ObjectNode n = list.addObject();
      n.put("name", b.name());
      if (!b.availability().available()) {
        n.put("available", false);
        n.put("reason", b.availability().reason());
        if (!json) {
          console
              .out()
              .printf(
                  format,
                  b.name(),
                  "-",
                  "-",
                  "-",
                  "-",
                  "unavailable: " + b.availability().reason());
        }
        continue;
      }
      n.put("available", true);
      SelfCheckResult r = SelfCheck.thorough().run(b, oracle);
      allPassed &= r.passed();
      n.put("passed", r.passed());
      n.put("seconds", r.elapsed().toNanos() / 1e9);
      ArrayNode rows = n.putArray("results");
      for (Map.Entry<String, Group> e : groups(r).entrySet()) {
        Group g = e.getValue();
        ObjectNode row = rows.addObject();
        row.put("precision", g.precision.id());
        row.put("mode", g.mode);
        row.put("cases", g.cases);
        row.put("maxAbsDifference", g.max);
        row.put("passed", g.failed == 0);
        if (g.failed > 0) {
          row.put("worst", g.worst);
        }
        if (!json) {
          console
              .out()
              .printf(
                  format,
                  b.name(),
                  g.precision.id(),
                  g.mode,
                  g.cases,
                  String.format("%.2e", g.max),
                  g.failed == 0 ? "ok" : "WRONG in " + g.failed + " cases: " + g.worst);
        }
      }
    }
    if (json) {
      console.printJson(root);
    } else {
      console.out().flush();
    }
    if (!allPassed) {
      throw new LstmIrfException(
          "an engine computed numbers off the reference beyond the"
              + " conformance tolerance on this machine (see the table); use another backend for"
              + " now and report it with this output");
    }
  }

  /** Outcomes of one precision and mode. */
  private static final class Group {
    Precision precision;
    String mode;
    int cases;
    int failed;
    double max;
    String worst = "";
  }

  private static Map<String, Group> groups(SelfCheckResult r) {
    Map<String, Group> groups = new LinkedHashMap<>();
    r.outcomes()
        .forEach(
            o -> {
              Group g =
                  groups.computeIfAbsent(
                      o.kase().precision() + "/" + o.mode(),
                      k -> {
                        Group n = new Group();
                        n.precision = o.kase().precision();
                        n.mode = o.mode().id();
                        return n;
                      });
              g.cases++;
              g.max = Math.max(g.max, o.maxAbsDifference());
              if (!o.passed()) {
                g.failed++;
                g.worst = o.describe() + ": " + o.detail();
              }
            });
    return groups;
  }
}
