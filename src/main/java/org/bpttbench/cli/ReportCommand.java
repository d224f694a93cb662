package org.bpttbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.bpttbench.io.StagedDirectory;
import org.bpttbench.report.JmhResult;
import org.bpttbench.report.JmhResults;
import org.bpttbench.report.NativeBaseline;
import org.bpttbench.report.Report;
import org.bpttbench.report.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report",
    description = {"Write REPORT.md + PNG/CSV figures from a JMH JSON result and the"
        + " experiments' outputs; optionally publish the directory.", ""},
    footer = {"", "Writes into --out: REPORT.md, gradnorm.png/.csv (the curves experiment's"
        + " figure), speedup.png/.csv, bptt.png/.csv, jmh-result.json (REPORT.md last, the rest"
        + " staged beside it first). With --publish, --out is then renamed to"
        + " REPORTS_DIR/<UTC yyyyMMdd'T'HHmmss'Z'> (-2, -3 ... when taken) and REPORTS_DIR/latest"
        + " is repointed at it atomically; the published path is printed."})
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--jmh", required = true, paramLabel = "FILE", description = "JMH result"
      + " written with -rf json (with -prof gc for B/op); a jmh.log beside it (JMH's console"
      + " output) lists failed combinations, the suite's load.json beside it the machine's"
      + " load, and native.json, onednn.json and openblas.json beside it the peers (native C"
      + " gemv, oneDNN's RNN primitives, OpenBLAS sgemm)")
  Path jmh;

  @Option(names = "--out", required = true, paramLabel = "DIR", converter = Ranges.OutDir.class,
      description = "where the report goes (created if missing; other files in it are kept)")
  Path out;

  @Option(names = "--experiments", paramLabel = "DIR", description = "the output of"
      + " `experiments --out DIR`: DIR/<name>/{summary.json,*.png}; DIR/curves/ gives the"
      + " gradient-norm section (without it the section says so)")
  Path experiments;

  @Option(names = "--profile", paramLabel = "NAME", defaultValue = "unknown",
      description = "run-bench profile named in the report (default ${DEFAULT-VALUE})")
  String profile;

  @Option(names = "--pytorch", paramLabel = "FILE", description = "JSON printed by"
      + " benchmarks/pytorch_bench.py: adds a PyTorch table")
  Path pytorch;

  @Option(names = "--no-pytorch", paramLabel = "WHY", defaultValue = "run with ./run-bench.sh"
      + " --with-pytorch (needs python3 with torch)",
      description = "one line saying why there is no PyTorch table")
  String noPytorch;

  @Option(names = "--publish", paramLabel = "REPORTS_DIR", description = "after writing, rename"
      + " --out to REPORTS_DIR/<UTC stamp> and point REPORTS_DIR/latest at it")
  Path publish;

  @Override
  public Integer call() throws Exception {
    if (experiments != null && !Files.isDirectory(experiments)) {
      throw new IllegalArgumentException("--experiments " + experiments + ": not a directory"
          + " (expected the output of `experiments --out DIR`)");
    }
    if (pytorch != null && !Files.isRegularFile(pytorch)) {
      throw new IllegalArgumentException("--pytorch " + pytorch + ": no such file (expected the"
          + " JSON printed by benchmarks/pytorch_bench.py)");
    }
    List<JmhResult> results = JmhResults.read(jmh);
    Report.Inputs in = new Report.Inputs(results, profile, experiments, pytorch,
        noPytorch, jmh.toAbsolutePath().resolveSibling("jmh.log"),
        jmh.toAbsolutePath().resolveSibling("load.json"),
        jmh.toAbsolutePath().resolveSibling(NativeBaseline.FILE),
        RunRecord.read(jmh.toAbsolutePath().getParent(), results),
        jmh.toAbsolutePath().getParent());
    try (StagedDirectory stage = StagedDirectory.merging(out, Report.MARKDOWN)) {
      Report.write(in, stage.path());
      for (Path f : List.of(jmh, jmh.resolveSibling(RunRecord.FILE))) { // compare reads both
        Path copy = out.resolve(f.getFileName().toString().equals(RunRecord.FILE)
            ? RunRecord.FILE : "jmh-result.json");
        if (Files.isRegularFile(f) && (!Files.exists(copy) || !Files.isSameFile(copy, f))) {
          Files.copy(f, stage.path().resolve(copy.getFileName()));
        }
      }
      stage.commit();
    }
    System.out.println("report: wrote " + out.resolve(Report.MARKDOWN));
    if (publish != null) {
      System.out.println("report: published "
          + StagedDirectory.publish(out, publish, Instant.now()));
    }
    return 0;
  }
}
