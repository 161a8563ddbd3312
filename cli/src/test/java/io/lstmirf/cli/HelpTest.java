package io.lstmirf.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's {@code --help} as a user reads it: examples that the parser accepts as written
 * (so they cannot drift from the options) and parameter labels that say what to type, never
 * picocli's {@code <fieldName>} fallback.
 */
class HelpTest {
  /** picocli's label for an option without one: the field name in angle brackets. */
  private static final Pattern DEFAULT_LABEL = Pattern.compile("<[a-z][A-Za-z0-9]*>");

  static CommandLine root() {
    Console console = new Console(new ByteArrayOutputStream(), new PrintWriter(new StringWriter()));
    return LstmIrfCommand.commandLine(
        new GuiceFactory(Guice.createInjector(new CliModule(console))));
  }

  static Stream<String> commands() {
    return root().getSubcommands().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandShowsExamplesThatParse(String name) {
    CommandLine command = root().getSubcommands().get(name);
    String[] footer = command.getCommandSpec().usageMessage().footer();
    List<String> examples =
        Arrays.stream(footer)
            .map(String::strip)
            .filter(l -> l.startsWith("lstm-irf ") || l.startsWith("source <(./lstm-irf "))
            .toList();
    assertFalse(examples.isEmpty(), name + " --help has no examples");
    assertTrue(command.getUsageMessage().contains("Examples:"), name);
    boolean itself = false; // a command may show the next step of a workflow, and itself
    for (String example : examples) {
      if (!example.startsWith("lstm-irf ")) {
        continue;
      }
      String[] args = words(example.substring("lstm-irf ".length()));
      itself |= args[0].equals(name);
      CommandLine fresh = root(); // parse into new objects: options must not carry over
      fresh.setCaseInsensitiveEnumValuesAllowed(true);
      fresh.parseArgs(args); // throws ParameterException for an unknown option or a bad value
    }
    assertTrue(itself || name.equals("completion"), name + " --help shows no example of itself");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyValueHasALabelThatSaysWhatToType(String name) {
    for (OptionSpec option : root().getSubcommands().get(name).getCommandSpec().options()) {
      if (option.arity().max() > 0) {
        assertFalse(
            DEFAULT_LABEL.matcher(option.paramLabel()).matches(),
            name
                + " "
                + option.longestName()
                + " has picocli's default label "
                + option.paramLabel());
      }
    }
  }

  /** Splits an example like a shell: words, with double-quoted words kept whole; no comments. */
  private static String[] words(String line) {
    String code = line.contains(" #") ? line.substring(0, line.indexOf(" #")) : line;
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    for (char c : code.strip().toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ' ' && !quoted) {
        if (!word.isEmpty()) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    if (!word.isEmpty()) {
      words.add(word.toString());
    }
    return words.toArray(String[]::new);
  }
}
