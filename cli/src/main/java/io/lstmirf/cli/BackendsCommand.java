package io.lstmirf.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.Availability;
import io.lstmirf.api.Backends;
import io.lstmirf.api.Capabilities;
import io.lstmirf.api.Device;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.Precision;
import io.lstmirf.api.json.JsonFiles;
import jakarta.inject.Inject;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lstm-irf backends}: every backend found, whether it runs here, and why not. */
@Command(name = "backends", mixinStandardHelpOptions = true,
    description = "List the backends found on the class path, with availability, reason,"
        + " precisions and devices.")
final class BackendsCommand implements Runnable {
  private final Backends backends;
  private final Console console;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Inject
  BackendsCommand(Backends backends, Console console) {
    this.backends = backends;
    this.console = console;
  }

  @Override
  public void run() {
    if (json) {
      ObjectNode root = JsonFiles.MAPPER.createObjectNode();
      ArrayNode list = root.putArray("backends");
      for (LstmBackend b : backends.all()) {
        Availability a = b.availability();
        ObjectNode n = list.addObject();
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
      }
      console.printJson(root);
      return;
    }
    String format = "%-10s %-9s %-17s %-12s %s%n";
    console.out().printf(format, "BACKEND", "AVAILABLE", "PRECISIONS", "DEVICES", "ENGINE / REASON");
    for (LstmBackend b : backends.all()) {
      Availability a = b.availability();
      if (a.available()) {
        Capabilities c = b.capabilities();
        console.out().printf(format, b.name(), "yes",
            c.precisions().stream().map(Precision::id).collect(Collectors.joining(",")),
            c.devices().stream().map(Device::toString).collect(Collectors.joining(",")),
            b.description());
      } else {
        console.out().printf(format, b.name(), "no", "-", "-", a.reason());
      }
    }
    console.out().flush();
  }
}
