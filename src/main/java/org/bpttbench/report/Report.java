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
import java.util.TreeMap;

/** Assembles REPORT.md and the figures from parsed results and experiment outputs into one directory. */
public final class Report {
  public static final String MARKDOWN = "REPORT.md";

  /**
   * What a report is made from.
   *
   * @param experiments the output of {@code experiments --out DIR}, or null
   * @param pytorch output of benchmarks/pytorch_bench.py, or null
   * @param pytorchNote why PyTorch was not measured, when {@code pytorch} is null
   * @param jmhLog JMH's console output, to list failed combinations (may be missing)
   */
  public record Inputs(List<JmhResult> results, String profile, Path experiments, Path pytorch,
                       String pytorchNote, Path jmhLog) {}

  private Report() {}

  /** Writes REPORT.md and gradnorm/speedup/bptt .png + .csv (those with data) into {@code dir}. */
  public static void write(Inputs in, Path dir) throws IOException {
    List<JmhResult> results = in.results();
    List<String> figures = new ArrayList<>();
    Path curves = CurveSection.find(in.experiments());
    boolean grad = CurveSection.copyFigure(curves, dir);
    Map<String, List<JmhResult>> kernels =
        BenchSections.byBenchmark(results, BenchSections.KERNEL);
    boolean speed = speedupChart(kernels).saveWithCsv(dir, "speedup", "hidden", "speedup");
    Chart bpttChart = new Chart("BPTT time vs sequence length T", "T (sequence length, log)",
        "time per BPTT pass, ns (log)").logX().logY();
    BpttSection.series(results).forEach((label, xy) ->
        bpttChart.add(label, xy[0], xy[1], Chart.Style.LINE));
    boolean bptt = bpttChart.saveWithCsv(dir, "bptt", "T", "ns_per_op");
    note(figures, grad, "gradnorm.png", "‖dL_T/dh_t‖ vs t, log y: the curves experiment's"
        + " curves.png", "no curves experiment");
    note(figures, speed, "speedup.png", "SIMD/scalar speedup vs hidden size per kernel",
        "no kernel result with both scalar and simd");
    note(figures, bptt, "bptt.png", "BPTT time vs T, log–log, per cell and backend",
        "no BPTT results");

    StringBuilder md = new StringBuilder();
    md.append("# bptt-bench report\n\n");
    md.append("Generated ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(" from `jmh-result.json` (").append(results.size())
        .append(" results)").append(in.experiments() == null ? "" : " and the experiments in `"
            + in.experiments().getFileName() + "/`").append(".\n\n");
    if (results.stream().anyMatch(r -> Double.isNaN(r.error()))) {
      md.append("`± ?` marks scores without a JMH error estimate (JMH needs at least 3"
          + " measurement iterations in all): their speedup ranges and comparisons are not"
          + " meaningful.\n\n");
    }
    md.append(CurveSection.markdown(in.experiments(), curves, grad));
    md.append(LearnSection.markdown(in.experiments()));
    md.append(ExperimentSection.markdown(in.experiments()));
    md.append(MachineSection.markdown(results, in.profile()));
    md.append(JmhFailures.markdown(JmhFailures.read(in.jmhLog())));
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
    md.append(in.pytorch() != null ? PyTorchSection.markdown(in.pytorch(), results)
        : PyTorchSection.absent(in.pytorchNote()));
    md.append(BenchSections.allocation(results));
    md.append("## Files\n\n");
    figures.forEach(f -> md.append("- ").append(f).append('\n'));
    md.append("- `jmh-result.json`: JMH's results, entries as JMH wrote them (input of"
        + " `./run-bench.sh compare`)\n\n");
    Files.writeString(dir.resolve(MARKDOWN), md, StandardCharsets.UTF_8);
  }

  /** SIMD/scalar speedup against hidden size, one series per kernel. */
  private static Chart speedupChart(Map<String, List<JmhResult>> kernels) {
    Chart chart = new Chart("SIMD speedup over scalar", "hidden size",
        "speedup (scalar time / SIMD time)").logX();
    kernels.forEach((name, rs) -> {
      TreeMap<Integer, Double> points = new TreeMap<>();
      for (BackendTable.Row row : BackendTable.rows(rs)) {
        int h = row.byBackend().values().iterator().next().intParam("hidden");
        row.speedup().filter(s -> h > 0).ifPresent(s -> points.put(h, s.value()));
      }
      chart.add(name, points.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
          points.values().stream().mapToDouble(Double::doubleValue).toArray(), Chart.Style.LINE);
    });
    return chart;
  }

  private static void note(List<String> figures, boolean made, String png, String what,
      String why) {
    String csv = png.replace(".png", ".csv");
    figures.add(made ? "`" + png + "` (" + what + ") with its data in `" + csv + "`"
        : "`" + png + "` omitted: " + why);
  }
}
