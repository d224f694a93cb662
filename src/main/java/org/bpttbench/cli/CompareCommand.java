package org.bpttbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bpttbench.report.Comparison;
import org.bpttbench.report.JmhResult;
import org.bpttbench.report.JmhResults;
import org.bpttbench.report.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "compare",
    description = {"Compare two report directories: NEW/OLD per benchmark, changes outside the"
        + " noise flagged.", "",
        "Prints first one line on what differs between the two runs (CPU, vector width, JDK,"
            + " profile, JMH settings, JVM flags, as each report recorded them), then for every"
            + " benchmark + params in both the OLD and NEW medians with their intervals, NEW/OLD"
            + " with its interval [n.lo/o.hi, n.hi/o.lo], and SLOWER/FASTER when the two"
            + " intervals do not overlap, '~ within noise' when they do. On another CPU or vector"
            + " width every verdict is 'not comparable'; another JDK, flags or profile is named"
            + " beside the verdict.", ""})
final class CompareCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "OLD", description = "report directory (e.g."
      + " reports/20250101T120000Z) holding jmh-result.json, or the JSON file itself")
  String old;

  @Parameters(index = "1", paramLabel = "NEW", description = "the same for the newer run (e.g."
      + " reports/latest)")
  String neu;

  @Override
  public Integer call() throws java.io.IOException {
    Path oldFile = resultFile(old, "OLD");
    Path newFile = resultFile(neu, "NEW");
    List<JmhResult> olds = JmhResults.read(oldFile);
    List<JmhResult> news = JmhResults.read(newFile);
    Comparison c = new Comparison(olds, RunRecord.read(oldFile.toAbsolutePath().getParent(), olds),
        news, RunRecord.read(newFile.toAbsolutePath().getParent(), news));
    System.out.println("OLD: " + old + "   NEW: " + neu);
    System.out.println(c.header());
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
