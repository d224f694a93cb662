package org.bpttbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bpttbench.output.LearnSummary;
import org.bpttbench.output.Lesson;
import org.bpttbench.output.Numbers;

/**
 * The table REPORT.md opens with: each question a user of this suite asks, the answer as a number
 * with its interval, and a link to the evidence below. ⚠ marks an answer whose benchmarks ran
 * while another process competed for the CPU.
 */
final class Answers {

  private final List<JmhResult> results;
  private final Experiments ex;
  private final Optional<PyTorchSection.Torch> torch;
  private final Optional<MachineLoad> load;
  private final Optional<MachineLimit> limit;
  private final NativeBaseline.Choice nat;
  private final Peers peers;
  private final List<List<String>> rows = new ArrayList<>();

  Answers(List<JmhResult> results, Experiments ex, Optional<PyTorchSection.Torch> torch,
      Optional<MachineLoad> load, Optional<MachineLimit> limit, NativeBaseline.Choice nat) {
    this(results, ex, torch, load, limit, nat, Peers.none());
  }

  /** With the peer libraries of the run (oneDNN, OpenBLAS). */
  Answers(List<JmhResult> results, Experiments ex, Optional<PyTorchSection.Torch> torch,
      Optional<MachineLoad> load, Optional<MachineLimit> limit, NativeBaseline.Choice nat,
      Peers peers) {
    this.peers = peers;
    this.results = results;
    this.ex = ex;
    this.torch = torch;
    this.load = load;
    this.limit = limit;
    this.nat = nat;
  }

  String markdown() {
    simd("gemv", "KernelBench.gemv", Map.of("hidden", "256"), "#kernels-scalar-vs-simd");
    simd("gemvT", "KernelBench.gemvT", Map.of("hidden", "256"), "#kernels-scalar-vs-simd");
    simd("GEMM", "GemmBench.gemm", Map.of("hidden", "256"), "#kernels-scalar-vs-simd");
    against();
    openblas();
    perCell("What does SIMD buy for one cell step forward (H = 128)?", "CellBench.forwardStep",
        Map.of("hidden", "128"), "#cell-steps");
    perCell("… and one cell step backward (H = 128)?", "CellBench.backwardStep",
        Map.of("hidden", "128"), "#cell-steps");
    perCell("… and a whole BPTT pass (T = 50, H = 128)?", "BpttBench.bptt",
        Map.of("hidden", "128", "seqLen", "50"), "#bptt-versus-sequence-length-t");
    linear();
    pytorch();
    onednn();
    training();
    decades();
    learn();
    peak();
    rows.add(List.of("Was the machine quiet during the run?", load.map(MachineLoad::verdict)
        .orElse("not recorded (no load.json beside jmh-result.json)"), link("#machine-load")));
    return "## Answers\n\n" + Tables.markdown(List.of("question", "answer", "evidence"), rows)
        + "\nIntervals: 95 % for the median over all measured iterations (see [How the intervals"
        + " are computed](#how-the-intervals-are-computed)); \"noisy\" marks one wider than ±25 %"
        + " of its value. ⚠: another process competed for the CPU while it was measured."
        + lowCoverage(results) + "\n\n";
  }

  /** A sentence when some intervals come from too few iterations to reach 95 %. */
  static String lowCoverage(List<JmhResult> results) {
    double worst = results.stream().map(JmhResult::estimate).filter(Estimate::known)
        .mapToDouble(Estimate::coverage).min().orElse(1);
    int fewest = results.stream().mapToInt(r -> r.raw().length).filter(n -> n > 0).min()
        .orElse(0);
    return worst < 0.95 ? String.format(java.util.Locale.ROOT, " **Some benchmarks have only %d"
        + " iterations: their intervals are [min–max] and cover the median with only %.0f %%"
        + " probability.**", fewest, 100 * worst) : "";
  }

  private static String link(String anchor) {
    return "[evidence](" + anchor + ")";
  }

