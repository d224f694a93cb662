package org.bpttbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bpttbench.report.Comparison;
import org.bpttbench.report.JmhResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "compare",
    description = {"Compare two report directories: NEW/OLD per benchmark, changes outside the"
        + " noise flagged.", "",
        "Prints, for every benchmark + params in both, OLD and NEW score +- JMH error, NEW/OLD"
            + " with the range [(n-en)/(o+eo), (n+en)/(o-eo)], and SLOWER/FASTER when the"
            + " intervals [score +- error] do not overlap, '~ within noise' when they do.", ""})
final class CompareCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "OLD", description = "report directory (e.g."
      + " reports/20250101T120000Z) holding jmh-result.json, or the JSON file itself")
  String old;

  @Parameters(index = "1", paramLabel = "NEW", description = "the same for the newer run (e.g."
      + " reports/latest)")
  String neu;

  @Override
  public Integer call() {
    Comparison c = new Comparison(JmhResults.read(resultFile(old, "OLD")),
        JmhResults.read(resultFile(neu, "NEW")));
    System.out.println("OLD: " + old + "   NEW: " + neu);
    System.out.println();
    System.out.print(c.pairs().isEmpty() ? "no benchmark + params in common\n" : c.table());
    System.out.println();
    System.out.println(c.summary());
    return 0;
  }

  private static Path resultFile(String arg, String which) {
    Path p = Path.of(arg);
    if (Files.isDirectory(p)) {
      Path f = p.resolve("jmh-result.json");
      if (!Files.isRegularFile(f)) {
        throw new IllegalArgumentException(which + " " + arg + ": no jmh-result.json in it"
            + " (expected a report directory)");
      }
      return f;
    }
    if (Files.isRegularFile(p)) {
      return p;
    }
    throw new IllegalArgumentException(which + " " + arg + ": no such directory (expected a"
        + " report directory such as reports/latest)");
  }
}
