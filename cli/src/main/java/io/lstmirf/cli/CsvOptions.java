package io.lstmirf.cli;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.irf.var.CsvSeries;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --delimiter}, for every command that reads CSV. Used as a picocli mixin. */
public final class CsvOptions {

  @Option(
      names = "--delimiter",
      paramLabel = "C",
      converter = DelimiterConverter.class,
      description =
          "What separates the cells of a CSV file: one character (e.g. ';' or '|'),"
              + " or \\t or tab for tabs (default ',').")
  Character delimiter;

  /** The delimiter given, or a comma. */
  public char delimiter() {
    return delimiter == null ? CsvSeries.COMMA : delimiter;
  }

  /** Whether {@code --delimiter} was given. */
  public boolean given() {
    return delimiter != null;
  }

  /** A bad delimiter is a usage error, with the rule in one line. */
  static final class DelimiterConverter implements ITypeConverter<Character> {
    @Override
    public Character convert(String value) {
      try {
        return CsvSeries.delimiter(value);
      } catch (InvalidInputException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