  private Optional<BackendTable.Row> row(String bench, Map<String, String> params) {
    List<JmhResult> rs = results.stream().filter(r -> r.shortName().equals(bench)
        && params.entrySet().stream().allMatch(e -> e.getValue().equals(r.param(e.getKey()))))
        .toList();
    return BackendTable.rows(rs).stream().findFirst();
  }

  private String mark(BackendTable.Row row, String text) {
    boolean busy = load.isPresent() && row.byBackend().values().stream()
        .anyMatch(r -> load.get().disturbed(r));
    return busy ? text + " ⚠" : text;
  }

  /** {@code text} with ⚠ when one of the Java results {@code rs} ran on a busy machine. */
  private String mark(List<JmhResult> rs, String text) {
    boolean busy = load.isPresent() && rs.stream().anyMatch(r -> load.get().disturbed(r));
    return busy ? text + " ⚠" : text;
  }

  private void simd(String kernel, String bench, Map<String, String> params, String anchor) {
    Optional<BackendTable.Row> row = row(bench, params);
    rows.add(List.of("What does SIMD buy for " + kernel + " at d = 256?", row.flatMap(r ->
        r.speedup().map(s -> mark(r, s.format("×") + (s.value() >= 1 ? " faster than scalar"
            : " (SIMD slower than scalar)"))))
        .orElse("not measured in this run"), link(anchor)));
  }

  /**
   * SIMD against the best native kernel at d = 256: native median / SIMD median per kernel, with
   * the native data aligned and, when timed, 16 bytes past a 64-byte boundary as Java's is.
   */
  private void against() {
    String answer = nat.run().map(n -> {
      List<String> parts = new ArrayList<>();
      for (String kernel : List.of("gemv", "gemvT")) {
        Optional<JmhResult> simd = row("KernelBench." + kernel, Map.of("hidden", "256"))
            .map(r -> r.byBackend().get("simd"));
        simd.ifPresent(s -> n.best(kernel, 256).ifPresent(k -> parts.add(kernel + " "
            + k.against(s) + " (native " + k.impl() + " " + Numbers.brief(k.gflops())
            + " GFLOP/s)" + n.best(kernel, 256, NativeBaseline.OFFSET16)
                .map(o -> ", " + o.against(s) + " with native data at Java's offset 16")
                .orElse(""))));
      }
      return parts.isEmpty() ? "not measured (no SIMD gemv/gemvT at d = 256 with a native"
          + " time)" : String.join("; ", parts) + "; native " + n.isa() + ", medians";
    }).orElse(nat.why());
    rows.add(List.of("SIMD against the best native code (gemv, gemvT, d = 256)", answer,
        link("#kernels-scalar-vs-simd")));
  }

  private void perCell(String question, String bench, Map<String, String> params,
      String anchor) {
    rows.add(List.of(question, cells(cell -> {
      Map<String, String> p = new java.util.HashMap<>(params);
      p.put("cell", cell);
      return row(bench, p).flatMap(r -> r.speedup().map(s -> mark(r, s.format("×"))));
    }, "not measured in this run"), link(anchor)));
  }

  /** "rnn 3.1× […]; gru …" over the cells that have an answer, else {@code none}. */
  private static String cells(Function<String, Optional<String>> answer, String none) {
    List<String> parts = new ArrayList<>();
    for (String cell : BpttSection.CELLS) {
      answer.apply(cell).ifPresent(a -> parts.add(cell + " " + a));
    }
    return parts.isEmpty() ? none : String.join("; ", parts);
  }

  private void linear() {
    List<BpttSection.Line> lines = BpttSection.againstT(results).stream()
        .filter(l -> l.backend().equals("simd") && l.points().size() >= 3).toList();
    String answer = cells(cell -> lines.stream().filter(l -> l.cell().equals(cell)).findFirst()
        .flatMap(BpttSection::exponent).map(k -> BpttSection.linear(k) + ", k = " + k.format()),
        "not measured (fewer than 3 sequence lengths)");
    rows.add(List.of("Is BPTT cost linear in T (SIMD, time ∝ T^k)?", answer,
        link("#growth-exponent")));
  }

