package org.bpttbench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.bpttbench.cli.Args;
import org.bpttbench.cli.Command;
import org.bpttbench.cli.UsageException;

/**
 * {@code compare OLD NEW}: for every benchmark + parameters present in both report directories'
 * jmh-result.json, NEW/OLD with both errors, flagging changes outside the noise.
 */
public final class CompareCommand implements Command {

  @Override
  public String name() {
    return "compare";
  }

  @Override
  public String summary() {
    return "compare two report directories: NEW/OLD per benchmark, changes outside the noise flagged";
  }

  @Override
  public String help() {
    return "usage: compare OLD NEW\n\n"
        + "  OLD, NEW   report directories (e.g. reports/20250101T120000Z, reports/latest)\n"
        + "             holding jmh-result.json, or the JSON files themselves\n\n"
        + "Prints, for every benchmark + params in both, OLD and NEW score ± JMH error, NEW/OLD\n"
        + "with the range [(n-en)/(o+eo), (n+en)/(o-eo)], and SLOWER/FASTER when the intervals\n"
        + "[score ± error] do not overlap, '~ within noise' when they do.\n";
  }

  @Override
  public Set<String> valuedOptions() {
    return Set.of();
  }

  @Override
  public void run(Args args) {
    List<String> pos = args.positional();
    if (pos.size() != 2) {
      throw new UsageException("expected two report directories, OLD and NEW (got "
          + pos.size() + " arguments)");
    }
    List<JmhResult> olds = JmhResults.read(resultFile(pos.get(0), "OLD"));
    List<JmhResult> news = JmhResults.read(resultFile(pos.get(1), "NEW"));
    Comparison c = new Comparison(olds, news);
    System.out.println("OLD: " + pos.get(0) + "   NEW: " + pos.get(1));
    System.out.println();
    if (c.pairs().isEmpty()) {
      System.out.println("no benchmark + params in common");
    } else {
      System.out.print(c.table());
    }
    long changed = c.pairs().stream().filter(p -> p.verdict().equals("SLOWER")
        || p.verdict().equals("FASTER")).count();
    System.out.println();
    System.out.println(c.pairs().size() + " compared, " + changed + " outside the noise, "
        + c.onlyOld().size() + " only in OLD, " + c.onlyNew().size() + " only in NEW");
    c.onlyOld().forEach(k -> System.out.println("  only in OLD: " + k));
    c.onlyNew().forEach(k -> System.out.println("  only in NEW: " + k));
  }

  private static Path resultFile(String arg, String which) {
    Path p = Path.of(arg);
    if (Files.isDirectory(p)) {
      Path f = p.resolve("jmh-result.json");
      if (!Files.isRegularFile(f)) {
        throw new UsageException(which + " " + arg + ": no jmh-result.json in it (expected a"
            + " report directory)");
      }
      return f;
    }
    if (Files.isRegularFile(p)) {
      return p;
    }
    throw new UsageException(which + " " + arg + ": no such directory (expected a report"
        + " directory such as reports/latest)");
  }
}
