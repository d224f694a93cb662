package org.bpttbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Assembles REPORT.md and the figures from parsed results and curves into one directory. */
public final class Report {

  private Report() {}

  /**
   * Writes REPORT.md, gradnorm/speedup/bptt .png + .csv (those with data) into {@code dir}.
   *
   * @param curvesNote why there are no curves, used when {@code curves} is empty
   * @param pytorch output of benchmarks/pytorch_bench.py, or null
   * @param pytorchNote why PyTorch was not measured, when {@code pytorch} is null
   * @param jmhLog JMH's console output, to list failed combinations, or null
   * @param experiments directory of experiment outputs ({@code <name>/summary.json}), or null
   */
  public static void write(List<JmhResult> results, List<GradCurve> curves, String curvesNote,
      String profile, Path pytorch, String pytorchNote, Path jmhLog, Path experiments,
      Path dir) throws IOException {
    List<String> figures = new ArrayList<>();
    boolean grad = Plots.gradnorm(curves, dir);
    Map<String, List<JmhResult>> kernels =
        BenchSections.byBenchmark(results, BenchSections.KERNEL);
    boolean speed = Plots.speedup(kernels, dir);
    boolean bptt = Plots.bptt(BpttSection.series(results), dir);
    note(figures, grad, "gradnorm.png", "‖dL_T/dh_t‖ vs t, log y", "no gradient-norm curves");
    note(figures, speed, "speedup.png", "SIMD/scalar speedup vs hidden size per kernel",
        "no kernel result with both scalar and simd");
    note(figures, bptt, "bptt.png", "BPTT time vs T, log–log, per cell and backend",
        "no BPTT results");

    StringBuilder md = new StringBuilder();
    md.append("# bptt-bench report\n\n");
    md.append("Generated ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(" from `jmh-result.json` (").append(results.size())
        .append(" results) and ").append(curves.size()).append(" gradient-norm curve(s).\n\n");
    if (results.stream().anyMatch(r -> Double.isNaN(r.error()))) {
      md.append("`± ?` marks scores without a JMH error estimate (JMH needs at least 3"
          + " measurement iterations in all): their speedup ranges and comparisons are not"
          + " meaningful.\n\n");
    }
    md.append(CurveSection.markdown(curves, curvesNote, grad));
    md.append(ExperimentSection.markdown(experiments));
    md.append(MachineSection.markdown(results, profile));
    md.append(JmhFailures.markdown(JmhFailures.read(jmhLog)));
    md.append(BenchSections.kernels(results));
    if (speed) {
      md.append("![SIMD speedup vs hidden size](speedup.png)\n\n");
    }
    md.append(BenchSections.cells(results));
    md.append(BpttSection.markdown(results));
    if (bptt) {
      md.append("![BPTT time vs T](bptt.png)\n\n");
    }
    md.append(BenchSections.others(results));
    md.append(pytorch != null ? PyTorchSection.markdown(pytorch, results)
        : PyTorchSection.absent(pytorchNote));
    md.append(BenchSections.allocation(results));
    md.append("## Files\n\n");
    figures.forEach(f -> md.append("- ").append(f).append('\n'));
    md.append("- `jmh-result.json`: JMH's results, entries as JMH wrote them (input of"
        + " `./run-bench.sh compare`)\n\n");
    Files.writeString(dir.resolve("REPORT.md"), md, StandardCharsets.UTF_8);
  }

  private static void note(List<String> figures, boolean made, String png, String what,
      String why) {
    String csv = png.replace(".png", ".csv");
    figures.add(made ? "`" + png + "` (" + what + ") with its data in `" + csv + "`"
        : "`" + png + "` omitted: " + why);
  }
}
