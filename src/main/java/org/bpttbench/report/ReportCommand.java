package org.bpttbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bpttbench.cli.Args;
import org.bpttbench.cli.Command;
import org.bpttbench.cli.UsageException;

/**
 * {@code report --jmh FILE --curves DIR --out DIR [--profile NAME]}: writes REPORT.md, the PNG
 * figures with their CSVs and a copy of the JMH JSON. Files are written to a hidden directory
 * inside {@code --out} and moved into place only when all are done.
 */
public final class ReportCommand implements Command {

  @Override
  public String name() {
    return "report";
  }

  @Override
  public String summary() {
    return "write REPORT.md + PNG/CSV figures from a JMH JSON result and gradient-norm curves";
  }

  @Override
  public String help() {
    return "usage: report --jmh FILE --out DIR [--curves DIR] [--profile NAME] [--pytorch FILE]\n\n"
        + "  --jmh FILE      JMH result written with -rf json (with -prof gc for B/op); a jmh.log\n"
        + "                  beside it (JMH's console output) lists failed combinations\n"
        + "  --curves DIR    directory of gradnorm outputs: DIR/<cell>/{gradnorm.csv,summary.json}\n"
        + "                  (without it the curve section says so)\n"
        + "  --out DIR       where REPORT.md, gradnorm/speedup/bptt .png+.csv and\n"
        + "                  jmh-result.json go (created if missing)\n"
        + "  --profile NAME  run-bench profile named in the report (default: unknown)\n"
        + "  --experiments DIR  directory of experiment outputs: DIR/<name>/{summary.json,*.png}\n"
        + "  --no-pytorch WHY  one line saying why there is no PyTorch table\n"
        + "  --pytorch FILE  JSON printed by benchmarks/pytorch_bench.py: adds a PyTorch table\n";
  }

  @Override
  public Set<String> valuedOptions() {
    return Set.of("jmh", "curves", "experiments", "out", "profile", "pytorch", "no-pytorch");
  }

  @Override
  public void run(Args args) throws Exception {
    if (!args.positional().isEmpty()) {
      throw new UsageException("unexpected argument '" + args.positional().get(0)
          + "' (report takes only options)");
    }
    Path jmh = Path.of(args.required("jmh"));
    Path out = Path.of(args.required("out"));
    String profile = args.string("profile", "unknown");
    List<JmhResult> results = JmhResults.read(jmh);
    List<GradCurve> curves = List.of();
    String note;
    Path curvesDir = args.path("curves");
    if (curvesDir == null) {
      note = "No curves given (report --curves DIR).";
    } else if (!Files.isDirectory(curvesDir)) {
      throw new UsageException("--curves " + curvesDir + ": not a directory (expected the"
          + " directory holding <cell>/gradnorm.csv)");
    } else {
      curves = GradCurve.readAll(curvesDir);
      note = "No gradnorm.csv under " + curvesDir + ".";
    }
    Path experiments = args.path("experiments");
    if (experiments != null && !Files.isDirectory(experiments)) {
      throw new UsageException("--experiments " + experiments + ": not a directory (expected the"
          + " directory holding <name>/summary.json)");
    }
    Path pytorch = args.path("pytorch");
    if (pytorch != null && !Files.isRegularFile(pytorch)) {
      throw new UsageException("--pytorch " + pytorch + ": no such file (expected the JSON"
          + " printed by benchmarks/pytorch_bench.py)");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageException("--out " + out + ": exists and is not a directory");
    }
    Files.createDirectories(out);
    System.setProperty("java.awt.headless", "true");
    Path tmp = Files.createTempDirectory(out, ".report-partial-");
    try {
      Path log = jmh.toAbsolutePath().resolveSibling("jmh.log");
      Report.write(results, curves, note, profile, pytorch,
          args.string("no-pytorch", "run with ./run-bench.sh --with-pytorch (needs python3 with"
              + " torch)"), log, experiments, tmp);
      Path copy = out.resolve("jmh-result.json");
      if (!Files.exists(copy) || !Files.isSameFile(copy, jmh)) {
        Files.copy(jmh, tmp.resolve("jmh-result.json"), StandardCopyOption.COPY_ATTRIBUTES);
      }
      publish(tmp, out);
    } finally {
      deleteTree(tmp);
    }
    System.out.println("report: wrote " + out.resolve("REPORT.md"));
  }

  /** Moves every file of {@code tmp} into {@code out}, REPORT.md last. */
  private static void publish(Path tmp, Path out) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(tmp)) {
      files = s.sorted(Comparator.comparing((Path p) -> p.getFileName().toString()
          .equals("REPORT.md"))).toList();
    }
    for (Path f : files) {
      Files.move(f, out.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
