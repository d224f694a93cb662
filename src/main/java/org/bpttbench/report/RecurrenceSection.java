package org.bpttbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bpttbench.cell.CellKind;

/**
 * Where a BPTT pass spends its time, by subtraction: {@code RecurrenceBench} times only the
 * recurrent matrix-vector work of a pass (per step a {@code gemv} on the stacked
 * {@code weight_hh} and a {@code gemvT} of it), {@code BpttBench} the whole pass at the same cell,
 * backend, H and T. Per recurrence result: the share of the pass, the rest, the recurrence's rate,
 * and its time per step against {@code KernelBench}'s standalone gemv + gemvT at d = H.
 */
final class RecurrenceSection {

  static final String TITLE = "Where a BPTT pass spends its time";

  /**
   * One {@code RecurrenceBench} result with what it is compared with, when the run measured it.
   *
   * @param pass the {@code BpttBench} pass at the same cell, backend, hidden and seqLen
   * @param standalone {@code KernelBench} gemv + gemvT at d = hidden, same backend, in ns
   */
  record Row(JmhResult recurrence, Optional<JmhResult> pass, Optional<Estimate> standalone) {

    /** recurrence / pass. */
    Optional<Estimate> share() {
      return pass.map(p -> Estimate.ratio(recurrence.estimateNanos(), p.estimateNanos()));
    }

    /** pass − recurrence: projections, weight-gradient GEMMs, activations, read-out; in ns. */
    Optional<Estimate> rest() {
      return pass.map(p -> Estimate.difference(p.estimateNanos(), recurrence.estimateNanos()));
    }

    /** Recurrence time per step over G × (gemv + gemvT): 1 is the standalone speed. */
    Optional<Estimate> againstStandalone() {
      int gates = CellKind.fromId(recurrence.param("cell")).gates;
      Estimate perStep = recurrence.estimateNanos().times(1.0 / recurrence.intParam("seqLen"));
      return standalone.map(s -> Estimate.ratio(perStep, s.times(gates)));
    }
  }

  private static final Comparator<Row> ORDER = Comparator
      .comparingInt((Row r) -> BpttSection.CELLS.indexOf(r.recurrence().param("cell")))
      .thenComparing(r -> r.recurrence().param("backend"))
      .thenComparingInt(r -> r.recurrence().intParam("hidden"))
      .thenComparingInt(r -> r.recurrence().intParam("seqLen"));

  private RecurrenceSection() {}

  /** One row per time-per-op {@code RecurrenceBench} result with all four parameters, in order. */
  static List<Row> rows(List<JmhResult> results) {
    List<Row> out = new ArrayList<>();
    for (JmhResult r : results) {
      if (BenchSections.RECURRENCE.test(r.className()) && r.lowerIsBetter()
          && r.param("cell") != null && r.param("backend") != null && r.intParam("hidden") > 0
          && r.intParam("seqLen") > 0) {
        out.add(new Row(r, matching(results, "BpttBench.bptt", r, "cell", "backend", "hidden",
            "seqLen"), standalone(results, r)));
      }
    }
    out.sort(ORDER);
    return out;
  }

  private static Optional<Estimate> standalone(List<JmhResult> results, JmhResult r) {
    Optional<JmhResult> gemv = matching(results, "KernelBench.gemv", r, "backend", "hidden");
    Optional<JmhResult> gemvT = matching(results, "KernelBench.gemvT", r, "backend", "hidden");
    return gemv.flatMap(a -> gemvT.map(b -> Estimate.sum(a.estimateNanos(), b.estimateNanos())));
  }

  /** The first result of benchmark {@code name} whose {@code keys} equal those of {@code like}. */
  private static Optional<JmhResult> matching(List<JmhResult> results, String name,
      JmhResult like, String... keys) {
    return results.stream().filter(r -> r.shortName().equals(name)
        && r.mode().equals(like.mode())
        && Arrays.stream(keys).allMatch(k -> Objects.equals(r.param(k), like.param(k))))
        .findFirst();
  }

  static String markdown(List<JmhResult> results, Optional<MachineLimit> limit) {
    StringBuilder sb = new StringBuilder("### ").append(TITLE).append("\n\n");
    List<Row> rows = rows(results);
    if (rows.isEmpty()) {
      return sb.append("_No recurrence benchmark (RecurrenceBench) in this run: the pass is not"
          + " broken down._\n\n").toString();
    }
    sb.append("`RecurrenceBench.recurrence` times only the recurrent matrix–vector work of a"
        + " pass, the part that cannot be batched over time: per step the product with the"
        + " stacked `weight_hh` (G·H × H; G = 1 rnn, 3 gru, 4 lstm) as the cells run it (W_hhᵀ"
        + " packed once per pass and one row times its panels; a `gemv` with the bias for fewer"
        + " than 4 steps or a W_hh over 1 MiB) and a `gemvT` of it."
        + " This is profiling by subtraction: it assumes the kernels take as long inside the"
        + " pass as alone.\n\n"
        + "- **rest** = pass − recurrence: the input projection and the weight-gradient GEMMs"
        + " (once over all steps), the activations and the read-out.\n"
        + "- Times are medians [95 % interval] in µs; the share (recurrence / pass) and the rest"
        + " take their bounds from both sides: [r.lo / p.hi, r.hi / p.lo], [p.lo − r.hi, p.hi −"
        + " r.lo].\n"
        + "- **GFLOP/s** counts 4·G·H²·T per recurrence: 2·G·H² for each gemv and each gemvT"
        + " (the bias adds are not counted).\n"
        + "- **in-recurrence / standalone** = the recurrence's time per step / (G × (`KernelBench`"
        + " gemv + gemvT at d = H)), same backend, same run: about 1 means the kernels run at"
        + " their standalone speed inside the recurrence. For gru and lstm it sets the stacked"
        + " G·H × H matrix against G square H × H calls: an approximation.\n"
        + "- —: the run has no such pass or kernel.\n\n");
    List<List<String>> table = new ArrayList<>();
    for (Row row : rows) {
      JmhResult r = row.recurrence();
      table.add(List.of(r.param("cell"), r.param("hidden"), r.param("seqLen"),
          r.param("backend"),
          row.pass().map(p -> micros(p.estimateNanos())).orElse("—"),
          micros(r.estimateNanos()),
          row.share().map(s -> s.times(100).format(" %")).orElse("—"),
          row.rest().map(RecurrenceSection::micros).orElse("—"),
          Work.of(r).map(w -> BackendTable.rate(w, r, limit)).orElse("—"),
          row.againstStandalone().map(Estimate::format).orElse("—")));
    }
    return sb.append(Tables.markdown(List.of("cell", "H", "T", "backend", "BPTT pass (µs)",
        "recurrence (µs)", "share of the pass", "rest (µs)", "recurrence GFLOP/s",
        "in-recurrence / standalone"), table)).append('\n').toString();
  }

  private static String micros(Estimate nanos) {
    return nanos.times(1e-3).format();
  }
}
