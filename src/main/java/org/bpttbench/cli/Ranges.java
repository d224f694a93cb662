package org.bpttbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The allowed ranges of option values, as picocli converters: an option names its range by its
 * converter, and a value outside it is refused while parsing with one line saying what was
 * expected ("Invalid value for option '--hidden': 0 is too small (expected an integer >= 1)").
 */
final class Ranges {
  private Ranges() {}

  /** An integer ≥ 1: sizes, counts. */
  static final class Count implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String v) {
      return integer(v, 1);
    }
  }

  /** An integer ≥ 0: class indices. */
  static final class Index implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String v) {
      return integer(v, 0);
    }
  }

  /** A finite number ≥ 0: scales, ρ, learning rates. */
  static final class NonNegative implements ITypeConverter<Double> {
    @Override
    public Double convert(String v) {
      return number(v, 0, Double.MAX_VALUE);
    }
  }

  /** A number in [0, 1]. */
  static final class Fraction implements ITypeConverter<Double> {
    @Override
    public Double convert(String v) {
      return number(v, 0, 1);
    }
  }

  /** A finite number &gt; 0 (with {@code split = ","}: each element of a list). */
  static final class Positive implements ITypeConverter<Double> {
    @Override
    public Double convert(String v) {
      return number(v, Double.MIN_VALUE, Double.MAX_VALUE);
    }
  }

  /** A directory to write, or a new path: not an existing file. */
  static final class OutDir implements ITypeConverter<Path> {
    @Override
    public Path convert(String v) {
      Path p = Path.of(v);
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw new TypeConversionException(v + " is a file (expected a directory)");
      }
      return p;
    }
  }

  private static int integer(String v, int min) {
    int n;
    try {
      n = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + v + "' is not an integer (expected an integer >= "
          + min + ")");
    }
    if (n < min) {
      throw new TypeConversionException(n + " is too small (expected an integer >= " + min + ")");
    }
    return n;
  }

  private static double number(String v, double min, double max) {
    String expected = max == 1 ? "a number in [0, 1]" : min > 0 ? "a finite number > 0"
        : "a finite number >= 0";
    double d;
    try {
      d = Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + v.trim() + "' is not a number (expected " + expected
          + ")");
    }
    if (!(d >= min && d <= max)) {
      throw new TypeConversionException(v.trim() + " is out of range (expected " + expected + ")");
    }
    return d;
  }
}
