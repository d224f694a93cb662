package org.bpttbench.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * {@link Suite}'s command line: {@code [--profile NAME] [--only REGEX] [--out FILE] [--list]
 * [-- JMH ARGS...]}. JMH's arguments are parsed by JMH itself and override the profile's.
 *
 * @param only JMH include regex (found anywhere in the benchmark's full name), or null for all
 * @param jmh the arguments after {@code --}
 */
record SuiteOptions(Profiles.Profile profile, Pattern only, Path out, boolean list, boolean help,
    CommandLineOptions jmh) {

  static final String USAGE = """
      usage: Suite [--profile smoke|default|full] [--only REGEX] [--out FILE] [--list] [-- JMH ARGS]
        --profile NAME  smoke (~2 min), default (< 10 min, the default) or full (hours)
        --only REGEX    only the profile's benchmarks whose name matches (JMH include regex)
        --out FILE      JMH's JSON result file (default jmh-result.json); load.json goes beside it
        --list          print what would run and the estimated time, run nothing
        -- JMH ARGS     JMH options replacing the profile's: -f -wi -w -i -r, -p NAME=V1,V2, ...
                        (not -rf/-rff/-o, which the suite sets, nor a benchmark regex: use --only)""";

  /** JMH options that would fight the suite over where results and console output go. */
  private static final List<String> REFUSED = List.of("-rf", "-rff", "-o");

  /** Parses the arguments; throws {@link IllegalArgumentException} with a one-line message. */
  static SuiteOptions parse(String... args) {
    String profile = "default";
    String only = null;
    String out = "jmh-result.json";
    boolean list = false;
    boolean help = false;
    String[] jmhArgs = new String[0];
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--profile" -> profile = value(args, i++);
        case "--only" -> only = value(args, i++);
        case "--out" -> out = value(args, i++);
        case "--list" -> list = true;
        case "--help", "-h" -> help = true;
        case "--" -> {
          jmhArgs = Arrays.copyOfRange(args, i + 1, args.length);
          i = args.length;
        }
        default -> throw new IllegalArgumentException("unknown option '" + a
            + "' (expected --profile, --only, --out, --list, --help or -- JMH ARGS)");
      }
    }
    return new SuiteOptions(Profiles.named(profile), only == null ? null : regex(only),
        Path.of(out), list, help, jmh(jmhArgs));
  }

  private static String value(String[] args, int i) {
    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
      throw new IllegalArgumentException("option " + args[i] + " needs a value");
    }
    return args[i + 1];
  }

  private static Pattern regex(String only) {
    try {
      return Pattern.compile(only);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("--only '" + only + "': not a regular expression ("
          + e.getDescription() + ")");
    }
  }

  private static CommandLineOptions jmh(String[] args) {
    for (String a : args) {
      if (REFUSED.contains(a)) {
        throw new IllegalArgumentException("JMH option " + a
            + " is set by the suite (results go to --out FILE)");
      }
    }
    CommandLineOptions jmh;
    try {
      jmh = new CommandLineOptions(args);
    } catch (CommandLineOptionException e) {
      throw new IllegalArgumentException("JMH options after --: " + e.getMessage());
    }
    if (!jmh.getIncludes().isEmpty()) {
      throw new IllegalArgumentException("JMH options after --: '" + jmh.getIncludes().get(0)
          + "' is a benchmark regex (use --only REGEX)");
    }
    if (jmh.shouldHelp() || jmh.shouldList() || jmh.shouldListWithParams()
        || jmh.shouldListProfilers() || jmh.shouldListResultFormats()) {
      throw new IllegalArgumentException("JMH options after --: listing and help are JMH's own "
          + "(use --list, or java -jar benchmarks.jar -h)");
    }
    return jmh;
  }
}