  private void pytorch() {
    String answer = torch.map(t -> cells(cell -> t.javaSpeedup(cell + "_h128_T50", results)
            .map(s -> s.format("×")), "no common workload at H = 128, T = 50")
        + (t.allocatorLine().contains("tuned") ? " (PyTorch with tuned malloc)"
            : " (PyTorch allocator not tuned: see below)"))
        .orElse("PyTorch not measured in this run");
    rows.add(List.of("How much faster is Java SIMD than PyTorch (BPTT, T = 50, H = 128, same run)?",
        answer, link("#pytorch-reference")));
  }

  /** SIMD/OpenBLAS per GEMM (OpenBLAS time / SIMD time), or why not. */
  private void openblas() {
    List<JmhResult> gemms = GemmSection.rows(results, peers.openblas()).stream()
        .flatMap(r -> r.simd().stream()).toList();
    String answer = peers.openblas().isEmpty() ? Peers.OPENBLAS_ABSENT
        : GemmSection.answer(results, peers).map(a -> mark(gemms, a))
            .orElse("no GEMM timed by both in this run");
    rows.add(List.of("SIMD GEMM against OpenBLAS (OpenBLAS time / SIMD time, > 1: SIMD faster)",
        answer, link("#gemm-against-openblas")));
  }

  /** oneDNN / Java SIMD for the BPTT pass at H = 128, T = 50, batch 1. */
  private void onednn() {
    String answer = peers.onednn().map(o -> cells(cell -> PyTorchSection.oneDnnSpeedup(o,
        cell + "_h128_T50", results).map(s -> mark(List.of(PyTorchSection.javaResult(cell
            + "_h128_T50", "simd", results)), s.format("×"))), "no common workload at H = 128,"
        + " T = 50") + " (oneDNN " + o.onednn().version() + ", forward + backward alone)")
        .orElse(Peers.ONEDNN_ABSENT);
    rows.add(List.of("How much faster is Java SIMD than oneDNN's RNN primitive (BPTT, T = 50,"
        + " H = 128, same run)?", answer, link("#pytorch-reference")));
  }

  /** One training update at B = 32 (else the largest batch timed): Java against both peers. */
  private void training() {
    List<JmhResult> simd = TrainSection.train(results).stream()
        .filter(r -> "simd".equals(r.param("backend")) && r.intParam("seqLen") == 50).toList();
    if (simd.isEmpty()) {
      rows.add(List.of("How fast is one training update against PyTorch and oneDNN?",
          "not measured (no SIMD TrainBench in this run)", "—"));
      return;
    }
    int h = simd.stream().anyMatch(r -> r.intParam("hidden") == 128) ? 128
        : simd.get(0).intParam("hidden");
    int b = simd.stream().anyMatch(r -> r.intParam("hidden") == h && r.intParam("batch") == 32)
        ? 32 : simd.stream().filter(r -> r.intParam("hidden") == h)
            .mapToInt(r -> r.intParam("batch")).max().getAsInt();
    String answer = cells(cell -> simd.stream().filter(r -> cell.equals(r.param("cell"))
        && r.intParam("hidden") == h && r.intParam("batch") == b).findFirst().map(r -> {
          List<String> parts = new ArrayList<>();
          TrainSection.torchNanos(torch, r).ifPresent(t -> parts.add(Estimate.ratio(t,
              r.estimateNanos()).format("×") + " PyTorch"));
          TrainSection.oneDnnNanos(peers.onednn(), r).ifPresent(t -> parts.add(Estimate
              .ratio(t, r.estimateNanos()).format("×") + " oneDNN fwd+bwd"));
          return parts.isEmpty() ? "no peer timing" : mark(List.of(r), String.join(", ", parts));
        }), "no SIMD update at this shape");
    List<String> absent = new ArrayList<>();
    if (torch.isEmpty()) {
      absent.add("PyTorch not measured");
    }
    if (peers.onednn().isEmpty()) {
      absent.add("no oneDNN in this run");
    }
    String missing = absent.isEmpty() ? "" : " (" + String.join("; ", absent) + ")";
    rows.add(List.of("How much faster is one Java SIMD training update than PyTorch's (whole"
        + " update) and oneDNN's (forward + backward alone) at H = " + h + ", B = " + b
        + ", T = 50 (peer time / Java time)?", answer + missing, link("#training-one-mini-batch-update")));
  }

