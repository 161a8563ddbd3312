package io.lstmirf.experiment.sweep;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.experiment.data.SyntheticSeries;
import io.lstmirf.irf.var.CsvSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where a sweep's univariate series comes from. In sweep.json it is an object whose {@code kind}
 * ({@code synthetic} or {@code csv}) names the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = DataSource.Synthetic.class, name = "synthetic"),
  @JsonSubTypes.Type(value = DataSource.CsvColumn.class, name = "csv")
})
public sealed interface DataSource permits DataSource.Synthetic, DataSource.CsvColumn {

  /** The series, oldest first, unscaled. */
  double[] load();

  /** A short description for reports. */
  String describe();

  /**
   * The original experiment's synthetic series (see {@link SyntheticSeries#original}).
   *
   * @param samples points in the series
   * @param seed seeds its noise
   */
  record Synthetic(int samples, long seed) implements DataSource {
    public Synthetic {
      if (samples < 2) {
        throw new InvalidInputException("--samples must be at least 2, got " + samples);
      }
    }

    @Override
    public double[] load() {
      return SyntheticSeries.original(samples, seed);
    }

    @Override
    public String describe() {
      return "synthetic series, "
          + samples
          + " samples, cumsum(0.5 t + sin(2 pi t) + N(0, 0.1^2)),"
          + " seed "
          + seed;
    }
  }

  /**
   * A numeric column of a CSV file, identified by its content too, so that a resumed sweep can tell
   * when the file changed under it.
   *
   * @param file the file's absolute path
   * @param column the column's header name
   * @param sha256 the file's SHA-256, hex
   * @param delimiter what separates its cells
   */
  record CsvColumn(String file, String column, String sha256, char delimiter)
      implements DataSource {
    public CsvColumn {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(sha256, "sha256");
      CsvSeries.delimiter(String.valueOf(delimiter)); // one the CSV reader can use
    }

    /** The column of {@code file} as it is now. */
    public static CsvColumn of(Path file, String column, char delimiter) {
      return new CsvColumn(
          file.toAbsolutePath().normalize().toString(), column, sha256(file), delimiter);
    }

    @Override
    public double[] load() {
      Path path = Path.of(file);
      String now = sha256(path);
      if (!now.equals(sha256)) {
        throw new InvalidInputException(
            "data file "
                + file
                + " changed since this sweep"
                + " recorded it (SHA-256 "
                + sha256
                + ", now "
                + now
                + "); restore it or start a new"
                + " sweep in a new --out directory");
      }
      return CsvSeries.readColumn(path, column, delimiter);
    }

    @Override
    public String describe() {
      return "column '"
          + column
          + "' of "
          + file
          + " (SHA-256 "
          + sha256.substring(0, 12)
          + "...)"
          + (delimiter == CsvSeries.COMMA
              ? ""
              : ", cells separated by '"
                  + (delimiter == '\t' ? "\\t" : String.valueOf(delimiter))
                  + "'");
    }

    private static String sha256(Path file) {
      try {
        return HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
      } catch (NoSuchFileException e) {
        throw new InvalidInputException("data file " + file + " does not exist");
      } catch (IOException e) {
        throw new InvalidInputException("cannot read data file " + file + ": " + e.getMessage(), e);
      } catch (NoSuchAlgorithmException e) {
        throw new LstmIrfException("this JVM has no SHA-256", e); // every JVM must have it
      }
    }
  }
}
