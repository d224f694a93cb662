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
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.bpttbench.output.Chart;

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
   * @param load the suite's load.json (may be missing)
   * @param nativeJson benchmarks/native/run-native.sh's native.json (may be missing)
   * @param run the machine and benchmark JVM, from the files beside jmh-result.json
   * @param peers the directory holding the peers' onednn.json and openblas.json, or null
   */
  public record Inputs(List<JmhResult> results, String profile, Path experiments, Path pytorch,
                       String pytorchNote, Path jmhLog, Path load, Path nativeJson,
                       RunRecord run, Path peers) {

    /** Without peer libraries' files. */
    public Inputs(List<JmhResult> results, String profile, Path experiments, Path pytorch,
        String pytorchNote, Path jmhLog, Path load, Path nativeJson, RunRecord run) {
      this(results, profile, experiments, pytorch, pytorchNote, jmhLog, load, nativeJson, run,
          null);
    }
  }

  private Report() {}

  /** Writes REPORT.md and gradnorm/speedup/bptt .png + .csv (those with data) into {@code dir}. */
  public static void write(Inputs in, Path dir) throws IOException {
    List<JmhResult> results = in.results();
    List<String> figures = new ArrayList<>();
    Experiments ex = Experiments.load(in.experiments());
    Path curves = CurveSection.find(in.experiments());
    boolean grad = CurveSection.copyFigure(curves, dir);
    Map<String, List<JmhResult>> kernels =
        BenchSections.byBenchmark(results, BenchSections.KERNEL);
    boolean speed = speedupChart(kernels).saveWithCsv(dir, "speedup", "hidden", "speedup");
    boolean bptt = BpttSection.figure(results, dir);
    boolean seq = SeqSection.figure(results, dir);
    note(figures, grad, "gradnorm.png", "‖dL_T/dh_t‖ (attention: ‖dL_T/dx_t‖) vs t for"
        + " rnn, gru, lstm, lru and attention, log y: the curves experiment's curves.png",
        "no curves experiment");
    note(figures, speed, "speedup.png", "SIMD/scalar speedup vs hidden size per kernel",
        "no kernel result with both scalar and simd");
    note(figures, bptt, "bptt.png", "BPTT time vs T per cell, and vs H at T = 50",
        "no BPTT results");
    if (!SeqSection.seq(results).isEmpty()) {
      note(figures, seq, "seq.png", "forward + backward time vs T for rnn, gru, lstm, lru and"
          + " attention", "no SeqBench results");
    }
    Optional<MachineLoad> load = MachineLoad.read(in.load());
    Optional<PyTorchSection.Torch> torch = in.pytorch() == null ? Optional.empty()
        : Optional.of(PyTorchSection.Torch.read(in.pytorch()));
    Peers peers = Peers.read(in.peers());
    boolean train = TrainSection.figure(results, torch, peers.onednn(), dir);
    if (!TrainSection.train(results).isEmpty()) {
      note(figures, train, "train.png", "sequences per second against batch, per hidden size",
          "no SIMD training results");
    }
    NativeBaseline.Choice nat = NativeBaseline.Choice.of(NativeBaseline.read(in.nativeJson()),
        in.run().vectorBits());
    Optional<MachineLimit> limit = MachineLimit.of(results, in.run().vectorBits() > 0
        ? OptionalInt.of(in.run().vectorBits() / Float.SIZE) : OptionalInt.empty(), nat.run());

    StringBuilder md = new StringBuilder();
    md.append("# bptt-bench report\n\n");
    md.append("Generated ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(" from `jmh-result.json` (").append(results.size())
        .append(" results)").append(in.experiments() == null ? "" : " and the experiments in `"
            + in.experiments().getFileName() + "/`").append(", profile ").append(in.profile())
        .append(".\n\n");
    load.filter(l -> l.run().disturbed() || !l.disturbed().isEmpty()).ifPresent(l ->
        md.append("**Another process competed for the CPU during this run** (").append(l.run()
            .describe()).append("): see [Machine load](#machine-load).\n\n"));
    md.append(new Answers(results, ex, torch, load, limit, nat, peers).markdown());
    md.append(Claims.markdown(ex));
    md.append(MachineSection.markdown(results, in.profile(), in.run()));
    md.append(load.map(MachineLoad::markdown).orElse("### Machine load\n\n_Not recorded: no"
        + " load.json beside jmh-result.json (the suite writes it)._\n\n"));
    md.append(JmhFailures.markdown(JmhFailures.read(in.jmhLog())));
    md.append(CurveSection.markdown(ex, curves, grad));
    md.append(LearnSection.markdown(ex));
    md.append(ExperimentSection.markdown(in.experiments()));
    md.append(BenchSections.kernels(results, limit, nat));
    if (speed) {
      md.append("![SIMD speedup vs hidden size](speedup.png)\n\n");
    }
    md.append(GemmSection.markdown(results, limit, peers));
    md.append(BenchSections.cells(results));
    md.append(BpttSection.markdown(results, bptt));
    md.append(RecurrenceSection.markdown(results, limit));
    md.append(StackSection.markdown(results, torch));
    md.append(SeqSection.markdown(results, seq));
    md.append(TrainSection.markdown(results, torch, peers, limit, train));
    md.append(BenchSections.others(results));
    md.append(PyTorchSection.markdown(torch, in.pytorchNote(), peers.onednn(), results));
    md.append(BenchSections.allocation(results));
    md.append(Prose.get("intervals"));
    md.append("## Files\n\n");
    figures.forEach(f -> md.append("- ").append(f).append('\n'));
    md.append("- `jmh-result.json`: JMH's results, entries as JMH wrote them (input of"
        + " `./run-bench.sh compare`)\n\n");
    Files.writeString(dir.resolve(MARKDOWN), md, StandardCharsets.UTF_8);
  }

  /** SIMD/scalar speedup against hidden size, one series per kernel, with its intervals. */
  private static Chart speedupChart(Map<String, List<JmhResult>> kernels) {
    Chart chart = new Chart("SIMD speedup over scalar (bars: 95 % interval)", "hidden size",
        "speedup (scalar time / SIMD time)").logX();
    kernels.forEach((name, rs) -> {
      TreeMap<Integer, Estimate> points = new TreeMap<>();
      for (BackendTable.Row row : BackendTable.rows(rs)) {
        int h = row.byBackend().values().iterator().next().intParam("hidden");
        row.speedup().filter(s -> h > 0).ifPresent(s -> points.put(h, s));
      }
      chart.add(Estimate.series(name, points.keySet().stream().mapToDouble(Integer::doubleValue)
          .toArray(), points.values(), chart.size(), Chart.Style.LINE));
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
