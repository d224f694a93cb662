package org.bpttbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed {@code --name value}, {@code --name=value} and {@code --flag} options of one command.
 * Every option must be declared; unknown ones, missing values and malformed numbers are
 * {@link UsageException}s that name the option and what was expected.
 */
public final class Args {

  private final Map<String, String> values = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  private Args() {}

  /**
   * Parses {@code argv}.
   *
   * @param valued options that take a value (names without the leading dashes)
   * @param flags options that take none
   */
  public static Args parse(List<String> argv, Set<String> valued, Set<String> flags) {
    Args a = new Args();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (!arg.startsWith("--") || arg.equals("--")) {
        a.positional.add(arg);
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!seen.add(name)) {
        throw new UsageException("option --" + name + " given twice");
      }
      if (flags.contains(name)) {
        if (value != null) {
          throw new UsageException("option --" + name + " takes no value");
        }
        a.values.put(name, "true");
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= argv.size() || argv.get(i + 1).startsWith("--")) {
            throw new UsageException("option --" + name + " needs a value");
          }
          value = argv.get(++i);
        }
        a.values.put(name, value);
      } else {
        throw new UsageException("unknown option --" + name + " (see --help)");
      }
    }
    return a;
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public boolean flag(String name) {
    return values.containsKey(name);
  }

  public List<String> positional() {
    return positional;
  }

  public String string(String name, String dflt) {
    return values.getOrDefault(name, dflt);
  }

  public String required(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new UsageException("option --" + name + " is required");
    }
    return v;
  }

  /** A value from a fixed set, e.g. {@code --cell rnn|gru|lstm}. */
  public String choice(String name, String dflt, String... allowed) {
    String v = string(name, dflt);
    for (String ok : allowed) {
      if (ok.equals(v)) {
        return v;
      }
    }
    throw new UsageException("option --" + name + ": '" + v + "' is not one of "
        + String.join(", ", allowed));
  }

  /** An integer that must be at least {@code min}. */
  public int intAtLeast(String name, int dflt, int min) {
    String v = values.get(name);
    if (v == null) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("option --" + name + ": '" + v + "' is not an integer");
    }
    if (n < min) {
      throw new UsageException("option --" + name + ": " + n + " is too small (expected >= "
          + min + ")");
    }
    return n;
  }

  /** A long (e.g. a seed), any value. */
  public long longValue(String name, long dflt) {
    String v = values.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("option --" + name + ": '" + v + "' is not an integer");
    }
  }

  /** A finite number in {@code [min, max]}. */
  public double number(String name, double dflt, double min, double max) {
    String v = values.get(name);
    if (v == null) {
      return dflt;
    }
    double d;
    try {
      d = Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("option --" + name + ": '" + v + "' is not a number");
    }
    if (!Double.isFinite(d) || d < min || d > max) {
      throw new UsageException("option --" + name + ": " + v + " is out of range (expected "
          + min + " .. " + max + ")");
    }
    return d;
  }

  public Path path(String name) {
    String v = values.get(name);
    return v == null ? null : Path.of(v);
  }
}