  private void decades() {
    String answer = ex.curves().map(c -> cells(cell -> Optional.ofNullable(c.cells().get(cell))
        .map(d -> Numbers.brief(d.decades()) + " (lesson " + Lesson.decay(cell) + ")"),
        "the curves experiment is not in this report") + models(c) + "; one seed, " + c.init()
        + " init")
        .orElse("the curves experiment is not in this report");
    rows.add(List.of("How fast does the gradient vanish (decades per 10 steps back)?", answer,
        link("#gradient-norm-curves")));
  }

  /** "; lru 0.091 (long-range ring), attention −0.057 (‖dL_T/dx_t‖)", or "" before them. */
  private static String models(Experiments.Curves c) {
    StringBuilder sb = new StringBuilder();
    c.models().forEach((id, d) -> sb.append(sb.length() == 0 ? "; " : ", ").append(id)
        .append(' ').append(Numbers.brief(d.decades())).append(" (").append("x_t"
            .equals(d.gradient()) ? "‖dL_T/dx_t‖" : d.init()).append(')'));
    return sb.toString();
  }

  private void learn() {
    Optional<LearnSummary> l = ex.learn().or(ex::learnAdding);
    String answer = l.isEmpty() ? "not run in this report"
        : java.util.stream.Stream.of(ex.learn(), ex.learnAdding()).flatMap(Optional::stream)
            .map(s -> s.task() + ": " + s.cells().keySet().stream().map(cell -> cell + " "
                + s.describe(cell)).collect(java.util.stream.Collectors.joining(", "))
                + s.verdict().map(v -> " (lag " + Lesson.LAG + ": " + v.models().stream()
                    .map(m -> m.id() + " " + m.solved() + "/" + m.seeds())
                    .collect(java.util.stream.Collectors.joining(", ")) + " seeds solved)")
                    .orElse(""))
            .collect(java.util.stream.Collectors.joining("; "));
    rows.add(List.of("Does each cell learn the stretched task (longest lag solved)?", answer,
        l.isPresent() ? link("#can-it-learn") : "—"));
  }

  private void peak() {
    if (limit.isEmpty()) {
      rows.add(List.of("What share of the machine's FMA peak and bandwidth is reached?",
          "not measured (no PeakBench in this run)", link("#machine-limit")));
      return;
    }
    MachineLimit m = limit.get();
    String best = "no GFLOP/s-rated SIMD kernel";
    double bestRate = 0;
    for (JmhResult r : results) {
      Optional<Work> w = Work.of(r);
      if ("simd".equals(r.param("backend")) && w.isPresent()
          && w.get().rateUnit().equals("GFLOP/s")) {
        double rate = w.get().rate(r.estimateNanos()).value();
        if (rate > bestRate) {
          bestRate = rate;
          best = r.method() + " " + (r.param("shape") != null ? r.param("shape")
              : "d = " + r.param("hidden")) + ": " + Numbers.brief(rate)
              + " GFLOP/s = " + m.share(rate) + " (FMA peak " + m.peakLabel() + ")";
        }
      }
    }
    String bw = m.streamGbs().flatMap(s -> results.stream()
        .filter(r -> r.shortName().equals("KernelBench.gemv") && "simd".equals(r.param("backend")))
        .max((a, b) -> Integer.compare(a.intParam("hidden"), b.intParam("hidden")))
        .map(r -> {
          double d = r.intParam("hidden");
          double gbs = 4 * d * d / r.estimateNanos().value();
          return "; gemv d = " + r.param("hidden") + " reads W at " + Numbers.brief(gbs)
              + " GB/s = " + String.format(java.util.Locale.ROOT, "%.0f %%", 100 * gbs
                  / s.value()) + " of the streaming read (" + s.format() + " GB/s; W may sit in"
              + " cache)";
        })).orElse("");
    rows.add(List.of("What share of the machine's FMA peak and bandwidth is reached?",
        "best " + best + bw, link("#machine-limit")));
  }
}
