package io.lstmirf.conformance;

import io.lstmirf.api.Backends;
import io.lstmirf.api.Device;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * The targets a conformance run covers: every backend {@link Backends#discover()} finds (or those
 * named by {@value #BACKENDS_PROPERTY}, comma-separated), times every precision each supports, on
 * the device named by {@value #DEVICE_PROPERTY} (default {@code cpu}). A backend that does not load
 * yields one target that fails with its reason.
 *
 * <p>With a GPU device, name the backends to test: the reference runs on the CPU only, so as a
 * target it fails there (as it should: it cannot do what was asked).
 */
public final class ConformanceTargets implements ArgumentsProvider {
  /** System property: comma-separated backend names to test; all found when unset. */
  public static final String BACKENDS_PROPERTY = "lstmirf.conformance.backends";

  /** System property: the device models are placed on, {@code cpu} or {@code gpu:N}. */
  public static final String DEVICE_PROPERTY = "lstmirf.conformance.device";

  /** Every target of this run, the reference's first. */
  public static List<ConformanceTarget> all() {
    Backends found = Backends.discover();
    Device device = Device.parse(System.getProperty(DEVICE_PROPERTY, "cpu"));
    List<ConformanceTarget> targets = new ArrayList<>();
    for (LstmBackend backend : selected(found)) {
      if (!backend.availability().available()) {
        targets.add(ConformanceTarget.unavailable(backend, device));
        continue;
      }
      for (Precision precision : backend.capabilities().precisions()) {
        targets.add(new ConformanceTarget(backend, precision, device));
      }
    }
    return targets;
  }

  private static List<LstmBackend> selected(Backends found) {
    String names = System.getProperty(BACKENDS_PROPERTY, "");
    if (names.isBlank()) {
      return found.all();
    }
    // Backends.get fails with the list of known names if one is misspelt or not on the path.
    return Arrays.stream(names.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .distinct()
        .map(found::get)
        .toList();
  }

  @Override
  public Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context) {
    return all().stream().map(Arguments::of);
  }
}
